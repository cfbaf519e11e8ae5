#!/bin/sh
# sysext --mutable=import with /var/lib/extensions.mutable/usr holding a file; /opt absent on host.
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
fx_sysext /var/lib/extensions/foo foo 'ID=fakeos
VERSION_ID=42'
fx_write /var/lib/extensions.mutable/usr/share/imported.txt "imported"
fx_finish
