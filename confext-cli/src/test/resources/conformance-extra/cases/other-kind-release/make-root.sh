#!/bin/sh
# confext search dir holding images that only carry sysext release data:
#   sysdir/  usr/lib/extension-release.d/extension-release.sysdir   (directory)
#   sysraw.raw  same, erofs
#   both/    both release files (and etc/both.conf)                 -> accepted
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
R='ID=fakeos
VERSION_ID=42'
fx_sysext /var/lib/confexts/sysdir sysdir "$R"
fx_write /var/lib/confexts/sysdir/etc/sysdir.conf "sysdir"
s=$(fx_stage sysraw); fx_sysext_tree "$s" sysraw "$R"; mkdir -p "$s/etc"; printf 'x\n' > "$s/etc/sysraw.conf"
fx_raw_erofs "$s" /var/lib/confexts/sysraw.raw
fx_confext /var/lib/confexts/both both "$R"
fx_write /var/lib/confexts/both/usr/lib/extension-release.d/extension-release.both "$R"
fx_finish
