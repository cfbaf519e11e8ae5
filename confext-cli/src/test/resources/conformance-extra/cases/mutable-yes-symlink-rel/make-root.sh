#!/bin/sh
# --mutable=yes, /var/lib/extensions.mutable/etc -> ../../../srv/etc-upper (relative, exists).
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_mutable_base
fx_mkdir /srv/etc-upper
fx_symlink ../../../srv/etc-upper /var/lib/extensions.mutable/etc
fx_finish
