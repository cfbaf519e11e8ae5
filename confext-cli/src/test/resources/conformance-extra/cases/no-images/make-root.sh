#!/bin/sh
# Host only, no image in any confext search directory (edge cases 1, 80).
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
REL='ID=fakeos
VERSION_ID=42'
fx_mkdir /run/confexts /var/lib/confexts
fx_finish
