#!/bin/sh
# Raw sysext images (erofs and squashfs) shipping usr/lib/os-release (edge case 19).
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
R='ID=fakeos
VERSION_ID=42'
s=$(fx_stage good); fx_sysext_tree "$s" good "$R"
fx_raw_erofs "$s" /var/lib/extensions/good.raw
s=$(fx_stage bad); fx_sysext_tree "$s" bad "$R"
printf 'ID=fakeos\nVERSION_ID=42\n' > "$s/usr/lib/os-release"
fx_raw_erofs "$s" /var/lib/extensions/bad.raw
s=$(fx_stage badsq); fx_sysext_tree "$s" badsq "$R"
printf 'ID=fakeos\nVERSION_ID=42\n' > "$s/usr/lib/os-release"
fx_raw_squashfs "$s" /var/lib/extensions/badsq.sysext.raw
fx_finish
