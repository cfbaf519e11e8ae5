#!/bin/sh
# --mutable=yes on a root without /var at all.
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_write /etc/hostname fakehost
fx_confext /run/confexts/alpha alpha 'ID=fakeos
VERSION_ID=42'
fx_finish
