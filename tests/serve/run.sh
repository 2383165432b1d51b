#!/usr/bin/env bash
# End-to-end tests of `arshif serve`: a real server on a free loopback
# port, real HTTP (curl), real file edits.  Usage: run.sh ARSHIF
set -euo pipefail
ARSHIF=$(realpath "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
pid=""
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok $*"; }
no() { fail=$((fail + 1)); echo "FAIL $*"; }
check() { local what=$1; shift; if "$@"; then ok "$what"; else no "$what"; fi; }

site=$work/site
mkdir -p "$site"
cp -r "$ROOT/site.yaml" "$ROOT/content" "$site/"
# A file outside the site, and a symbolic link to it placed in static/.
echo secret > "$work/secret.txt"
mkdir -p "$site/static"
cp "$ROOT/static/"* "$site/static/"
cp -r "$ROOT/templates" "$site/"

# A free port: let the kernel pick one, then hand it to arshif.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base=http://127.0.0.1:$port
"$ARSHIF" serve -s "$site" --port "$port" >"$work/log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do grep -q 'serving on' "$work/log" 2>/dev/null && break; sleep 0.1; done
check "prints the loopback URL" grep -q "serving on http://127.0.0.1:$port/" "$work/log"
check "listens on 127.0.0.1 only" bash -c "! ss -ltn | grep -q '0.0.0.0:$port'"

status() { curl -s -o /dev/null -w '%{http_code}' --path-as-is "$@"; }
ctype() { curl -s -o /dev/null -w '%{content_type}' "$@"; }

check "home 200" test "$(status "$base/ar/")" = 200
check "html type" test "$(ctype "$base/ar/")" = "text/html; charset=utf-8"
check "css type" test "$(ctype "$base/style.css")" = "text/css; charset=utf-8"
check "svg type" test "$(ctype "$base/favicon.svg")" = "image/svg+xml; charset=utf-8"
check "atom feed type" test "$(ctype "$base/ar/feed.xml")" = "application/xml; charset=utf-8"
check "sitemap type" test "$(ctype "$base/sitemap.xml")" = "application/xml; charset=utf-8"
check "directory without slash redirects" test "$(status "$base/en")" = 301
check "redirect adds the slash" bash -c "curl -sI '$base/en' | grep -qi '^location: /en/'"
check "HEAD works, no body" bash -c "[ \"\$(curl -s -I -o /dev/null -w '%{http_code}' '$base/en/')\" = 200 ] && [ -z \"\$(curl -s -X HEAD --max-time 3 '$base/en/')\" ]"
etag=$(curl -sI "$base/en/" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')
check "ETag given" test -n "$etag"
check "If-None-Match gives 304" test "$(status -H "If-None-Match: $etag" "$base/en/")" = 304
check "Last-Modified given" bash -c "curl -sI '$base/en/' | grep -qi '^last-modified:'"
check "missing page 404" test "$(status "$base/no/such/page/")" = 404
check "404 is the site's page" bash -c "curl -s '$base/no/such/page/' | grep -q 'lang=\"ar\"'"
check "POST refused" test "$(status -X POST "$base/ar/")" = 405
check "served pages carry the reload script" bash -c "curl -s '$base/ar/' | grep -q EventSource"

# Traversal: none may reach a file outside the site.
for p in '/../secret.txt' '/../../etc/passwd' '/%2e%2e/secret.txt' '/%2E%2E/%2E%2E/etc/passwd' \
	'/ar/../../secret.txt' '/ar/%2e%2e/%2e%2e/secret.txt' '/..%2fsecret.txt' '/%2e%2e%2fsecret.txt' \
	'/./ar/' '//etc/passwd' '/ar//' '/..\secret.txt' '/%5c..%5csecret.txt' '/ar/%00/../../secret.txt' \
	'/.arshif-output/../../secret.txt'; do
	code=$(status "$base$p")
	body=$(curl -s --path-as-is "$base$p" || true)
	if [ "$code" != 200 ] && ! grep -q secret <<<"$body" && ! grep -q 'root:' <<<"$body"; then
		ok "traversal refused: $p ($code)"
	else
		no "traversal refused: $p ($code)"
	fi
done

# Live reload: an edit shows in the served page and on the channel within a second.
f=$(ls "$site"/content/en/2019/*.md | head -1)
curl -sN --max-time 20 "$base/__arshif/events" >"$work/events" &
evpid=$!
sleep 0.5
t0=$(date +%s%N)
sed -i 's/^title: "/title: "Freshly edited /' "$f"
seen=""
# One second is the promise; a sanitizer build may be given longer.
limit=${RELOAD_LIMIT_MS:-1000}
while [ $(( ($(date +%s%N) - t0) / 1000000 )) -lt "$limit" ]; do
	if grep -q 'event: reload' "$work/events"; then seen=$(( ($(date +%s%N) - t0) / 1000000 )); break; fi
	sleep 0.02
done
if [ -n "$seen" ]; then ok "reload announced in ${seen} ms"; else no "reload announced within $limit ms"; fi
check "edit visible in the served pages" bash -c "curl -s '$base/en/page/2/' '$base/en/' | grep -q 'Freshly edited'"

# A broken edit: reported on the channel and in the terminal; the old page stays.
cp "$f" "$work/good.md"
sed -i 's/^date: .*/date: 2021-02-30/' "$f"
for _ in $(seq 1 50); do grep -q 'event: error-report' "$work/events" && break; sleep 0.05; done
check "broken edit reported on the channel" grep -q 'no such day' "$work/events"
check "broken edit reported in the terminal with file:line:col" grep -qE "content/en/2019/[^:]+\.md:[0-9]+:[0-9]+: error: bad date" "$work/log"
check "old page still served" bash -c "curl -s '$base/en/page/2/' '$base/en/' | grep -q 'Freshly edited'"
check "new page loads show the error state" bash -c "timeout 2 curl -sN '$base/__arshif/events' | grep -q 'no such day' || true; timeout 2 curl -sN '$base/__arshif/events' 2>/dev/null | head -c 400 | grep -q 'error-report'"
# Recovery.
cp "$work/good.md" "$f"
sed -i 's/Freshly edited /Recovered /' "$f"
for _ in $(seq 1 60); do curl -s "$base/en/page/2/" "$base/en/" | grep -q Recovered && break; sleep 0.05; done
check "recovers after the fix" bash -c "curl -s '$base/en/page/2/' '$base/en/' | grep -q Recovered"
kill $evpid 2>/dev/null || true

# A new folder under content/ is watched too.
mkdir -p "$site/content/en/2023"
sleep 0.3
printf -- '---\ntitle: "Brand new folder"\ndate: 2023-01-05\n---\nBody.\n' >"$site/content/en/2023/new.md"
for _ in $(seq 1 60); do curl -s "$base/en/" | grep -q 'Brand new folder' && break; sleep 0.05; done
check "articles in new folders are built" bash -c "curl -s '$base/en/' | grep -q 'Brand new folder'"

# A taken port with --port is a clear error.
"$ARSHIF" serve -s "$site" --port "$port" >"$work/log2" 2>&1 && rc=0 || rc=$?
check "taken --port is an error" test "$rc" = 1
check "taken --port message" grep -q 'Address already in use; choose another --port' "$work/log2"

# Load from a second process while files change: no failed request.
if command -v wrk >/dev/null; then
	( for i in $(seq 1 8); do sed -i "s/^title: \".*/title: \"Load edit $i\"/" "$f"; sleep 0.25; done ) &
	wrk -t2 -c8 -d3s "$base/en/" >"$work/wrk" 2>&1
	wait $!
	cat "$work/wrk" | grep -E 'Requests/sec|requests in' | sed 's/^/   /'
	check "wrk: no socket errors" bash -c "! grep -q 'Socket errors' '$work/wrk'"
	check "wrk: no non-2xx responses" bash -c "! grep -q 'Non-2xx' '$work/wrk'"
fi

# Ctrl-C: stops cleanly and leaves nothing behind.
tmpdir=$(ls -d "${TMPDIR:-/tmp}"/arshif-serve-* 2>/dev/null | head -1)
kill -INT "$pid"
wait "$pid" && rc=0 || rc=$?
pid=""
check "SIGINT exits 0" test "$rc" = 0
check "SIGINT removes the private folder" test ! -e "$tmpdir"

check "no sanitizer report from the server" bash -c "! grep -qE 'AddressSanitizer|LeakSanitizer|runtime error' '$work/log'"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
