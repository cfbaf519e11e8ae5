#!/bin/sh
# --mutable=yes, /var/lib/extensions.mutable/etc -> /data/etc (dangling) (edge case 86).
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_mutable_base
fx_symlink /data/etc /var/lib/extensions.mutable/etc
fx_finish
