#!/bin/sh
# sysext: the only extension shipping /opt is removed before refresh.
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
R='ID=fakeos
VERSION_ID=42'
fx_sysext /var/lib/extensions/usronly usronly "$R"
fx_sysext /var/lib/extensions/withopt withopt "$R"
fx_write /var/lib/extensions/withopt/opt/withopt/x.txt "withopt opt"
fx_finish
