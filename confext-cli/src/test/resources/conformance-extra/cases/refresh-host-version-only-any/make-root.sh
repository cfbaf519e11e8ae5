#!/bin/sh
# Host VERSION_ID changes before refresh, the only image is ID=_any: the set is unchanged.
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
fx_confext /var/lib/confexts/anyimg anyimg 'ID=_any'
fx_finish
