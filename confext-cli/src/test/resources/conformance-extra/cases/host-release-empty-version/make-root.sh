#!/bin/sh
# Host os-release: ID="fakeos" VERSION_ID="" CONFEXT_LEVEL= (empty values).
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID="fakeos"
VERSION_ID=""
CONFEXT_LEVEL='
fx_host_base
C=/var/lib/confexts
fx_confext $C/v42 v42 'ID=fakeos
VERSION_ID=42'
fx_confext $C/bare bare 'ID=fakeos'
fx_confext $C/lvl lvl 'ID=fakeos
CONFEXT_LEVEL=1'
fx_finish
