#!/bin/sh
# SYSTEMD_SYSEXT_HIERARCHIES=/usr:/srv/data: /srv/data is absent on the host; foo ships usr/ and srv/data/.
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
fx_sysext /var/lib/extensions/foo foo 'ID=fakeos
VERSION_ID=42'
fx_write /var/lib/extensions/foo/srv/data/foo.dat "foo data"
fx_write /var/lib/extensions/foo/opt/foo/x "not merged: /opt is not a hierarchy here"
fx_finish
