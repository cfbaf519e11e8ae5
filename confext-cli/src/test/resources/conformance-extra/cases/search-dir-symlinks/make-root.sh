#!/bin/sh
# Search directories that are symlinks: /var/lib/confexts -> /srv/confexts (absolute),
# /run/confexts -> ../srv/run-confexts (relative).
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
R='ID=fakeos
VERSION_ID=42'
fx_confext /srv/confexts/a a "$R"
fx_confext /srv/run-confexts/b b "$R"
fx_symlink /srv/confexts /var/lib/confexts
fx_symlink ../srv/run-confexts /run/confexts
fx_finish
