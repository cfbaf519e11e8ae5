#!/bin/sh
# sysext masking (edge cases 24, 25).
#   /etc/extensions/foo.raw -> /dev/null    +  /var/lib/extensions/foo.raw    -> the /var/lib one is used
#   /etc/extensions/bar/ (empty dir)        +  /var/lib/extensions/bar.raw    -> bar masked
#   /run/extensions/baz.raw -> /dev/null only                                -> nothing
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
R='ID=fakeos
VERSION_ID=42'
s=$(fx_stage foo); fx_sysext_tree "$s" foo "$R"
fx_raw_erofs "$s" /var/lib/extensions/foo.raw
s=$(fx_stage bar); fx_sysext_tree "$s" bar "$R"
fx_raw_erofs "$s" /var/lib/extensions/bar.raw
fx_symlink /dev/null /etc/extensions/foo.raw
fx_mkdir /etc/extensions/bar
fx_symlink /dev/null /run/extensions/baz.raw
fx_finish
