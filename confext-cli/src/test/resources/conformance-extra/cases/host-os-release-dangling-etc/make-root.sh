#!/bin/sh
# /etc/os-release is a dangling symlink; /usr/lib/os-release exists with VERSION_ID=42.
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_write /usr/lib/os-release 'ID=fakeos
VERSION_ID=42'
fx_symlink ../usr/lib/missing-os-release /etc/os-release
fx_host_base
fx_confext /var/lib/confexts/alpha alpha 'ID=fakeos
VERSION_ID=42'
fx_finish
