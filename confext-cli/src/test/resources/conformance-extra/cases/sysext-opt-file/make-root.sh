#!/bin/sh
# sysext: an extension ships /opt as a regular file (edge case 46).
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
R='ID=fakeos
VERSION_ID=42'
fx_sysext /var/lib/extensions/good good "$R"
fx_sysext /var/lib/extensions/optfile optfile "$R"
fx_write /var/lib/extensions/optfile/opt "not a directory"
fx_finish
