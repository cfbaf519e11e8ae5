#!/bin/sh
# sysext --mutable=auto with only /var/lib/extensions.mutable/opt existing.
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
fx_write /opt/host-opt.txt "host opt"
fx_sysext /var/lib/extensions/foo foo 'ID=fakeos
VERSION_ID=42'
fx_mkdir /var/lib/extensions.mutable/opt
fx_finish
