#!/bin/sh
# Host VERSION_ID changes before refresh; one image ID=_any (still fine), one wants 42.
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
fx_confext /var/lib/confexts/anyimg anyimg 'ID=_any'
fx_confext /var/lib/confexts/v42 v42 'ID=fakeos
VERSION_ID=42'
fx_finish
