#!/usr/bin/env bash
# The search page end to end (make search-test): builds the sample site
# twice (1 and 2 workers: the index must not differ), once more with
# link_style: index for file://, serves the first with python3 -m
# http.server on 127.0.0.1, and drives Debian's Chromium through
# search.mjs (playwright-core, installed by npm ci here).
#
#   bash tests/search/run.sh ARSHIF
set -euo pipefail

[ $# -eq 1 ] || { echo "usage: bash tests/search/run.sh ARSHIF" >&2; exit 2; }
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
case $1 in /*) ARSHIF=$1 ;; *) ARSHIF=$PWD/$1 ;; esac

T=$(mktemp -d "${TMPDIR:-/tmp}/arshif-search.XXXXXX")
PID=
cleanup() { if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; fi; rm -rf "$T"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

[ -d "$HERE/node_modules/playwright-core" ] ||
	(cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error)

PASS=0
FAIL=0
ok() { PASS=$((PASS + 1)); echo "ok - $1"; }
not_ok() { FAIL=$((FAIL + 1)); echo "not ok - $1"; }

ARSHIF_JOBS=1 "$ARSHIF" build -s "$ROOT" -o "$T/http" >/dev/null
ARSHIF_JOBS=2 "$ARSHIF" build -s "$ROOT" -o "$T/http2" >/dev/null
if diff -r "$T/http" "$T/http2" >"$T/diff" 2>&1; then
	ok "the site and its index are byte-identical with 1 and 2 workers"
else
	not_ok "the site and its index are byte-identical with 1 and 2 workers"
	sed -n '1,10s/^/  # /p' "$T/diff"
fi

mkdir -p "$T/src"
cp -R "$ROOT/content" "$ROOT/entities.yaml" "$T/src/"
{ cat "$ROOT/site.yaml"; echo "link_style: index"; } >"$T/src/site.yaml"
"$ARSHIF" build -s "$T/src" -o "$T/file" >/dev/null

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$PORT" --bind 127.0.0.1 -d "$T/http" >"$T/http.log" 2>&1 &
PID=$!
for _ in $(seq 50); do
	curl -fsS "http://127.0.0.1:$PORT/" >/dev/null 2>&1 && break
	sleep 0.1
done

rc=0
(cd "$HERE" && node search.mjs "$ROOT/content" "http://127.0.0.1:$PORT/" "$T/file") >"$T/out" 2>&1 || rc=$?
grep -v ' passed, .* failed$' "$T/out" || true
p=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$T/out")
f=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p' "$T/out")
PASS=$((PASS + ${p:-0}))
FAIL=$((FAIL + ${f:-0}))
if [ "$rc" -ne 0 ] && [ -z "$f" ]; then FAIL=$((FAIL + 1)); echo "not ok - search.mjs ended with status $rc"; fi
echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
