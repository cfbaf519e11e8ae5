#!/bin/sh
# Merged read-only; before refresh the config file switches to Mutable=yes.
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_mutable_base
fx_finish
