#!/bin/sh
# sysext, host ID=fakeos SYSEXT_LEVEL=2 and no VERSION_ID (edge case 11).
#   nolvl      VERSION_ID=9            -> accepted (falls through)
#   bare       ID only                 -> accepted
#   lvl2       SYSEXT_LEVEL=2          -> accepted
#   lvl3       SYSEXT_LEVEL=3          -> ignored
#   noid       VERSION_ID=9, no ID     -> ignored
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
SYSEXT_LEVEL=2'
fx_host_base
E=/var/lib/extensions
fx_sysext $E/nolvl nolvl 'ID=fakeos
VERSION_ID=9'
fx_sysext $E/bare bare 'ID=fakeos'
fx_sysext $E/lvl2 lvl2 'ID=fakeos
SYSEXT_LEVEL=2'
fx_sysext $E/lvl3 lvl3 'ID=fakeos
SYSEXT_LEVEL=3'
fx_sysext $E/noid noid 'VERSION_ID=9'
fx_finish
