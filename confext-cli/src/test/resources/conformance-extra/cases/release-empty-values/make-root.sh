#!/bin/sh
# Empty and odd values in extension-release (host ID=fakeos VERSION_ID=42).
#   emptyfile   zero-byte release file             emptyver   VERSION_ID=
#   quotedempty VERSION_ID=""                      anyempty   ID=_any VERSION_ID=
#   idlikeext   ID=other ID_LIKE=fakeos            lvlempty   CONFEXT_LEVEL= VERSION_ID=42
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
C=/var/lib/confexts
fx_confext $C/emptyfile emptyfile ''
: > "$(fx_p $C/emptyfile/etc/extension-release.d/extension-release.emptyfile)"
fx_confext $C/emptyver emptyver 'ID=fakeos
VERSION_ID='
fx_confext $C/quotedempty quotedempty 'ID=fakeos
VERSION_ID=""'
fx_confext $C/anyempty anyempty 'ID=_any
VERSION_ID='
fx_confext $C/idlikeext idlikeext 'ID=other
ID_LIKE=fakeos
VERSION_ID=42'
fx_confext $C/lvlempty lvlempty 'ID=fakeos
CONFEXT_LEVEL=
VERSION_ID=42'
fx_finish
