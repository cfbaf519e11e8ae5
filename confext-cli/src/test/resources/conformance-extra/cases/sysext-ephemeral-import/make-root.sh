#!/bin/sh
# sysext --mutable=ephemeral-import with a usr write-routing dir.
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
fx_write /opt/host-opt.txt "host opt"
fx_sysext /var/lib/extensions/foo foo 'ID=fakeos
VERSION_ID=42'
fx_write /var/lib/extensions.mutable/usr/share/imported.txt "imported"
fx_finish
