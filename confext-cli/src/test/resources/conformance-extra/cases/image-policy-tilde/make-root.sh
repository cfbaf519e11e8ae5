#!/bin/sh
# Naked erofs and squashfs confexts and a directory image, merged with --image-policy='~'.
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
R='ID=fakeos
VERSION_ID=42'
s=$(fx_stage ero); fx_confext_tree "$s" ero "$R"; fx_raw_erofs "$s" /var/lib/confexts/ero.raw
s=$(fx_stage sq); fx_confext_tree "$s" sq "$R"; fx_raw_squashfs "$s" /var/lib/confexts/sq.raw
fx_confext /var/lib/confexts/dir dir "$R"
fx_finish
