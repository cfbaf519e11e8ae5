#!/bin/sh
# sysext --force with raw images (edge cases 17, 19):
#   good.raw      compatible
#   oldver.raw    VERSION_ID=41 (incompatible)
#   ostree.raw    ships usr/lib/os-release
#   utf8bad.raw   release file with invalid UTF-8
#   arm.raw       ARCHITECTURE=arm64
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
R='ID=fakeos
VERSION_ID=42'
E=/var/lib/extensions
s=$(fx_stage good); fx_sysext_tree "$s" good "$R"; fx_raw_erofs "$s" $E/good.raw
s=$(fx_stage oldver); fx_sysext_tree "$s" oldver 'ID=fakeos
VERSION_ID=41'; fx_raw_erofs "$s" $E/oldver.raw
s=$(fx_stage ostree); fx_sysext_tree "$s" ostree "$R"
printf 'ID=fakeos\nVERSION_ID=42\n' > "$s/usr/lib/os-release"; fx_raw_squashfs "$s" $E/ostree.raw
s=$(fx_stage utf8bad); fx_sysext_tree "$s" utf8bad "$R"
printf 'ID=fakeos\nVERSION_ID=42\nPRETTY_NAME="\377\376"\n' > "$s/usr/lib/extension-release.d/extension-release.utf8bad"
fx_raw_erofs "$s" $E/utf8bad.raw
s=$(fx_stage arm); fx_sysext_tree "$s" arm "$R
ARCHITECTURE=arm64"; fx_raw_erofs "$s" $E/arm.raw
fx_finish
