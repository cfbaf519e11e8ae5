#!/bin/sh
# --force on every verb: incompatible images are merged too (edge case 17).
#   wrongver   VERSION_ID=41          wrongid   ID=other
#   arm        ARCHITECTURE=arm64     good      compatible
#   norel      directory without extension-release (no release data at all)
#   twofiles   two fallback release files, both user.extension-release.strict=0 (ambiguous)
#   utf8bad    release file with invalid UTF-8 (unparsable)
#   isdir      extension-release.isdir is a directory
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
C=/var/lib/confexts
fx_confext $C/wrongver wrongver 'ID=fakeos
VERSION_ID=41'
fx_confext $C/wrongid wrongid 'ID=other
VERSION_ID=42'
fx_confext $C/arm arm 'ID=fakeos
VERSION_ID=42
ARCHITECTURE=arm64'
fx_confext $C/good good 'ID=fakeos
VERSION_ID=42'
fx_write $C/norel/etc/norel.conf "norel"
fx_confext $C/twofiles x1 'ID=fakeos
VERSION_ID=42'
fx_write $C/twofiles/etc/extension-release.d/extension-release.x2 'ID=fakeos
VERSION_ID=42'
fx_xattr $C/twofiles/etc/extension-release.d/extension-release.x1 user.extension-release.strict 0
fx_xattr $C/twofiles/etc/extension-release.d/extension-release.x2 user.extension-release.strict 0
fx_confext $C/utf8bad utf8bad 'ID=fakeos'
printf 'ID=fakeos\nVERSION_ID=42\nPRETTY_NAME="\377\376"\n' > "$(fx_p $C/utf8bad/etc/extension-release.d/extension-release.utf8bad)"
fx_write $C/isdir/etc/isdir.conf "isdir"
fx_mkdir $C/isdir/etc/extension-release.d/extension-release.isdir
fx_finish
