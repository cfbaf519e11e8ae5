#!/bin/sh
# Overlay order (edge cases 43, 44): every image ships etc/prio.conf; the top layer's file is visible.
#   a b foo foo-extra a9 a10 B (uppercase) 1z
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
R='ID=fakeos
VERSION_ID=42'
for n in a b foo foo-extra a9 a10 B 1z; do
	fx_confext /var/lib/confexts/$n $n "$R"
	fx_write /var/lib/confexts/$n/etc/prio.conf "from $n"
done
fx_finish
