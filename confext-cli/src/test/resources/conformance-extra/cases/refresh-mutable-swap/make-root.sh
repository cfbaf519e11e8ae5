#!/bin/sh
# Merged read-only; alpha ships an empty etc/systemd/confext.conf.d/, into which pre_refresh writes a
# drop-in with Mutable=yes (the configuration is read from the merged /etc).
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_mutable_base
fx_mkdir /var/lib/confexts/alpha/etc/systemd/confext.conf.d
fx_finish
