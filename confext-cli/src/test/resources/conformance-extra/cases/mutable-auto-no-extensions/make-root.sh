#!/bin/sh
# --mutable=auto, no write-routing dir and no extensions (edge case 55).
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
fx_finish
