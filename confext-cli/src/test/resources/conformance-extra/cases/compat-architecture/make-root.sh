#!/bin/sh
# ARCHITECTURE= in extension-release (host x86-64) (edge cases 6, 7).
#   anyarm     ID=_any ARCHITECTURE=arm64       -> ignored (architecture before _any)
#   anynover   ID=_any, no VERSION_ID           -> accepted
#   native     ARCHITECTURE=x86-64              -> accepted
#   archany    ARCHITECTURE=_any                -> ?
#   secondary  ARCHITECTURE=x86                 -> ignored
#   bogus      ARCHITECTURE=bogus               -> ?
#   emptyarch  ARCHITECTURE=                    -> ?
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
REL='ID=fakeos
VERSION_ID=42'
C=/var/lib/confexts
fx_confext $C/anyarm anyarm 'ID=_any
ARCHITECTURE=arm64'
fx_confext $C/anynover anynover 'ID=_any'
fx_confext $C/native native "$REL
ARCHITECTURE=x86-64"
fx_confext $C/archany archany "$REL
ARCHITECTURE=_any"
fx_confext $C/secondary secondary "$REL
ARCHITECTURE=x86"
fx_confext $C/bogus bogus "$REL
ARCHITECTURE=bogus"
fx_confext $C/emptyarch emptyarch "$REL
ARCHITECTURE="
fx_finish
