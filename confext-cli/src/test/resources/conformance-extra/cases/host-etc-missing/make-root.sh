#!/bin/sh
# The root has no /etc at all (host os-release only in /usr/lib); one directory confext.
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_write /usr/lib/os-release 'ID=fakeos
VERSION_ID=42'
fx_mkdir /var/lib /run
fx_confext /var/lib/confexts/alpha alpha 'ID=fakeos
VERSION_ID=42'
fx_finish
