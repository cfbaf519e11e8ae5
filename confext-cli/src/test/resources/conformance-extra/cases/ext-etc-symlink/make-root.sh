#!/bin/sh
# Confext images with odd /etc: one whose etc/ holds a symlinked subdirectory, one whose
# release dir is a symlink, and a sysext-style image in a confext dir.
#   linkdir    etc/linked -> real.d (relative), etc/real.d/x.conf
#   reldirlnk  etc/extension-release.d -> ../rel (a directory outside etc)
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
C=/var/lib/confexts
fx_confext $C/linkdir linkdir 'ID=fakeos
VERSION_ID=42'
fx_write $C/linkdir/etc/real.d/x.conf "x"
fx_symlink real.d $C/linkdir/etc/linked
fx_write $C/reldirlnk/rel/extension-release.reldirlnk 'ID=fakeos
VERSION_ID=42'
fx_write $C/reldirlnk/etc/reldirlnk.conf "reldirlnk"
fx_symlink ../rel $C/reldirlnk/etc/extension-release.d
fx_finish
