#!/bin/sh
# .roothash sidecars with bad content (edge case 84); a whitespace-padded valid one.
#   odd.raw       odd number of hex digits      short.raw  < 16 bytes
#   ws.raw        valid hash with spaces/newlines around and inside
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
for n in ws odd; do
	s=$(fx_stage $n); fx_confext_tree "$s" $n "$R"
	fx_raw_erofs "$s" /var/lib/confexts/$n.raw
	verity /var/lib/confexts/$n.raw /var/lib/confexts/$n
done
h=$(cat "$(fx_p /var/lib/confexts/ws.roothash)")
printf '  %s\n %s \n' "$(printf %s "$h" | cut -c1-32)" "$(printf %s "$h" | cut -c33-)" > "$(fx_p /var/lib/confexts/ws.roothash)"
printf '%s' "$(cat "$(fx_p /var/lib/confexts/odd.roothash)")a" > "$(fx_p /var/lib/confexts/odd.roothash)"
fx_finish
