#!/bin/sh
# sysext, host ID=fakeos VERSION_ID=42 SYSEXT_LEVEL=2 (edge cases 9, 10).
#   lvl2       SYSEXT_LEVEL=2 VERSION_ID=41    -> accepted (level decides)
#   lvl20      SYSEXT_LEVEL=2.0                -> ignored (string compare)
#   lvl3       SYSEXT_LEVEL=3 VERSION_ID=42    -> ignored
#   nolvl42    VERSION_ID=42                   -> accepted
#   nolvl41    VERSION_ID=41                   -> ignored
#   conflvl    CONFEXT_LEVEL=2, VERSION_ID=41  -> ignored (sysext ignores CONFEXT_LEVEL)
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42
SYSEXT_LEVEL=2'
fx_host_base
E=/var/lib/extensions
fx_sysext $E/lvl2 lvl2 'ID=fakeos
SYSEXT_LEVEL=2
VERSION_ID=41'
fx_sysext $E/lvl20 lvl20 'ID=fakeos
SYSEXT_LEVEL=2.0'
fx_sysext $E/lvl3 lvl3 'ID=fakeos
SYSEXT_LEVEL=3
VERSION_ID=42'
fx_sysext $E/nolvl42 nolvl42 'ID=fakeos
VERSION_ID=42'
fx_sysext $E/nolvl41 nolvl41 'ID=fakeos
VERSION_ID=41'
fx_sysext $E/conflvl conflvl 'ID=fakeos
CONFEXT_LEVEL=2
VERSION_ID=41'
fx_finish
