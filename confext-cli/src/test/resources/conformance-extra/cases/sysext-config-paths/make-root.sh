#!/bin/sh
# sysext configuration outside /etc: /usr/lib/systemd/sysext.conf says Mutable=import, a drop-in
# /run/systemd/sysext.conf.d/10-auto.conf says Mutable=auto; /var/lib/extensions.mutable/usr exists.
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
fx_sysext /var/lib/extensions/foo foo 'ID=fakeos
VERSION_ID=42'
fx_write /usr/lib/systemd/sysext.conf '[SysExt]
Mutable=import'
fx_write /run/systemd/sysext.conf.d/10-auto.conf '[SysExt]
Mutable=auto
[ConfExt]
Mutable=yes'
fx_mkdir /var/lib/extensions.mutable/usr
fx_finish
