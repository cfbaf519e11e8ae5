#!/bin/sh
# Config Mutable=yes, command line --mutable=no (edge case 63).
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_mutable_base
fx_write /etc/systemd/confext.conf '[ConfExt]
Mutable=yes'
fx_finish
