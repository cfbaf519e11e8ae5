#!/bin/sh
# extension-release shell-like syntax (host ID=fakeos VERSION_ID=42), one image per form:
#   cont     VERSION_ID=4\<newline>2                (line continuation)  -> "42", accepted
#   concat   VERSION_ID="4"'2'                      (concatenated quotes)
#   bsl      ID=fake\os VERSION_ID=42               (backslash outside quotes)
#   trail    VERSION_ID=42   # comment              (trailing spaces and a '#' after the value)
#   sqesc    ID='fake\os' VERSION_ID=42             (backslash kept inside single quotes)
#   dqesc    ID="fake\os" VERSION_ID=42             (backslash-o inside double quotes)
#   semi     VERSION_ID=42;                         (semicolon is part of the value)
#   noeq     a line without '=' before the keys
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
C=/var/lib/confexts
img() { # NAME CONTENT(printf format)
	fx_confext "$C/$1" "$1" 'ID=placeholder'
	printf "$2" > "$(fx_p "$C/$1/etc/extension-release.d/extension-release.$1")"
}
img cont 'ID=fakeos\nVERSION_ID=4\\\n2\n'
img concat "ID=fakeos\nVERSION_ID=\"4\"'2'\n"
img bsl 'ID=fake\\os\nVERSION_ID=42\n'
img trail 'ID=fakeos\nVERSION_ID=42   # comment\n'
img sqesc "ID='fake\\\\os'\nVERSION_ID=42\n"
img dqesc 'ID="fake\\os"\nVERSION_ID=42\n'
img semi 'ID=fakeos\nVERSION_ID=42;\n'
img noeq 'garbage line\nID=fakeos\nVERSION_ID=42\n'
fx_finish
