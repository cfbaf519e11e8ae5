#!/bin/sh
# SYSTEMD_CONFEXT_MUTABLE_MODE=bogus (edge case 62) with config Mutable=yes.
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_mutable_base
fx_write /etc/systemd/confext.conf '[ConfExt]
Mutable=yes'
fx_finish
