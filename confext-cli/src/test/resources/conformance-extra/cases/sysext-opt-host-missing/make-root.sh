#!/bin/sh
# sysext: host has no /opt, the extension ships /opt/x (edge case 47); squashfs raw sysext.
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
R='ID=fakeos
VERSION_ID=42'
rmdir "$T/opt"
s=$(fx_stage optx); fx_sysext_tree "$s" optx "$R"
mkdir -p "$s/opt/optx"; printf 'optx file\n' > "$s/opt/optx/x.txt"
fx_raw_squashfs "$s" /var/lib/extensions/optx.raw
fx_finish
