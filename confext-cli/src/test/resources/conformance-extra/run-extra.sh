#!/bin/sh
# Run (or record) the extra conformance cases with the shared conformance harness.
#
#   sh run-extra.sh SHARED_CONFORMANCE BIN_DIR OUT_DIR [--record] [--only=FACTS] [CASE...]
#
# SHARED_CONFORMANCE is the shared conformance directory (the one holding judge.sh, compare.py
# and lib/). The extra cases use its fx_* helpers and lifecycle unchanged, so they are assembled
# with them in OUT_DIR/harness (a copy: make-root.sh sources ../../lib/fixture.sh) and judged by
# its judge.sh. Last line as judge.sh: "conformance: N/M cases pass".
#
# --record: BIN_DIR holds an upstream systemd-sysext/systemd-confext (see README.md); the outputs of
# each case are written to cases/<case>/expected next to this script instead of being compared.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
[ $# -ge 3 ] || { echo "usage: $0 SHARED_CONFORMANCE BIN_DIR OUT_DIR [--record] [--only=FACTS] [CASE...]" >&2; exit 2; }
SHARED=$(cd "$1" && pwd); BIN=$(cd "$2" && pwd); OUT=$3; shift 3
RECORD=no
case "${1:-}" in --record) RECORD=yes; shift ;; esac
[ "$(id -u)" = 0 ] || { echo "must run as root" >&2; exit 2; }
mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd)
H=$OUT/harness
rm -rf "$H"; mkdir -p "$H"
cp -R "$SHARED/lib" "$H/lib"
cp "$SHARED/judge.sh" "$SHARED/compare.py" "$H/"
cp -R "$HERE/cases" "$H/cases"
if [ "$RECORD" = no ]; then
	exec sh "$H/judge.sh" "$BIN" "$OUT/results" "$@"
fi

# Recording: the same steps as judge.sh, keeping the observations as expected/.
W=$OUT/.bin; mkdir -p "$W"
printf '#!/bin/sh\nexec "%s/sysext" "$@"\n' "$BIN" > "$W/systemd-sysext"
printf '#!/bin/sh\nexec "%s/confext" "$@"\n' "$BIN" > "$W/systemd-confext"
chmod +x "$W/systemd-sysext" "$W/systemd-confext"
ORACLE=$("$W/systemd-sysext" --version | head -1)
[ $# -gt 0 ] || set -- $(cd "$H/cases" && ls)
for c in "$@"; do
	CASE_DIR=$H/cases/$c
	[ -f "$CASE_DIR/make-root.sh" ] || { echo "no such case: $c" >&2; continue; }
	ROOT=$OUT/roots/$c; RES=$OUT/recorded/$c
	rm -rf "$ROOT" "$RES"; mkdir -p "$(dirname "$ROOT")" "$RES"
	sh "$CASE_DIR/make-root.sh" "$ROOT" >"$OUT/$c.make-root.log" 2>&1 || { echo "$c: make-root.sh failed"; continue; }
	if ! unshare -m --propagation private sh "$H/lib/run-case.sh" "$W" "$CASE_DIR" "$ROOT" "$RES" main >"$OUT/$c.harness.log" 2>&1; then
		echo "$c: harness failure (see $OUT/$c.harness.log)"; continue
	fi
	echo "$ORACLE" > "$RES/ORACLE"
	python3 "$H/lib/oracle_util.py" summarize "$RES" > "$RES/summary.json"
	rm -rf "$HERE/cases/$c/expected"
	cp -R "$RES" "$HERE/cases/$c/expected"
	echo "$c: recorded (merge exit $(sed -n 's/^exit: //p' "$RES/20-merge.out"), refresh skipped $(cat "$RES/41-refresh.skipped"))"
done
