#!/bin/sh
# A *.mstack directory in a search dir (edge case 82) next to a good image.
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
R='ID=fakeos
VERSION_ID=42'
fx_confext /var/lib/confexts/good good "$R"
fx_confext /var/lib/confexts/stack.mstack/root stack "$R"
fx_finish
