#!/bin/sh
# /run/confexts/cur -> /srv/store/v1; before refresh the link is pointed at /srv/store/v2.
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
fx_confext /srv/store/v1 cur 'ID=fakeos
VERSION_ID=42'
fx_write /srv/store/v1/etc/cur-version.conf "v1"
fx_confext /srv/store/v2 cur 'ID=fakeos
VERSION_ID=42'
fx_write /srv/store/v2/etc/cur-version.conf "v2"
fx_symlink /srv/store/v1 /run/confexts/cur
fx_finish
