#!/bin/sh
# --mutable=ephemeral with an existing mutable dir (edge case 60): the dir is not used.
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_mutable_base
fx_mutable_dir_content
fx_finish
