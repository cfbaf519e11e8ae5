#!/bin/sh
# sysext: host /opt -> var/opt (edge case 48); the extension ships /opt/x.
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
R='ID=fakeos
VERSION_ID=42'
rmdir "$T/opt"
fx_write /var/opt/host-opt.txt "host opt under var"
fx_symlink var/opt /opt
fx_sysext /var/lib/extensions/optx optx "$R"
fx_write /var/lib/extensions/optx/opt/optx/x.txt "optx file"
fx_finish
