#!/bin/sh
# --image-policy=root=absent with directory images only: policies do not apply to directories.
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
R='ID=fakeos
VERSION_ID=42'
fx_confext /var/lib/confexts/dirimg dirimg "$R"
fx_finish
