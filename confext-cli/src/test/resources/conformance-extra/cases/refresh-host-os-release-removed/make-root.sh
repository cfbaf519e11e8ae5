#!/bin/sh
# fx_mutable_base: host + directory confext alpha in /var/lib/confexts; see case.env for the change.
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_mutable_base
fx_finish
