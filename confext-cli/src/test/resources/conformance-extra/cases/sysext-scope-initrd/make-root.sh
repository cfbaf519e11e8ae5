#!/bin/sh
# sysext in an initrd: <root>/etc/initrd-release exists (edge cases 14-16).
#   noscope     no SYSEXT_SCOPE                -> ignored in the initrd (default "system portable")
#   emptyscope  SYSEXT_SCOPE=                  -> ignored
#   initrdsys   SYSEXT_SCOPE="initrd system"   -> accepted
#   initrd      SYSEXT_SCOPE=initrd            -> accepted
#   portable    SYSEXT_SCOPE=portable          -> ignored
#   system      SYSEXT_SCOPE=system            -> ignored
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
fx_write /etc/initrd-release 'ID=fakeos
VERSION_ID=42'
E=/var/lib/extensions
R='ID=fakeos
VERSION_ID=42'
fx_sysext $E/noscope noscope "$R"
fx_sysext $E/emptyscope emptyscope "$R
SYSEXT_SCOPE="
fx_sysext $E/initrdsys initrdsys "$R
SYSEXT_SCOPE=\"initrd system\""
fx_sysext $E/initrd initrd "$R
SYSEXT_SCOPE=initrd"
fx_sysext $E/portable portable "$R
SYSEXT_SCOPE=portable"
fx_sysext $E/system system "$R
SYSEXT_SCOPE=system"
fx_finish
