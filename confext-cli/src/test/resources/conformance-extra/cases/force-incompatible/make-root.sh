#!/bin/sh
# --force on every verb: incompatible images are merged too (edge case 17).
#   wrongver   VERSION_ID=41          wrongid   ID=other
#   arm        ARCHITECTURE=arm64     good      compatible
#   norel      directory without extension-release (no release data at all)
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
fx_finish
