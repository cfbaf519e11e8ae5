#!/bin/sh
# An erofs image is replaced by a squashfs one with other content (same name, same mtime).
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
R='ID=fakeos
VERSION_ID=42'
s=$(fx_stage img); fx_confext_tree "$s" img "$R"
fx_raw_erofs "$s" /var/lib/confexts/img.raw
fx_finish
