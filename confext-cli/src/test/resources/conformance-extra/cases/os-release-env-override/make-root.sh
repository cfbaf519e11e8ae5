#!/bin/sh
# SYSTEMD_OS_RELEASE=/srv/os-release (VERSION_ID=7) while the root's os-release says 42.
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
fx_write /srv/os-release 'ID=fakeos
VERSION_ID=7'
fx_confext /var/lib/confexts/v42 v42 'ID=fakeos
VERSION_ID=42'
fx_confext /var/lib/confexts/v7 v7 'ID=fakeos
VERSION_ID=7'
fx_finish
