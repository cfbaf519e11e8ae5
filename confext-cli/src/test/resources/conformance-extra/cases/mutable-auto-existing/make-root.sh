#!/bin/sh
# --mutable=auto with an existing /var/lib/extensions.mutable/etc (mode 0755): writable, upperdir.
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_mutable_base
fx_mutable_dir_content
fx_finish
