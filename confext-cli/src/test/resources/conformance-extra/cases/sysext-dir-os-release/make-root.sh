#!/bin/sh
# sysext directory image shipping usr/lib/os-release next to a good one (edge case 18).
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
R='ID=fakeos
VERSION_ID=42'
fx_sysext /var/lib/extensions/good good "$R"
fx_sysext /var/lib/extensions/bad bad "$R"
fx_write /var/lib/extensions/bad/usr/lib/os-release 'ID=fakeos
VERSION_ID=42'
fx_finish
