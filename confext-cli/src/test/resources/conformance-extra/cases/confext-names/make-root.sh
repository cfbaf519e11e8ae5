#!/bin/sh
# confext image names in /var/lib/confexts:
#   foo.confext/       directory -> foo          bar.sysext.raw  erofs -> bar.sysext
#   .#tmp/             skipped                   .sysupdate.up/  skipped
#   'tab<TAB>name'/    control character: skipped
#   del<0x7f>/         skipped                   utf8<0xff>/     invalid UTF-8: skipped
#   café/              valid UTF-8: image café   dir.raw/        a directory named dir.raw
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
R='ID=fakeos
VERSION_ID=42'
C=/var/lib/confexts
fx_confext $C/foo.confext foo "$R"
s=$(fx_stage bar); fx_confext_tree "$s" bar.sysext "$R"; fx_raw_erofs "$s" $C/bar.sysext.raw
fx_confext $C/.#tmp tmp "$R"
fx_confext $C/.sysupdate.up up "$R"
tab=$(printf 'tab\tname'); fx_confext "$C/$tab" "$tab" "$R"
del=$(printf 'del\177'); fx_confext "$C/$del" "$del" "$R"
bad=$(printf 'utf8\377'); fx_confext "$C/$bad" "$bad" "$R"
cafe=$(printf 'caf\303\251'); fx_confext "$C/$cafe" "$cafe" "$R"
fx_confext $C/dir.raw dir.raw "$R"
fx_finish
