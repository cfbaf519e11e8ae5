#!/bin/sh
# --mutable=yes --always-refresh=yes on refresh with nothing changed.
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_mutable_base
fx_mutable_dir_content
fx_finish
