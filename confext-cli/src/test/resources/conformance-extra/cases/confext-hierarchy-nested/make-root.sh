#!/bin/sh
# SYSTEMD_CONFEXT_HIERARCHIES=/etc/app (a subdirectory) and images shipping etc/app/ files.
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
fx_write /etc/app/host.conf "host app"
fx_confext /var/lib/confexts/alpha alpha 'ID=fakeos
VERSION_ID=42'
fx_write /var/lib/confexts/alpha/etc/app/alpha.conf "alpha app"
fx_confext /var/lib/confexts/beta beta 'ID=fakeos
VERSION_ID=42'
fx_finish
