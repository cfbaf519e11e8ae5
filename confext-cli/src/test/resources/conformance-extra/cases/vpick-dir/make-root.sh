#!/bin/sh
# vpick in .v directories of directory confexts.
#   d.v:       d_1/ d_2/ d_10/            -> d_10
#   rc.v:      rc_1.0~rc1/ rc_1.0/        -> rc_1.0
#   f.v:       f_3 (regular file) f_2/    -> f_2
#   dot.v:     dot_1.2.3/ dot_1.2.10/     -> dot_1.2.10
#   sx.confext.v: sx_1.confext/ sx_2.confext/ -> sx_2.confext, image sx
#   /run/confexts/prio.v: prio_1/  and /var/lib/confexts/prio.v: prio_9/ -> /run wins
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
R='ID=fakeos
VERSION_ID=42'
C=/var/lib/confexts
ent() { # DIR NAME ENTRY
	fx_confext "$1/$2.v/$3" "$2" "$R"
	fx_write "$1/$2.v/$3/etc/$2-version.conf" "$3"
}
ent $C d d_1; ent $C d d_2; ent $C d d_10
ent $C rc rc_1.0~rc1; ent $C rc rc_1.0
fx_write $C/f.v/f_3 "file"
ent $C f f_2
ent $C dot dot_1.2.3; ent $C dot dot_1.2.10
fx_confext $C/sx.confext.v/sx_1.confext sx "$R"
fx_confext $C/sx.confext.v/sx_2.confext sx "$R"
ent /run/confexts prio prio_1
ent $C prio prio_9
fx_finish
