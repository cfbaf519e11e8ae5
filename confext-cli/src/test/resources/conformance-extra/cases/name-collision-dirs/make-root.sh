#!/bin/sh
# One name in several forms across search dirs:
#   /run/confexts/foo.raw.v (foo_1.raw) and /var/lib/confexts/foo/ -> /run wins
#   /var/lib/confexts/bar/ and /usr/lib/confexts/bar.raw          -> /var/lib wins
#   /usr/local/lib/confexts/baz.v/baz_2/ and /usr/lib/confexts/baz/ -> /usr/local/lib wins
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
R='ID=fakeos
VERSION_ID=42'
s=$(fx_stage foo); fx_confext_tree "$s" foo "$R"; printf 'run raw\n' > "$s/etc/foo-from.conf"
fx_raw_erofs "$s" /run/confexts/foo.raw.v/foo_1.raw
fx_confext /var/lib/confexts/foo foo "$R"
fx_confext /var/lib/confexts/bar bar "$R"
s=$(fx_stage bar); fx_confext_tree "$s" bar "$R"; fx_raw_erofs "$s" /usr/lib/confexts/bar.raw
fx_confext /usr/local/lib/confexts/baz.v/baz_2 baz "$R"
fx_confext /usr/lib/confexts/baz baz "$R"
fx_finish
