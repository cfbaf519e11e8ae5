#!/bin/sh
# Formats and verifies FILE with the real veritysetup and with bin/verity, alternating, and prints
# the median wall time of each and the ratio bin/verity / veritysetup.
#
# usage: benchmarks/compare-veritysetup.sh FILE [extra bin/verity options, e.g. --threads=1]
# env:   PAIRS (default 5, at least 3), JAVA_OPTS (passed to bin/verity, e.g. -Xmx64m),
#        CPUS (a taskset CPU list, e.g. 0: both tools run pinned to those CPUs, JVM threads included)
# Warm cache: FILE is read once before timing. Hash files go to a temporary directory.
set -eu
[ $# -ge 1 ] || { echo "usage: $0 FILE [bin/verity options]" >&2; exit 2; }
file=$1; shift
pairs=${PAIRS:-5}
[ "$pairs" -ge 3 ] || pairs=3
top=$(cd "$(dirname "$0")/.." && pwd)
verity=$top/bin/verity
command -v veritysetup >/dev/null || { echo "veritysetup is not installed" >&2; exit 1; }
pin=""
if [ -n "${CPUS:-}" ]; then
	command -v taskset >/dev/null || { echo "CPUS is set but taskset is not installed" >&2; exit 1; }
	pin="taskset -c $CPUS"
fi
[ -f "$top/confext-cli/target/confext-cli.jar" ] || { echo "build first: mvn -B -q -DskipTests package" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
salt=9e7457222290f1bac0d42ad2de2d602a87bb871c22ab70ca040bad450578a436
uuid=11111111-2222-3333-4444-555555555555
cat "$file" > /dev/null

now() { date +%s.%N; }
# elapsed START: seconds since START
elapsed() { echo "$(now) $1" | awk '{ printf "%.3f", $1 - $2 }'; }
median() { tr ' ' '\n' | grep . | sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

vf=""; jf=""; vv=""; jv=""
i=0
while [ $i -lt "$pairs" ]; do
	rm -f "$tmp/v.hash" "$tmp/j.hash"
	t=$(now); $pin veritysetup format "$file" "$tmp/v.hash" --salt=$salt --uuid=$uuid --root-hash-file="$tmp/v.root" >/dev/null
	vf="$vf $(elapsed "$t")"
	t=$(now); $pin "$verity" format "$file" "$tmp/j.hash" --salt=$salt --uuid=$uuid --root-hash-file="$tmp/j.root" "$@" >/dev/null
	jf="$jf $(elapsed "$t")"
	cmp -s "$tmp/v.hash" "$tmp/j.hash" || { echo "hash files differ" >&2; exit 1; }
	cmp -s "$tmp/v.root" "$tmp/j.root" || { echo "root hashes differ" >&2; exit 1; }
	root=$(cat "$tmp/v.root")
	t=$(now); $pin veritysetup verify "$file" "$tmp/v.hash" "$root"
	vv="$vv $(elapsed "$t")"
	t=$(now); $pin "$verity" verify "$file" "$tmp/v.hash" "$root" "$@"
	jv="$jv $(elapsed "$t")"
	i=$((i + 1))
done

report() {
	mv=$(echo "$2" | median); mj=$(echo "$3" | median)
	printf '%-7s veritysetup median %6.3f s  bin/verity median %6.3f s  ratio %.2f   (veritysetup:%s | bin/verity:%s)\n' \
		"$1" "$mv" "$mj" "$(echo "$mj $mv" | awk '{ print $1 / $2 }')" "$2" "$3"
}
echo "$(basename "$file"): $(stat -c %s "$file") bytes, $pairs pairs, bin/verity options: ${*:-none}, JAVA_OPTS: ${JAVA_OPTS:-none}, CPUs: ${CPUS:-all}"
report format "$vf" "$jf"
report verify "$vv" "$jv"
