#!/bin/sh
# SYSTEMD_SYSEXT_HIERARCHIES=/usr::/opt (edge case 78).
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
R='ID=fakeos
VERSION_ID=42'
fx_sysext /var/lib/extensions/foo foo "$R"
fx_finish
