#!/bin/sh
# vpick in .raw.v directories of erofs confexts (edge cases 36-41, 85); every file's
# etc/NAME-version.conf says which entry was picked.
#   foo.raw.v:    foo_1.raw foo_2.raw                        -> foo_2.raw
#   only0.raw.v:  only0_3+0.raw                              -> picked anyway
#   tries.raw.v:  tries_1+010.raw (octal 8) tries_1+9.raw    -> +9
#   empty.raw.v:  (empty)                                    -> skipped
#   none.raw.v:   other_1.raw                                -> skipped
#   col.raw.v:    col_bar_1.raw                              -> version "bar"
#   arch.raw.v:   arch_1_x86-64.raw arch_2_arm64.raw arch_1_x86.raw -> arch_1_x86-64
#   zero.raw.v:   zero_5+0.raw zero_4.raw                    -> zero_4 (tries left beat version)
#   done.raw.v:   done_2+3-1.raw done_2+3-0.raw              -> done_2+3-0
#   dirin.raw.v:  dirin_9.raw/ (a directory) dirin_1.raw     -> dirin_1 (wrong type skipped)
#   sq.confext.raw.v: sq_1.confext.raw (squashfs)            -> sq, class suffix inside the pattern
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
R='ID=fakeos
VERSION_ID=42'
C=/var/lib/confexts
img() { # NAME FILE [squashfs]
	s=$(fx_stage "$2"); fx_confext_tree "$s" "$1" "$R"
	printf '%s\n' "$2" > "$s/etc/$1-version.conf"
	if [ "${3:-}" = squashfs ]; then fx_raw_squashfs "$s" "$C/$1.${4:-raw}.v/$2"; else fx_raw_erofs "$s" "$C/$1.raw.v/$2"; fi
}
img foo foo_1.raw; img foo foo_2.raw
img only0 only0_3+0.raw
img tries tries_1+010.raw; img tries tries_1+9.raw
fx_mkdir $C/empty.raw.v
s=$(fx_stage other); fx_confext_tree "$s" none "$R"; fx_raw_erofs "$s" $C/none.raw.v/other_1.raw
img col col_bar_1.raw
img arch arch_1_x86-64.raw; img arch arch_2_arm64.raw; img arch arch_1_x86.raw
img zero zero_5+0.raw; img zero zero_4.raw
img done done_2+3-1.raw; img done done_2+3-0.raw
fx_confext $C/dirin.raw.v/dirin_9.raw dirin "$R"
img dirin dirin_1.raw
img sq sq_1.confext.raw squashfs confext.raw
fx_finish
