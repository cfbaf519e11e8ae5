#!/bin/sh
# A .v directory gets a newer version before refresh.
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
R='ID=fakeos
VERSION_ID=42'
fx_confext /var/lib/confexts/app.v/app_1 app "$R"
fx_write /var/lib/confexts/app.v/app_1/etc/app-version.conf "1"
s=$(fx_stage rawv1); fx_confext_tree "$s" rw "$R"
fx_raw_erofs "$s" /var/lib/confexts/rw.raw.v/rw_1.raw
fx_finish
