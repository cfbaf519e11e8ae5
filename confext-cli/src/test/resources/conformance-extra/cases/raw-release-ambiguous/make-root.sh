#!/bin/sh
# Raw erofs confext with two strict=0 release files (edge case 23): ambiguous.
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
R='ID=fakeos
VERSION_ID=42'
s=$(fx_stage good); fx_confext_tree "$s" good "$R"
fx_raw_erofs "$s" /var/lib/confexts/good.raw
s=$(fx_stage two); fx_confext_tree "$s" x1 "$R"
printf '%s\n' "$R" > "$s/etc/extension-release.d/extension-release.x2"
python3 -c 'import os,sys; os.setxattr(sys.argv[1], sys.argv[2], sys.argv[3].encode())' "$s/etc/extension-release.d/extension-release.x1" user.extension-release.strict 0
python3 -c 'import os,sys; os.setxattr(sys.argv[1], sys.argv[2], sys.argv[3].encode())' "$s/etc/extension-release.d/extension-release.x2" user.extension-release.strict 0
fx_raw_erofs "$s" /var/lib/confexts/two.raw
fx_finish
