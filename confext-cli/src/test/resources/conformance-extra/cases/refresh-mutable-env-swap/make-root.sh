#!/bin/sh
# Merged --mutable=yes; refresh runs with --mutable=ephemeral.
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_mutable_base
fx_finish
