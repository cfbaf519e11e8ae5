#!/bin/sh
# sysext: /opt handling (edge case 45): host has /opt with a file.
#   usronly   ships usr only
#   emptyopt  ships an empty opt/
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
R='ID=fakeos
VERSION_ID=42'
fx_write /opt/host-opt.txt "host opt"
fx_sysext /var/lib/extensions/usronly usronly "$R"
fx_sysext /var/lib/extensions/emptyopt emptyopt "$R"
fx_mkdir /var/lib/extensions/emptyopt/opt
fx_finish
