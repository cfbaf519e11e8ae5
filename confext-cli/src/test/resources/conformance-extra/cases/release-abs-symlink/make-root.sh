#!/bin/sh
# Release files that are symlinks inside the image:
#   abs   extension-release.abs -> /etc/real-release (absolute: inside the image)
#   out   extension-release.out -> /srv/outside-release (exists only in the host root)
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
C=/var/lib/confexts
fx_write /srv/outside-release 'ID=fakeos
VERSION_ID=42'
fx_write $C/abs/etc/real-release 'ID=fakeos
VERSION_ID=42'
fx_write $C/abs/etc/abs.conf "abs"
fx_symlink /etc/real-release $C/abs/etc/extension-release.d/extension-release.abs
fx_write $C/out/etc/out.conf "out"
fx_symlink /srv/outside-release $C/out/etc/extension-release.d/extension-release.out
fx_finish
