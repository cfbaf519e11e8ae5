#!/bin/sh
# --mutable=auto, mutable dir -> /data/etc700 (0700 in the root) while /etc is 0755.
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_mutable_base
fx_mkdir /data/etc700
chmod 0700 "$(fx_p /data/etc700)"
fx_symlink /data/etc700 /var/lib/extensions.mutable/etc
fx_finish
