#!/bin/sh
# --mutable=yes where /var/lib/extensions.mutable/etc is a regular file.
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_mutable_base
fx_write /var/lib/extensions.mutable/etc "not a directory"
fx_finish
