#!/bin/sh
# sysext image names (edge cases 27-30), erofs images in /var/lib/extensions:
#   foo.sysext.raw   -> foo          bar.confext.raw -> bar.confext
#   .#tmp.raw        -> skipped      .sysupdate.up.raw -> skipped
#   .hidden.raw      -> .hidden      dirimg.sysext/ (directory) -> dirimg
#   'sp ace.raw'     -> 'sp ace'
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
R='ID=fakeos
VERSION_ID=42'
E=/var/lib/extensions
for n in foo:foo.sysext.raw bar.confext:bar.confext.raw tmp:.#tmp.raw up:.sysupdate.up.raw .hidden:.hidden.raw 'sp ace:sp ace.raw'; do
	name=${n%%:*}; file=${n#*:}
	s=$(fx_stage "x$name"); fx_sysext_tree "$s" "$name" "$R"
	fx_raw_erofs "$s" "$E/$file"
done
fx_sysext $E/dirimg.sysext dirimg "$R"
fx_finish
