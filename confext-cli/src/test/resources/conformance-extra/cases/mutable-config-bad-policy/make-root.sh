#!/bin/sh
# Config with an invalid ImagePolicy= and a valid Mutable=yes (edge case 64).
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_mutable_base
fx_write /etc/systemd/confext.conf '[ConfExt]
Mutable=yes
ImagePolicy=bogus=nonsense'
fx_finish
