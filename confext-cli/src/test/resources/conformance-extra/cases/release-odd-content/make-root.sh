#!/bin/sh
# Odd extension-release files.
#   utf8bad     invalid UTF-8 in a value             -> no release data?
#   crlf        CRLF line ends                       -> ?
#   export      "export ID=fakeos"                   -> ?
#   quoted      ID='fakeos' VERSION_ID="42"          -> accepted
#   spaced      ' ID = fakeos'                        -> ?
#   dup         ID=other then ID=fakeos              -> last wins?
#   relsymlink  release file is a symlink inside the image -> ?
#   isdir       extension-release.isdir is a directory -> ignored
#   loop        extension-release.loop is a symlink loop -> ignored
#   etcfile     etc is a regular file (no release data can be found) -> ignored
#   usrrel      only usr/lib/extension-release.d (sysext place) -> ignored
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
R='ID=fakeos
VERSION_ID=42'
C=/var/lib/confexts
rf() { printf "$2" > "$(fx_p $C/$1/etc/extension-release.d/extension-release.$1)"; }
for n in utf8bad crlf export quoted spaced dup relsymlink; do fx_confext $C/$n $n "$R"; done
rf utf8bad 'ID=fakeos\nVERSION_ID=42\nPRETTY_NAME="\377\376"\n'
rf crlf 'ID=fakeos\r\nVERSION_ID=42\r\n'
rf export 'export ID=fakeos\nexport VERSION_ID=42\n'
rf quoted "ID='fakeos'\nVERSION_ID=\"42\"\n"
rf spaced ' ID = fakeos\nVERSION_ID=42\n'
rf dup 'ID=other\nVERSION_ID=42\nID=fakeos\n'
rm "$(fx_p $C/relsymlink/etc/extension-release.d/extension-release.relsymlink)"
fx_write $C/relsymlink/etc/real-release "$R"
fx_symlink ../real-release $C/relsymlink/etc/extension-release.d/extension-release.relsymlink
fx_write $C/isdir/etc/isdir.conf "isdir"
fx_mkdir $C/isdir/etc/extension-release.d/extension-release.isdir
fx_write $C/loop/etc/loop.conf "loop"
fx_symlink extension-release.loop $C/loop/etc/extension-release.d/extension-release.loop
fx_write $C/etcfile/etc "not a directory"
fx_sysext $C/usrrel usrrel "$R"
fx_finish
