#!/bin/sh
# squashfs sysext with .verity and .roothash sidecars (veritysetup format).
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
s=$(fx_stage ver); fx_sysext_tree "$s" ver "$R"
fx_raw_squashfs "$s" /var/lib/extensions/ver.raw
verity /var/lib/extensions/ver.raw /var/lib/extensions/ver
fx_finish
