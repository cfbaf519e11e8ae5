#!/bin/sh
# Host ID=fakeos ID_LIKE="debian ubuntu" VERSION_ID=42 (edge case 8).
#   deb       ID=debian VERSION_ID=42     -> accepted
#   ubu41     ID=ubuntu VERSION_ID=41     -> ignored (version still compared)
#   fed       ID=fedora VERSION_ID=42     -> ignored
#   part      ID=deb VERSION_ID=42        -> ignored (whole words only)
#   likeonly  ID_LIKE=fakeos, ID=other    -> ?
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
ID_LIKE="debian ubuntu"
VERSION_ID=42'
fx_host_base
C=/var/lib/confexts
fx_confext $C/deb deb 'ID=debian
VERSION_ID=42'
fx_confext $C/ubu41 ubu41 'ID=ubuntu
VERSION_ID=41'
fx_confext $C/fed fed 'ID=fedora
VERSION_ID=42'
fx_confext $C/part part 'ID=deb
VERSION_ID=42'
fx_confext $C/likeonly likeonly 'ID=other
ID_LIKE=fakeos
VERSION_ID=42'
fx_finish
