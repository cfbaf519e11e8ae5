#!/bin/sh
# confext merged with --noexec=no (mount flags), refresh --noexec=yes.
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_mutable_base
fx_finish
