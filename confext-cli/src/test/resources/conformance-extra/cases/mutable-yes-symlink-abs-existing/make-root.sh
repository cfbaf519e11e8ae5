#!/bin/sh
# --mutable=yes, /var/lib/extensions.mutable/etc -> /data/confext-etc (absolute, exists in the root, 0755).
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_mutable_base
fx_write /data/confext-etc/from-data.conf "from data"
fx_symlink /data/confext-etc /var/lib/extensions.mutable/etc
fx_finish
