#!/usr/bin/env bash
# A generated archive with the troubles real ones have (issue #10):
# duplicate headlines, aliases, scheduled articles, misspelled keys,
# empty bodies and entity names without a letter.  It must build, with
# exactly the warnings expected, and the same bytes whatever the number
# of workers (the second build, with 4, reads the build cache the first
# wrote, so a cached parse must give the same site too).
#
#   bash tests/robust/run.sh ARSHIF [--vnu]
#
# --vnu also runs the Nu Html Checker (the e2e suite's jar) over every
# page: for when the renderer writes redirect pages and valid index
# anchors.
set -euo pipefail

[ $# -ge 1 ] || { echo "usage: $0 ARSHIF [--vnu]" >&2; exit 2; }
bin=$(realpath "$1")
vnu=0
[ "${2:-}" = --vnu ] && vnu=1
here=$(cd "$(dirname "$0")" && pwd)
export NO_COLOR=1 TZ=UTC LC_ALL=C.UTF-8
export ASAN_OPTIONS="detect_leaks=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/arshif-robust.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

fails=0
ok() { echo "ok $1"; }
bad() { echo "FAIL $1"; shift; printf '  %s\n' "$@"; fails=$((fails + 1)); }

site=$tmp/site
python3 "$here/gen.py" "$site" >"$tmp/counts"
# shellcheck disable=SC1091
. "$tmp/counts"
NOW=1700000000

run() {	# run OUT JOBS [args...]: builds into OUT, stderr into OUT.err
	local out=$1 jobs=$2
	shift 2
	set +e
	SOURCE_DATE_EPOCH=$NOW ARSHIF_JOBS=$jobs "$bin" build -s "$site" \
	    -o "$out" "$@" >"$out.stdout" 2>"$out.err"
	echo $? >"$out.status"
	set -e
}

run "$tmp/one" 1
run "$tmp/many" 4

count() { grep -c -- "$1" "$tmp/one.err" || true; }

if [ "$(cat "$tmp/one.status")" = 0 ]; then
	ok "the archive builds (exit 0)"
else
	bad "the archive builds" "exit $(cat "$tmp/one.status")" \
	    "$(head -n 20 "$tmp/one.err")"
fi

want=$((DUP_PAIRS + 2 * DUP_TRIPLES))
got=$(count ": warning: this article and .* both make ")
[ "$got" = "$want" ] && ok "one warning per renumbered article ($want)" ||
	bad "one warning per renumbered article" "got $got, want $want"
got=$(count ": warning: unknown key '.*'; did you mean '")
[ "$got" = "$MISSPELLED" ] && ok "misspelled keys warned ($MISSPELLED)" ||
	bad "misspelled keys warned" "got $got, want $MISSPELLED"
grep -q "unknown key 'darft'; did you mean 'draft'?" "$tmp/one.err" &&
	grep -q "unknown key 'Titel'; did you mean 'title'?" "$tmp/one.err" &&
	ok "the key meant is named" || bad "the key meant is named" \
	"$(grep 'unknown key' "$tmp/one.err" | head -n 3)"
got=$(count ": warning: the article has no body")
[ "$got" = "$EMPTY" ] && ok "empty bodies warned ($EMPTY)" ||
	bad "empty bodies warned" "got $got, want $EMPTY"
got=$(count ": warning: the entity name '€' has no letter or digit")
[ "$got" = "$NOLETTER" ] && ok "names without a letter skipped ($NOLETTER)" ||
	bad "names without a letter skipped" "got $got, want $NOLETTER"
grep -q "^arshif: note: $FUTURE articles dated after now are not published" \
    "$tmp/one.err" && ok "scheduled articles held back ($FUTURE)" ||
	bad "scheduled articles held back" "$(grep note "$tmp/one.err" || true)"
# Nothing else: every diagnostic is one of the above.
others=$(grep -v -e "both make" -e "did you mean" -e "has no body" \
    -e "has no letter or digit" -e "^arshif: note: " "$tmp/one.err" || true)
[ -z "$others" ] && ok "no other diagnostic" ||
	bad "no other diagnostic" "$(echo "$others" | head -n 10)"

# Every clash got its numbered URL, once.
n2=$(find "$tmp/one" -path '*/20[12][01]/*' -type d -name '*-2' | wc -l)
n3=$(find "$tmp/one" -path '*/2021/*' -type d -name '*-3' | wc -l)
[ "$n2" = $((DUP_PAIRS + DUP_TRIPLES)) ] && [ "$n3" = "$DUP_TRIPLES" ] &&
	ok "both (all three) articles of each clash are published" ||
	bad "both articles of each clash are published" \
	"-2: $n2, want $((DUP_PAIRS + DUP_TRIPLES)); -3: $n3, want $DUP_TRIPLES"
arts=$(find "$tmp/one" -path '*/[0-9][0-9][0-9][0-9]/[0-9][0-9]/[0-9][0-9]/*/index.html' | wc -l)
want=$((ARTICLES - FUTURE))
[ "$arts" = "$want" ] && ok "every article but the scheduled has a page ($want)" ||
	bad "every article but the scheduled has a page" "got $arts, want $want"
if grep -rqs -e "9000" -e "2030/06/01" "$tmp"/one/sitemap*.xml "$tmp"/one/*/feed.xml ||
    [ -d "$tmp/one/fr/2030" ] || [ -d "$tmp/one/ar/2023/11/15" ]; then
	bad "scheduled articles appear nowhere" \
	    "$(grep -rls 9000 "$tmp/one" | head -n 3)"
else
	ok "scheduled articles appear nowhere (pages, feeds, sitemap)"
fi
# 2023-11-15T00:00:00+03:00 is before now, and filed under the day written.
[ -d "$tmp/one/en/2023/11/15/just-in-time" ] &&
	ok "an article dated just before now is published" ||
	bad "an article dated just before now is published" "no en/2023/11/15/just-in-time/"

# Each old path has its redirect page, and the sitemap lists none.
missing=""
for al in $ALIAS_PATHS; do
	f=$tmp/one/${al}index.html
	if [ ! -f "$f" ] || ! grep -qi 'http-equiv="refresh"' "$f"; then
		missing="$missing /$al"
	elif grep -q "/${al}<" "$tmp/one/sitemap.xml"; then
		missing="$missing /$al(in the sitemap)"
	fi
done
[ -z "$missing" ] && ok "every alias redirects ($ALIASES articles), none in the sitemap" ||
	bad "every alias redirects" "$missing"

# The same bytes whatever the number of workers.
if diff -r "$tmp/one" "$tmp/many" >"$tmp/diff" 2>&1 &&
    cmp -s "$tmp/one.err" "$tmp/many.err"; then
	ok "the same site and diagnostics with 1 and 4 workers"
else
	bad "the same site and diagnostics with 1 and 4 workers" \
	    "$(head -n 10 "$tmp/diff")"
fi

# --future publishes them; --strict refuses the warnings.
run "$tmp/future" 2 --future
arts=$(find "$tmp/future" -path '*/[0-9][0-9][0-9][0-9]/[0-9][0-9]/[0-9][0-9]/*/index.html' | wc -l)
[ "$arts" = "$ARTICLES" ] && ! grep -q "note:" "$tmp/future.err" &&
	ok "--future publishes every article ($ARTICLES)" ||
	bad "--future publishes every article" "got $arts, want $ARTICLES"
run "$tmp/strict" 2 --strict
[ "$(cat "$tmp/strict.status")" = 1 ] && [ ! -e "$tmp/strict" ] &&
	ok "--strict turns the warnings into errors and writes nothing" ||
	bad "--strict turns the warnings into errors" \
	"exit $(cat "$tmp/strict.status")"

if [ "$vnu" = 1 ]; then
	jar=$here/../e2e/node_modules/vnu-jar/build/dist/vnu.jar
	find "$tmp/one" -name '*.html' -print0 >"$tmp/html.list"
	if xargs -0 java -Xss8m -jar "$jar" --errors-only <"$tmp/html.list" \
	    >"$tmp/vnu.out" 2>&1 && [ ! -s "$tmp/vnu.out" ]; then
		ok "every page passes the Nu Html Checker"
	else
		bad "every page passes the Nu Html Checker" \
		    "$(sed "s|$tmp/||g" "$tmp/vnu.out" | head -n 20)"
	fi
fi

[ "$fails" = 0 ] && echo "robust: all checks passed" || echo "robust: $fails failed"
[ "$fails" = 0 ]
