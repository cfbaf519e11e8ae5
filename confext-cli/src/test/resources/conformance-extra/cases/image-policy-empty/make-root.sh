#!/bin/sh
# --image-policy= (empty: ignore everything) (edge case 75), a raw and a directory image.
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
R='ID=fakeos
VERSION_ID=42'
s=$(fx_stage rawimg); fx_confext_tree "$s" rawimg "$R"
fx_raw_erofs "$s" /var/lib/confexts/rawimg.raw
fx_confext /var/lib/confexts/dirimg dirimg "$R"
fx_finish
