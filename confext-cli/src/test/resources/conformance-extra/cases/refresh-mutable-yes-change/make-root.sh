#!/bin/sh
# --mutable=yes; writes happen (probes), then an extension is added before refresh.
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_mutable_base
fx_finish
