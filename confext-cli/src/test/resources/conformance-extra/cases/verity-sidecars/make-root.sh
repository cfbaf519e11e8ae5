#!/bin/sh
# erofs confext with .verity and .roothash sidecars (veritysetup format), plus a plain one.
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
R='ID=fakeos
VERSION_ID=42'
# veritysetup-made sidecars: IMG.verity (hash tree) and IMG.roothash (hex), fixed salt and UUID.
verity() { # RELIMG RELBASE
	command -v veritysetup >/dev/null 2>&1 || fx_die "veritysetup (cryptsetup-bin) is required"
	veritysetup format "$(fx_p "$1")" "$(fx_p "$2").verity" --salt=00 --uuid="$FX_UUID" \
		--root-hash-file="$(fx_p "$2").roothash" >/dev/null
}
s=$(fx_stage ver); fx_confext_tree "$s" ver "$R"
fx_raw_erofs "$s" /var/lib/confexts/ver.raw
verity /var/lib/confexts/ver.raw /var/lib/confexts/ver
s=$(fx_stage plain); fx_confext_tree "$s" plain "$R"
fx_raw_erofs "$s" /var/lib/confexts/plain.raw
fx_finish
