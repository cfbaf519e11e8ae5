#!/bin/sh
# sysext merged with --noexec=yes, extension ships /opt too.
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
R='ID=fakeos
VERSION_ID=42'
fx_sysext /var/lib/extensions/foo foo "$R"
fx_write /var/lib/extensions/foo/opt/foo/x "x"
fx_finish
