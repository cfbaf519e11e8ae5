#!/bin/sh
# --mutable=import (via env) without any write-routing dir.
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_mutable_base
fx_finish
