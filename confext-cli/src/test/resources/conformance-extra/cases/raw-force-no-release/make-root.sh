#!/bin/sh
# confext --force: a raw image without any extension-release file, next to a good one.
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
R='ID=fakeos
VERSION_ID=42'
s=$(fx_stage good); fx_confext_tree "$s" good "$R"; fx_raw_erofs "$s" /var/lib/confexts/good.raw
s=$(fx_stage norel); fx_confext_tree "$s" norel "$R"
rm -r "$s/etc/extension-release.d"; fx_raw_erofs "$s" /var/lib/confexts/norel.raw
fx_finish
