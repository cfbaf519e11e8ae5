#!/bin/sh
# One directory confext alpha, removed before refresh (edge case 2).
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_mutable_base
fx_finish
