#!/bin/sh
# --mutable=import with /var/lib/extensions.mutable/etc -> /etc (edge case 58).
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_mutable_base
fx_symlink /etc /var/lib/extensions.mutable/etc
fx_finish
