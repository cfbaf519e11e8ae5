#!/bin/sh
# confext drop-ins: /etc/systemd/confext.conf.d/20-no.conf (Mutable=no) and
# /usr/lib/systemd/confext.conf.d/30-ephemeral.conf (Mutable=ephemeral): the later name wins;
# /usr/lib/systemd/confext.conf.d/20-no.conf (Mutable=yes) is shadowed by /etc's 20-no.conf.
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_mutable_base
fx_write /etc/systemd/confext.conf.d/20-no.conf '[ConfExt]
Mutable=no'
fx_write /usr/lib/systemd/confext.conf.d/20-no.conf '[ConfExt]
Mutable=yes'
fx_write /usr/lib/systemd/confext.conf.d/30-ephemeral.conf '[ConfExt]
Mutable=ephemeral'
fx_finish
