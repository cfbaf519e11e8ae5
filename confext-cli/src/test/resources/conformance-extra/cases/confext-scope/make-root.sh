#!/bin/sh
# confext CONFEXT_SCOPE on a normal system (edge cases 15, 16).
#   noscope     no CONFEXT_SCOPE              -> accepted
#   emptyscope  CONFEXT_SCOPE=                -> ignored
#   initrd      CONFEXT_SCOPE=initrd          -> ignored
#   sysport     CONFEXT_SCOPE="system portable" -> accepted
#   portable    CONFEXT_SCOPE=portable        -> ignored
#   sysscope    SYSEXT_SCOPE=initrd only      -> accepted (the other kind's key is irrelevant)
#   spaces      CONFEXT_SCOPE="  initrd   system  " -> accepted
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
C=/var/lib/confexts
R='ID=fakeos
VERSION_ID=42'
fx_confext $C/noscope noscope "$R"
fx_confext $C/emptyscope emptyscope "$R
CONFEXT_SCOPE="
fx_confext $C/initrd initrd "$R
CONFEXT_SCOPE=initrd"
fx_confext $C/sysport sysport "$R
CONFEXT_SCOPE=\"system portable\""
fx_confext $C/portable portable "$R
CONFEXT_SCOPE=portable"
fx_confext $C/sysscope sysscope "$R
SYSEXT_SCOPE=initrd"
fx_confext $C/spaces spaces "$R
CONFEXT_SCOPE=\"  initrd   system  \""
fx_finish
