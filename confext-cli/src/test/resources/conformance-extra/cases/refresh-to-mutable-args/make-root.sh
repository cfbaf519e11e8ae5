#!/bin/sh
# Merged read-only; refresh with --mutable=yes.
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_mutable_base
fx_finish
