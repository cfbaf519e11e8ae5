#!/bin/sh
# SYSTEMD_CONFEXT_HIERARCHIES=/etc:/srv/conf: confext images shipping both.
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
R='ID=fakeos
VERSION_ID=42'
fx_write /srv/conf/host.txt "host srv conf"
fx_confext /var/lib/confexts/alpha alpha "$R"
fx_write /var/lib/confexts/alpha/srv/conf/alpha.txt "alpha srv"
fx_confext /var/lib/confexts/beta beta "$R"
fx_finish
