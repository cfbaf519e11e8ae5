#!/bin/sh
# Compiles the optional block digest helper (block_digests.c) into a shared library for this machine.
# usage: build.sh SOURCE OUTPUT
# Without a C compiler (or off Linux) it says so and builds nothing: the library then hashes one block per
# call, with the same results, only slower. CC names the compiler (default: cc).
set -u
source=$1
output=$2
compiler=${CC:-cc}
skip() {
	echo "[WARNING] confext-verity: $1; the block digest helper is not built, so hashing takes one native call per block"
	exit 0
}
[ "$(uname -s)" = Linux ] || skip "not Linux"
command -v "$compiler" >/dev/null 2>&1 || skip "no C compiler ($compiler)"
if [ -f "$output" ] && [ "$output" -nt "$source" ] && [ "$output" -nt "$0" ]; then
	exit 0
fi
mkdir -p "$(dirname "$output")" || skip "cannot create $(dirname "$output")"
partial=$output.partial.$$
if "$compiler" -std=c11 -O2 -fPIC -shared -fvisibility=hidden -Wall -Wextra -o "$partial" "$source"; then
	mv -f "$partial" "$output"
else
	rm -f "$partial"
	skip "$compiler failed"
fi
