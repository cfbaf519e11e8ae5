#!/bin/sh
# Two images; before refresh one's extension-release is edited to VERSION_ID=41.
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_mutable_base
fx_confext /var/lib/confexts/beta beta 'ID=fakeos
VERSION_ID=42'
fx_finish
