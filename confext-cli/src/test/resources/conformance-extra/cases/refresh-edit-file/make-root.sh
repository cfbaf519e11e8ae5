#!/bin/sh
# A file inside a merged directory image is edited before refresh (edge case 69).
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_mutable_base
fx_finish
