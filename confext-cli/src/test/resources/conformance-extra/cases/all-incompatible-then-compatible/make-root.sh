#!/bin/sh
# Host VERSION_ID=41; both images want 42 (edge case 3). Before refresh the host becomes 42.
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=41'
fx_host_base
REL='ID=fakeos
VERSION_ID=42'
fx_confext /var/lib/confexts/one one "$REL"
fx_confext /run/confexts/two two "$REL"
fx_finish
