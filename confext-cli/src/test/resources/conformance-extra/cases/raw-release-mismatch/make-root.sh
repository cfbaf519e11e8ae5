#!/bin/sh
# Raw confext whose extension-release name does not match (edge case 21), next to a good raw image.
#   k3s-v1.29.2+k3s1-x86-64.raw   erofs with extension-release.k3s
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
R='ID=fakeos
VERSION_ID=42'
s=$(fx_stage good); fx_confext_tree "$s" good "$R"
fx_raw_erofs "$s" /var/lib/confexts/good.raw
s=$(fx_stage k3s); fx_confext_tree "$s" k3s "$R"
fx_raw_erofs "$s" /var/lib/confexts/k3s-v1.29.2+k3s1-x86-64.raw
fx_finish
