#!/bin/sh
# A raw erofs confext whose release file has invalid UTF-8, next to a good raw image.
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
R='ID=fakeos
VERSION_ID=42'
s=$(fx_stage good); fx_confext_tree "$s" good "$R"
fx_raw_erofs "$s" /var/lib/confexts/good.raw
s=$(fx_stage bad); fx_confext_tree "$s" utf8bad "$R"
printf 'ID=fakeos\nVERSION_ID=42\nPRETTY_NAME="\377\376"\n' > "$s/etc/extension-release.d/extension-release.utf8bad"
fx_raw_erofs "$s" /var/lib/confexts/utf8bad.raw
fx_finish
