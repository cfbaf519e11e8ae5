#!/bin/sh
# End-to-end timing of merge, no-op refresh, forced refresh and unmerge of 8 erofs confexts, for
# bin/confext and (optionally) an upstream systemd-sysext binary, alternating the tools run by run.
#
# usage: benchmarks/compare-refresh.sh [UPSTREAM_SYSEXT_BINARY]
# env:   RUNS (default 7, at least 5), JAVA_OPTS (passed to bin/confext)
#
# The upstream binary is invoked through a symlink named systemd-confext (it picks its class from
# argv[0]). Everything happens against a temporary root inside a private mount namespace
# (unshare -m --propagation private) with a private tmpfs on /run and the directory holding the
# root made a new shared mount, as the tools expect (they merge from a child namespace and rely on
# propagation). The host's /etc and mounts are never touched. Needs root, mkfs.erofs, unshare.
set -eu

now() { date +%s.%N; }
elapsed() { echo "$(now) $1" | awk '{ printf "%.3f", $1 - $2 }'; }
median() { tr ' ' '\n' | grep . | sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
minimum() { tr ' ' '\n' | grep . | sort -n | head -n 1; }
ms() { awk -v s="$1" 'BEGIN { printf "%.0f", s * 1000 }'; }

if [ "${1:-}" = --inner ]; then
	# ---- inside the private mount namespace -------------------------------------------------
	shift
	work=$1; ours=$2; theirs=${3:-}
	root=$work/root
	if [ "$(readlink /proc/self/ns/mnt)" = "$(readlink /proc/1/ns/mnt)" ]; then
		echo "compare-refresh: refusing to mount in the initial mount namespace" >&2
		exit 2
	fi
	mount -t tmpfs -o mode=0755 refresh-bench /run
	mount --bind "$work" "$work"
	mount --make-rshared "$work"
	export LC_ALL=C SYSTEMD_LOG_COLOR=0 SYSTEMD_PAGER=cat SYSTEMD_LOG_TARGET=console
	unset SYSTEMD_LOG_LEVEL SYSTEMD_CONFEXT_MUTABLE_MODE SYSTEMD_CONFEXT_HIERARCHIES SYSTEMD_OS_RELEASE 2>/dev/null || true
	runs=$RUNS
	tools="ours"
	[ -z "$theirs" ] || tools="ours theirs"
	for t in $tools; do eval "${t}_merge='' ${t}_noop='' ${t}_forced='' ${t}_unmerge='' ${t}_warm=''"; done

	# step TOOL NAME VERB ARGS...: times one call, checks its exit code and stores the time
	step() {
		tool=$1; name=$2; shift 2
		if [ "$tool" = ours ]; then bin=$ours; else bin=$theirs; fi
		s=$(now)
		if ! "$bin" --no-pager --root="$root" "$@" > "$work/out" 2>&1; then
			echo "compare-refresh: $tool $*: failed:" >&2
			cat "$work/out" >&2
			exit 1
		fi
		e=$(elapsed "$s")
		eval "${tool}_$name=\"\$${tool}_$name $e\""
	}
	merged() { awk -v p="$root/etc" '$5 == p { f = 1 } END { exit !f }' /proc/self/mountinfo; }

	# one untimed round per tool: warms the page cache and lets bin/confext's launcher write its
	# class-data-sharing archive if the jar is new
	for t in $tools; do
		step "$t" warm merge
		step "$t" warm unmerge
	done
	i=0
	while [ $i -lt "$runs" ]; do
		# alternate which tool goes first
		if [ $((i % 2)) -eq 0 ]; then order=$tools; else order=$(echo "$tools" | awk '{ for (j = NF; j > 0; j--) printf "%s ", $j }'); fi
		for t in $order; do
			step "$t" merge merge
			merged || { echo "compare-refresh: $t merge left $root/etc unmerged" >&2; exit 1; }
			step "$t" noop refresh
			grep -q "Skipping extension refresh because no change was found" "$work/out" || {
				echo "compare-refresh: $t refresh did not skip:" >&2; cat "$work/out" >&2; exit 1; }
			step "$t" forced refresh --always-refresh=yes
			if grep -q "Skipping extension refresh" "$work/out"; then
				echo "compare-refresh: $t refresh --always-refresh=yes skipped" >&2; exit 1
			fi
			merged || { echo "compare-refresh: $t refresh left $root/etc unmerged" >&2; exit 1; }
			[ "$(grep -c . "$root/etc/.systemd-confext/confexts")" -eq 8 ] || {
				echo "compare-refresh: $t did not merge all 8 confexts" >&2; exit 1; }
			step "$t" unmerge unmerge
			! merged || { echo "compare-refresh: $t unmerge left $root/etc merged" >&2; exit 1; }
		done
		i=$((i + 1))
	done

	printf '%-22s %18s' "step ($runs runs, ms)" "confext med/min"
	[ -z "$theirs" ] || printf ' %18s %10s' "v262 med/min" "ours/v262"
	printf '\n'
	for step in merge noop forced unmerge; do
		case $step in
			merge) label="merge" ;;
			noop) label="refresh (no-op)" ;;
			forced) label="refresh --always" ;;
			unmerge) label="unmerge" ;;
		esac
		eval "o=\$ours_$step"
		om=$(echo "$o" | median); on=$(echo "$o" | minimum)
		printf '%-22s %18s' "$label" "$(ms "$om") / $(ms "$on")"
		if [ -n "$theirs" ]; then
			eval "u=\$theirs_$step"
			um=$(echo "$u" | median); un=$(echo "$u" | minimum)
			printf ' %18s %10s' "$(ms "$um") / $(ms "$un")" "$(awk -v a="$om" -v b="$um" 'BEGIN { printf "%.2f", a / b }')"
		fi
		printf '\n'
	done
	exit 0
fi

# ---- outside: build the root, then re-run this script in a private mount namespace -------------
[ "$(id -u)" -eq 0 ] || { echo "compare-refresh: needs root (mounts inside a private namespace)" >&2; exit 1; }
command -v mkfs.erofs >/dev/null || { echo "compare-refresh: mkfs.erofs is not installed" >&2; exit 1; }
command -v unshare >/dev/null || { echo "compare-refresh: unshare is not installed" >&2; exit 1; }
top=$(cd "$(dirname "$0")/.." && pwd)
self=$top/benchmarks/compare-refresh.sh
[ -f "$top/confext-cli/target/confext-cli.jar" ] || { echo "build first: mvn -B -q -DskipTests package" >&2; exit 1; }
RUNS=${RUNS:-7}
[ "$RUNS" -ge 5 ] || RUNS=5
export RUNS
work=$(mktemp -d -t compare-refresh.XXXXXX)
trap 'rm -rf "$work"' EXIT INT TERM
root=$work/root
mkdir -p "$root/etc" "$root/usr/lib" "$root/var/lib/confexts" "$work/bin" "$work/src"
printf 'ID=debian\nVERSION_ID=12\n' > "$root/usr/lib/os-release"
echo "host" > "$root/etc/hostname"
n=1
while [ $n -le 8 ]; do
	name=bench$n
	src=$work/src/$name
	mkdir -p "$src/etc/extension-release.d" "$src/etc/$name.d"
	printf 'ID=_any\n' > "$src/etc/extension-release.d/extension-release.$name"
	f=1
	while [ $f -le 4 ]; do
		printf 'setting%s = %s\n' "$f" "$name" > "$src/etc/$name.d/$f.conf"
		f=$((f + 1))
	done
	printf '%s\n' "$name" > "$src/etc/$name.conf"
	mkfs.erofs --quiet "$root/var/lib/confexts/$name.raw" "$src" >/dev/null
	n=$((n + 1))
done
theirs=""
if [ $# -ge 1 ]; then
	upstream=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
	[ -x "$upstream" ] || { echo "compare-refresh: $1 is not executable" >&2; exit 1; }
	ln -s "$upstream" "$work/bin/systemd-confext"
	theirs=$work/bin/systemd-confext
	echo "upstream: $("$theirs" --version | head -n 1)"
fi
echo "ours:     bin/confext ($(cd "$top" && git rev-parse --short HEAD 2>/dev/null || echo unknown))"
echo "8 erofs confexts, $RUNS runs per tool, wall time end to end"
unshare -m --propagation private sh "$self" --inner "$work" "$top/bin/confext" $theirs
