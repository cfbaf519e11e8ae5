#!/bin/sh
# refresh with --noexec=no only (edge case 72).
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_mutable_base
fx_finish
