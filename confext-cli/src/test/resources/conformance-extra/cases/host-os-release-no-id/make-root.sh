#!/bin/sh
# Host os-release has VERSION_ID but no ID (edge case 5); one ID=_any image.
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'VERSION_ID=42'
fx_host_base
fx_confext /var/lib/confexts/anyid anyid 'ID=_any'
fx_confext /var/lib/confexts/fake fake 'ID=fakeos
VERSION_ID=42'
fx_finish
