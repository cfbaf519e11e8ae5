#!/bin/sh
# Raw erofs confexts whose release file is named after another image (edge cases 22, 23).
#   relaxed.raw   extension-release.other, user.extension-release.strict=0 -> accepted
#   plain_7.raw   extension-release.plain (name cut at '_')              -> accepted
#   good.raw      exact
. "$(dirname "$0")/../../lib/fixture.sh"
fx_init "$1"
fx_host_os_release 'ID=fakeos
VERSION_ID=42'
fx_host_base
R='ID=fakeos
VERSION_ID=42'
s=$(fx_stage good); fx_confext_tree "$s" good "$R"
fx_raw_erofs "$s" /var/lib/confexts/good.raw
s=$(fx_stage relaxed); fx_confext_tree "$s" other "$R"
python3 -c 'import os,sys; os.setxattr(sys.argv[1], sys.argv[2], sys.argv[3].encode())' "$s/etc/extension-release.d/extension-release.other" user.extension-release.strict 0
fx_raw_erofs "$s" /var/lib/confexts/relaxed.raw
s=$(fx_stage plain); fx_confext_tree "$s" plain "$R"
fx_raw_erofs "$s" /var/lib/confexts/plain_7.raw
fx_finish
