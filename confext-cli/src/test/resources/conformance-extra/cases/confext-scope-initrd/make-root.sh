#!/bin/sh
# confext in an initrd: <root>/etc/initrd-release exists.
#   noscope  -> ?   initrd (CONFEXT_SCOPE=initrd) -> accepted   system -> ignored
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
fx_write /etc/initrd-release 'ID=fakeos
VERSION_ID=42'
C=/run/confexts
R='ID=fakeos
VERSION_ID=42'
fx_confext $C/noscope noscope "$R"
fx_confext $C/initrd initrd "$R
CONFEXT_SCOPE=initrd"
fx_confext $C/system system "$R
CONFEXT_SCOPE=system"
fx_finish
