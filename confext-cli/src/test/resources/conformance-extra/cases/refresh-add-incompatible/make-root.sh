#!/bin/sh
# An incompatible image is added before refresh (surprise 16).
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_mutable_base
fx_finish
