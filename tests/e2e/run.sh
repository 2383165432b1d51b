#!/usr/bin/env bash
# End-to-end tests of arshif: builds the sample site and small fixture
# sites, and checks what comes out.
#
#   bash tests/e2e/run.sh ARSHIF ARSHIF_ASAN      (make e2e runs it)
#
# ARSHIF is the normal binary, ARSHIF_ASAN the AddressSanitizer+UBSan one.
# Needs python3 (standard library only), xmllint, java with the vnu jar of
# tests/e2e/node_modules (make deps-test), cc, chromium.  Prints one line
# per check ("ok - ..." / "not ok - ...", details as "  # ..."), ends with
# "N passed, M failed"; exits 1 when a check failed.  Screenshots go to
# build/screenshots/.  Everything else lives in a temporary folder removed
# on exit.
set -euo pipefail

if [ $# -ne 2 ]; then
	echo "usage: bash tests/e2e/run.sh ARSHIF ARSHIF_ASAN" >&2
	exit 2
fi

E2E=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$E2E/../.." && pwd)
abspath() { case $1 in /*) printf '%s\n' "$1" ;; *) printf '%s\n' "$PWD/$1" ;; esac; }
ARSHIF=$(abspath "$1")
ASAN=$(abspath "$2")
cd "$ROOT"

T=$(mktemp -d "${TMPDIR:-/tmp}/arshif-e2e.XXXXXX")
trap 'rm -rf "$T"' EXIT
trap 'exit 130' INT TERM

export PYTHONDONTWRITEBYTECODE=1
export ASAN_OPTIONS=detect_leaks=1
export UBSAN_OPTIONS=print_stacktrace=1
PY=(python3 -B)
BASE_URL=$(sed -n 's/^base_url: *"\{0,1\}\([^"#]*\)"\{0,1\}.*/\1/p' site.yaml | head -n1)
BASE_URL=${BASE_URL%% }
VNU=$E2E/node_modules/vnu-jar/build/dist/vnu.jar
SHOTS=$ROOT/build/screenshots
START=$SECONDS

PASS=0
FAIL=0
N=0

ok() { PASS=$((PASS + 1)); printf 'ok - %s\n' "$1"; }
not_ok() {
	FAIL=$((FAIL + 1))
	printf 'not ok - %s\n' "$1"
	if [ -n "${2:-}" ] && [ -s "$2" ]; then
		sed -n '1,25s/^/  # /p' "$2"
		local n
		n=$(wc -l <"$2")
		if [ "$n" -gt 25 ]; then echo "  # ... ($n lines in all)"; fi
	fi
}

# check NAME FUNCTION [ARGS...]: runs FUNCTION in a subshell with set -e in
# force (in the background, so that errexit is not switched off as it is in
# an if condition); its output is shown only when it fails.
check() {
	local name=$1 log
	shift
	N=$((N + 1))
	log=$T/log.$N
	( "$@" ) >"$log" 2>&1 &
	if wait $!; then
		ok "$name"
		sed -n 's/^info: /  # /p' "$log"
	else
		not_ok "$name" "$log"
	fi
}

# pychecks SCRIPT ARGS...: a python checker that prints its own ok/not ok lines.
pychecks() {
	local log out rc=0 o f
	N=$((N + 1))
	log=$T/log.$N
	"${PY[@]}" "$@" >"$log" 2>&1 || rc=$?
	o=$(grep -c '^ok - ' "$log" || true)
	f=$(grep -c '^not ok - ' "$log" || true)
	cat "$log"
	PASS=$((PASS + o))
	FAIL=$((FAIL + f))
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		FAIL=$((FAIL + 1))
		echo "not ok - $(basename "$2") ${3:-}: the checker itself failed (exit $rc)"
	fi
}

fail() { echo "$*"; return 1; }

# Runs arshif with stdout and stderr in files; never fails itself.
# run BIN LOGPREFIX ARGS... ; sets $RC
run() {
	local bin=$1 p=$2
	shift 2
	RC=0
	"$bin" "$@" >"$p.out" 2>"$p.err" || RC=$?
}

sanitizer_clean() {
	if grep -qE 'Sanitizer|runtime error:|LeakSanitizer|SUMMARY: ' "$1"; then
		echo "sanitizer report in $1:"
		cat "$1"
		return 1
	fi
}

# Same tree, same bytes.  The dotted marker .arshif-output included.
same_tree() { diff -r "$1" "$2" >"$T/diff.out" 2>&1 || { head -n 30 "$T/diff.out"; return 1; }; }

# Staging folders arshif leaves beside an output folder (should be none).
# Temporary folders beside an output (the generation and state folders stay by design).
stages_beside() { find "$(dirname "$1")" -maxdepth 1 -name ".$(basename "$1").arshif-??????" ! -name '*.arshif-state' | wc -l; }

# A site of one language, with no templates/ or static/ of its own: the
# repository's default theme is used.
fixture() {
	local dir=$1
	mkdir -p "$dir/content/en"
	cat >"$dir/site.yaml" <<-'EOF'
	title: "Fixture"
	base_url: "https://fixture.example.org/"
	default_language: en
	languages:
	  - code: en
	EOF
}

echo "# arshif end-to-end tests: $ARSHIF, $ASAN, in $T"

# ------------------------------------------------------------------ the command line

t_version() {
	run "$ARSHIF" "$T/v" --version
	[ "$RC" -eq 0 ] || fail "--version exited $RC"
	grep -qE '^arshif [0-9]+\.[0-9]+' "$T/v.out" || fail "--version printed: $(cat "$T/v.out")"
}
t_help() {
	run "$ARSHIF" "$T/h" --help
	[ "$RC" -eq 0 ] || fail "--help exited $RC"
	grep -q 'build' "$T/h.out" || fail "--help does not mention build: $(cat "$T/h.out")"
	run "$ARSHIF" "$T/bh" build --help
	[ "$RC" -eq 0 ] || fail "build --help exited $RC"
	grep -q -- '--output' "$T/bh.out" || fail "build --help lacks --output: $(cat "$T/bh.out")"
	grep -q -- '--drafts' "$T/bh.out" || fail "build --help lacks --drafts"
}
t_usage() {
	run "$ARSHIF" "$T/u" frobnicate
	[ "$RC" -eq 2 ] || fail "arshif frobnicate exited $RC, want 2"
	grep -q 'frobnicate' "$T/u.err" || fail "no message naming the command on stderr"
	run "$ARSHIF" "$T/u2" build --no-such-option
	[ "$RC" -eq 2 ] || fail "arshif build --no-such-option exited $RC, want 2"
	run "$ARSHIF" "$T/u3"
	[ "$RC" -eq 2 ] || fail "arshif without arguments exited $RC, want 2"
}
t_is_asan() {
	ASAN_OPTIONS=help=1 "$ASAN" --version >"$T/asan-help" 2>&1 || true
	grep -q 'AddressSanitizer' "$T/asan-help" ||
		fail "$ASAN does not look built with -fsanitize=address"
}
check "arshif --version exits 0 and prints the version" t_version
check "arshif --help and arshif build --help exit 0" t_help
check "arshif frobnicate, build --no-such-option, no arguments: exit 2" t_usage
check "ARSHIF_ASAN is built with AddressSanitizer" t_is_asan

# ------------------------------------------------------------------ builds

SITE=$T/site
t_build() {
	run "$ARSHIF" "$T/b1" build -s . -o "$SITE"
	[ "$RC" -eq 0 ] || { cat "$T/b1.err"; fail "exit $RC"; }
	[ -f "$SITE/index.html" ] || fail "no index.html"
	if [ -s "$T/b1.err" ]; then echo "warnings on stderr:"; cat "$T/b1.err"; return 1; fi
}
check "build of the sample site: exit 0, no warnings" t_build
if [ ! -f "$SITE/index.html" ]; then
	echo "not ok - the sample site did not build: the other checks cannot run"
	echo "$PASS passed, $((FAIL + 1)) failed"
	exit 1
fi

t_asan_build() {
	run "$ASAN" "$T/b2" build -s . -o "$T/site-asan"
	sanitizer_clean "$T/b2.err"
	[ "$RC" -eq 0 ] || { cat "$T/b2.err"; fail "exit $RC"; }
	same_tree "$SITE" "$T/site-asan"
}
check "build under ASan+UBSan (detect_leaks=1): exit 0, no report, output byte-identical" t_asan_build

t_rebuild() {
	cp -a "$SITE" "$T/site.before"
	# Left-overs of an older site must not survive a build.
	echo stale >"$SITE/stale.html"
	mkdir -p "$SITE/en/1999/01"
	echo stale >"$SITE/en/1999/01/index.html"
	# In another time zone (UTC+14): dates come from the front matter only.
	RC=0
	TZ=XYZ-14 "$ARSHIF" build -s . -o "$SITE" >"$T/b3.out" 2>"$T/b3.err" || RC=$?
	[ "$RC" -eq 0 ] || { cat "$T/b3.err"; fail "exit $RC"; }
	same_tree "$T/site.before" "$SITE"
	[ "$(stages_beside "$SITE")" -eq 0 ] || fail "staging folders left beside the output: $(ls -a "$T")"
}
check "rebuild into the same folder (TZ=UTC+14): identical, old files gone, no staging folder left" t_rebuild

t_cache() {
	local n
	rm -rf "$T/cache"
	run "$ARSHIF" "$T/bc1" build -s . -o "$T/site-cold" --cache-dir "$T/cache"
	[ "$RC" -eq 0 ] || { cat "$T/bc1.err"; fail "cold: exit $RC"; }
	grep -Eq ' 0 from cache[,;] ' "$T/bc1.out" || fail "cold build used a cache: $(cat "$T/bc1.out")"
	n=$(sed -En 's/.*; ([0-9]*) parsed, 0 from cache[,;] .*/\1/p' "$T/bc1.out")
	[ -n "$n" ] && [ "$n" -gt 0 ] || fail "cold build parsed nothing: $(cat "$T/bc1.out")"
	run "$ASAN" "$T/bc2" build -s . -o "$T/site-warm" --cache-dir "$T/cache"
	sanitizer_clean "$T/bc2.err"
	[ "$RC" -eq 0 ] || { cat "$T/bc2.err"; fail "warm: exit $RC"; }
	grep -Eq "; 0 parsed, $n from cache[,;] " "$T/bc2.out" || fail "warm build parsed again: $(cat "$T/bc2.out")"
	[ ! -s "$T/bc2.err" ] || { cat "$T/bc2.err"; fail "warnings from the cached build"; }
	run "$ARSHIF" "$T/bc3" build -s . -o "$T/site-nocache" --no-cache
	[ "$RC" -eq 0 ] || { cat "$T/bc3.err"; fail "--no-cache: exit $RC"; }
	grep -Eq "; $n parsed, 0 from cache[,;] " "$T/bc3.out" || fail "--no-cache: $(cat "$T/bc3.out")"
	same_tree "$SITE" "$T/site-cold" && same_tree "$SITE" "$T/site-warm" &&
		same_tree "$SITE" "$T/site-nocache"
}
check "build cache: a cold build, a build all from the cache (ASan) and --no-cache give byte-identical trees" t_cache

t_cache_shared() {
	local p1 p2
	rm -rf "$T/cache2"
	# Two builds at once on one new cache: both make it, both write to it.
	"$ARSHIF" build -s . -o "$T/site-p1" --cache-dir "$T/cache2" >"$T/bp1.out" 2>"$T/bp1.err" &
	p1=$!
	"$ASAN" build -s . -o "$T/site-p2" --cache-dir "$T/cache2" >"$T/bp2.out" 2>"$T/bp2.err" &
	p2=$!
	wait "$p1" || { cat "$T/bp1.err"; fail "first build failed"; }
	wait "$p2" || { cat "$T/bp2.err"; fail "second build failed"; }
	[ ! -s "$T/bp1.err" ] && [ ! -s "$T/bp2.err" ] ||
		{ cat "$T/bp1.err" "$T/bp2.err"; fail "diagnostics from the shared builds"; }
	same_tree "$SITE" "$T/site-p1" && same_tree "$SITE" "$T/site-p2"
	run "$ARSHIF" "$T/bp3" build -s . -o "$T/site-p3" --cache-dir "$T/cache2"
	[ "$RC" -eq 0 ] || { cat "$T/bp3.err"; fail "third build: exit $RC"; }
	grep -q "; 0 parsed, " "$T/bp3.out" || fail "the shared cache was not whole: $(cat "$T/bp3.out")"
	same_tree "$SITE" "$T/site-p3"
}
check "build cache: two builds at once on one cache, then one all from it: identical trees" t_cache_shared

# ------------------------------------------------------------------ what is in the site

pychecks "$E2E/check_site.py" pages . "$SITE"
pychecks "$E2E/check_site.py" hreflang "$SITE" "$BASE_URL"
pychecks "$E2E/check_links.py" "$SITE" "$BASE_URL"

# ------------------------------------------------------------------ search engines and previews

# Every sitemap against the sitemaps.org schema (the npm package
# "sitemap" ships sitemap.xsd; tests/e2e/schema/ adds the index, the
# XHTML alternates and the news elements).
sitemaps_valid() {
	local dir=$1 f n=0
	[ -f "$E2E/node_modules/sitemap/schema/sitemap.xsd" ] ||
		fail "no sitemap.xsd: run make deps-test (npm ci in tests/e2e)"
	xmllint --noout --schema "$E2E/schema/siteindex.xsd" "$dir/sitemap.xml" 2>&1 || return 1
	for f in "$dir"/sitemap-*.xml; do
		n=$((n + 1))
		xmllint --noout --schema "$E2E/schema/urlset.xsd" "$f" >"$T/xsd.out" 2>&1 ||
			{ cat "$T/xsd.out"; return 1; }
	done
	[ "$n" -gt 0 ] || fail "the index lists no chunk"
	echo "info: sitemap.xml and $n sitemaps valid"
}
t_sitemap_schema() { sitemaps_valid "$SITE"; }
check "sitemap.xml is a sitemap index, every sitemap valid against the sitemaps.org schema" t_sitemap_schema
pychecks "$E2E/check_seo.py" site . "$SITE" "$BASE_URL"

# The sample as of 2020-08-07 12:00 UTC, when Beirut's news was two days old.
t_news() {
	local now=1596801600
	SOURCE_DATE_EPOCH=$now run "$ARSHIF" "$T/news" build -s . -o "$T/site-news" --no-cache
	[ "$RC" -eq 0 ] || { cat "$T/news.err"; fail "exit $RC"; }
	sitemaps_valid "$T/site-news" &&
		"${PY[@]}" "$E2E/check_seo.py" news . "$T/site-news" "$now"
}
check "sitemap-news.xml: the last two days' articles, valid (SOURCE_DATE_EPOCH of 2020-08-07)" t_news

# A generated archive big enough for several chunks (sitemap_chunk: 1000),
# then one article more: only its language's last chunk and the index change.
t_chunks() {
	local g=$T/seo-big
	rm -rf "$g"
	"${PY[@]}" - "$g" <<-'PYEOF'
	import os, sys, datetime
	g = sys.argv[1]
	os.makedirs(g)
	with open(os.path.join(g, "site.yaml"), "w") as f:
	    f.write('title: "Big"\nbase_url: "https://big.example.org/"\nsitemap_chunk: 1000\n'
	            'languages:\n  - code: en\n  - code: fr\n')
	d0 = datetime.date(2001, 1, 1)
	for lang, n in (("en", 2500), ("fr", 1200)):
	    os.makedirs(os.path.join(g, "content", lang))
	    for i in range(n):
	        d = d0 + datetime.timedelta(days=i)
	        with open(os.path.join(g, "content", lang, "a%05d.md" % i), "w") as f:
	            f.write("---\ntitle: \"Story %d\"\ndate: %s\ntranslation_key: k%d\n---\n\nText %d.\n"
	                    % (i, d.isoformat(), i, i))
	PYEOF
	run "$ARSHIF" "$T/seo-big1" build -s "$g" -o "$T/seo-big-old" --no-cache
	[ "$RC" -eq 0 ] || { cat "$T/seo-big1.err"; fail "exit $RC"; }
	printf -- '---\ntitle: "Newest"\ndate: 2020-01-01\n---\n\nNew.\n' >"$g/content/en/new.md"
	run "$ARSHIF" "$T/seo-big2" build -s "$g" -o "$T/seo-big-new" --no-cache
	[ "$RC" -eq 0 ] || { cat "$T/seo-big2.err"; fail "exit $RC"; }
	sitemaps_valid "$T/seo-big-new" &&
		"${PY[@]}" "$E2E/check_seo.py" chunks 1000 "$T/seo-big-old" "$T/seo-big-new" "https://big.example.org/"
}
check "sitemap index of a 3,700-article archive in 1,000-URL chunks; a new article changes one chunk" t_chunks

# ------------------------------------------------------------------ the entity registry

# A program that prints the lines of stdin in ICU's collation order for
# the locale argv[1]: the order entity indexes must follow.
COLLATE=$T/collate
t_collate_tool() {
	cat >"$T/collate.c" <<-'EOF'
	#define _POSIX_C_SOURCE 200809L
	#include <stdio.h>
	#include <stdlib.h>
	#include <string.h>
	#include <unicode/ucol.h>
	#include <unicode/ustring.h>
	static UCollator *coll;
	struct line { char *s; UChar u[2048]; int32_t n; };
	static int cmp(const void *a, const void *b) {
		const struct line *x = a, *y = b;
		UCollationResult r = ucol_strcoll(coll, x->u, x->n, y->u, y->n);
		return r == UCOL_LESS ? -1 : r == UCOL_GREATER ? 1 : strcmp(x->s, y->s);
	}
	int main(int argc, char **argv) {
		UErrorCode st = U_ZERO_ERROR;
		struct line *v = NULL;
		size_t n = 0, i;
		char buf[4096];
		if (argc != 2) return 2;
		coll = ucol_open(argv[1], &st);
		if (U_FAILURE(st)) { fprintf(stderr, "ucol_open: %s\n", u_errorName(st)); return 1; }
		while (fgets(buf, sizeof(buf), stdin)) {
			buf[strcspn(buf, "\n")] = 0;
			v = realloc(v, (n + 1) * sizeof(*v));
			v[n].s = strdup(buf);
			st = U_ZERO_ERROR;
			u_strFromUTF8(v[n].u, 2048, &v[n].n, buf, -1, &st);
			if (U_FAILURE(st)) return 1;
			n++;
		}
		qsort(v, n, sizeof(*v), cmp);
		for (i = 0; i < n; i++) puts(v[i].s);
		return 0;
	}
	EOF
	# shellcheck disable=SC2046
	cc -std=c11 -O1 -o "$COLLATE" "$T/collate.c" $(pkg-config --cflags --libs icu-i18n icu-uc)
	[ "$(printf 'b\nä\na\n' | "$COLLATE" de | tr '\n' ' ')" = "a ä b " ] ||
		fail "the collation helper does not sort: $(printf 'b\nä\na\n' | "$COLLATE" de)"
}
check "an ICU collation helper for the index order checks compiles and sorts" t_collate_tool
if [ -x "$COLLATE" ]; then
	pychecks "$E2E/check_site.py" registry . "$SITE" "$COLLATE"
else
	pychecks "$E2E/check_site.py" registry . "$SITE"
fi

# A site in three languages with a registry, whose articles name some
# entities in their text only.
registry_fixture() {
	local dir=$1
	mkdir -p "$dir/content/ar" "$dir/content/en" "$dir/content/fr"
	cat >"$dir/site.yaml" <<-'EOF'
	title: {ar: "أرشيف", en: "Archive", fr: "Archives"}
	base_url: "https://fixture.example.org/"
	default_language: ar
	languages:
	  - code: ar
	  - code: en
	  - code: fr
	EOF
	cat >"$dir/entities.yaml" <<-'EOF'
	- id: cairo
	  type: places
	  names: {ar: "القاهرة", en: "Cairo", fr: "Le Caire"}
	  aliases: {fr: ["Caire"]}
	- id: un
	  type: organisations
	  names: {ar: "الأمم المتحدة", en: "United Nations", fr: "Nations unies"}
	- id: unsc
	  type: organisations
	  names: {ar: "مجلس الأمن الدولي", en: "United Nations Security Council", fr: "Conseil de sécurité"}
	- id: tunis
	  type: places
	  names: {ar: "تونس", en: "Tunis", fr: "Tunis"}
	- id: paris
	  type: places
	  names: {ar: "باريس", en: "Paris", fr: "Paris"}
	- id: amal
	  type: people
	  names: {ar: "أمل", en: "Amal", fr: "Amal"}
	  ambiguous: {ar: ["أمل"]}
	- id: beirut
	  type: places
	  names: {ar: "بيروت", en: "Beirut", fr: "Beyrouth"}
	EOF
	cat >"$dir/content/en/talks.md" <<-'EOF'
	---
	title: "Talks resume"
	date: 2021-05-04
	translation_key: talks
	entities:
	  places: ["Beirut"]
	---

	Delegates met in Cairo on Monday, and the United Nations Security
	Council will vote on Friday. The Tunisian press was sceptical.

	A `Paris` code span and a [Paris](https://example.org/) link do not
	count, and amal is no name here.
	EOF
	cat >"$dir/content/en/other.md" <<-'EOF'
	---
	title: "A visitor"
	date: 2021-05-05
	entities:
	  people: ["Ahmed Nobody"]
	---

	Ahmed Nobody arrived in Cairo.
	EOF
	cat >"$dir/content/ar/talks.md" <<-'EOF'
	---
	title: "استئناف المحادثات"
	date: 2021-05-04
	translation_key: talks
	---

	التقى الوفد وبالقاهرة ممثلين للأمم المتحدة، ويحدوهم أمل كبير.
	وكانت الصحافة التونسية متشككة.
	EOF
	cat >"$dir/content/fr/talks.md" <<-'EOF'
	---
	title: "Reprise des pourparlers"
	date: 2021-05-04
	translation_key: talks
	---

	Réunion au Caire avec les Nations unies. Un Parisien a témoigné.
	EOF
}

t_registry_mentions() {
	local fx=$T/fx-reg out=$T/fx-reg-out
	registry_fixture "$fx"
	run "$ASAN" "$T/br1" build -s "$fx" -o "$out"
	sanitizer_clean "$T/br1.err"
	[ "$RC" -eq 0 ] || { cat "$T/br1.err"; fail "exit $RC"; }
	# The one name in no entry: a warning at its place in the front matter.
	[ "$(grep -c . "$T/br1.err")" -eq 1 ] || { cat "$T/br1.err"; fail "want exactly one warning"; }
	grep -qF "$fx/content/en/other.md:5:12: warning: 'Ahmed Nobody' is not in $fx/entities.yaml" "$T/br1.err" ||
		fail "no warning for 'Ahmed Nobody' at other.md:5:12: $(cat "$T/br1.err")"
	"${PY[@]}" - "$out" <<-'EOF'
	import os, sys
	sys.path.insert(0, "tests/e2e")
	import sitelib
	from sitelib import norm
	site = sys.argv[1]
	def chips(p):
	    res = {}
	    for li in sitelib.parse_html(p).find_all("li", cls="chip"):
	        a = li.find("a")
	        t = sitelib.resolve_link(site, p, a.get("href"))
	        res[norm(a.text())] = os.path.relpath(t, site)
	    return res
	def items(p):
	    return {os.path.relpath(sitelib.resolve_link(site, p, h.find("a").get("href")), site)
	            for h in sitelib.parse_html(p).find_all(cls="item__title")}
	def alts(p):
	    return {(l.get("hreflang"), l.get("href")) for l in sitelib.parse_html(p).find_all("link")
	            if "alternate" in (l.get("rel") or "").split() and l.get("hreflang")}
	probs = []
	day = lambda L: os.path.join(site, L, "2021", "05", "04")
	days = {L: sorted(d for d in os.listdir(day(L)) if os.path.isdir(os.path.join(day(L), d)))
	        for L in ("ar", "en", "fr")}
	art = {L: os.path.join(site, L, "2021", "05", "04", days[L][0], "index.html") for L in days}
	want = {
	    "en": {"Beirut": "en/entities/beirut", "Cairo": "en/entities/cairo",
	           "United Nations Security Council": "en/entities/united-nations-security-council"},
	    "ar": {"القاهرة": "ar/entities/القاهرة", "الأمم المتحدة": "ar/entities/الأمم-المتحدة"},
	    "fr": {"Le Caire": "fr/entities/le-caire", "Nations unies": "fr/entities/nations-unies"},
	}
	for L, w in want.items():
	    got = chips(art[L])
	    if got != w:
	        probs.append("%s article: entities %s, want %s" % (L, got, w))
	    for name, d in w.items():
	        ep = os.path.join(site, d, "index.html")
	        if not os.path.isfile(ep):
	            probs.append("no %s" % d)
	        elif os.path.relpath(os.path.dirname(art[L]), site) not in items(ep):
	            probs.append("%s does not list the %s article" % (d, L))
	# Never matched: Tunis in "Tunisian"/"التونسية", Paris in code, links and
	# "Parisien", the ambiguous "أمل", lower-case "amal", the United Nations
	# inside the longer Security Council name (en: chips above).  A registry
	# entity that some language uses has a page in every language (the en
	# United Nations page has no article); those no article uses have none.
	pages = {
	    "ar": {"القاهرة", "الأمم-المتحدة", "بيروت", "مجلس-الأمن-الدولي"},
	    "en": {"cairo", "united-nations", "united-nations-security-council", "beirut",
	           "ahmed-nobody"},
	    "fr": {"le-caire", "nations-unies", "conseil-de-securite", "beyrouth"},
	}
	for L, w in pages.items():
	    got = set(os.listdir(os.path.join(site, L, "entities"))) - {"index.html"}
	    if got != w:
	        probs.append("%s/entities/: missing %s, extra %s" % (L, sorted(w - got), sorted(got - w)))
	# One entity, three pages that name each other (hreflang, x-default ar).
	base = "https://fixture.example.org/"
	cairo = {"ar": "ar/entities/%D8%A7%D9%84%D9%82%D8%A7%D9%87%D8%B1%D8%A9/",
	         "en": "en/entities/cairo/", "fr": "fr/entities/le-caire/"}
	wa = {(L, base + u) for L, u in cairo.items()} | {("x-default", base + cairo["ar"])}
	for L, u in cairo.items():
	    got = alts(sitelib.url_to_file(site, base, base + u))
	    if got != wa:
	        probs.append("%s: alternates %s, want %s" % (u, sorted(got), sorted(wa)))
	# The en Cairo page lists both en articles; they are related through it.
	ep = os.path.join(site, "en", "entities", "cairo", "index.html")
	visitor = os.path.join(site, "en", "2021", "05", "05", "a-visitor", "index.html")
	if items(ep) != {os.path.relpath(os.path.dirname(p), site) for p in (art["en"], visitor)}:
	    probs.append("en/entities/cairo/ lists %s" % sorted(items(ep)))
	rel_links = [os.path.relpath(sitelib.resolve_link(site, visitor, a.get("href")), site)
	             for ul in sitelib.parse_html(visitor).find_all("ul", cls="related")
	             for a in ul.find_all("a")]
	if os.path.relpath(os.path.dirname(art["en"]), site) not in rel_links:
	    probs.append("a-visitor: related articles %s lack the talks article" % rel_links)
	# A name in no entry: a page in its own language only, with no alternates.
	nb = os.path.join(site, "en", "entities", "ahmed-nobody", "index.html")
	if not os.path.isfile(nb):
	    probs.append("no en/entities/ahmed-nobody/")
	elif alts(nb):
	    probs.append("en/entities/ahmed-nobody/ has alternates %s" % sorted(alts(nb)))
	# Per-type indexes: only the types in use.
	for L, types in (("en", {"people", "places", "organisations"}), ("ar", {"places", "organisations"})):
	    for t in ("people", "places", "organisations"):
	        if os.path.isdir(os.path.join(site, L, t)) != (t in types):
	            probs.append("%s/%s/ %s" % (L, t, "missing" if t in types else "exists"))
	for p in probs:
	    print(p)
	sys.exit(1 if probs else 0)
	EOF
	# mentions: false: only the front matter counts.
	printf 'mentions: false\n' >>"$fx/site.yaml"
	run "$ARSHIF" "$T/br2" build -s "$fx" -o "$T/fx-reg-off"
	[ "$RC" -eq 0 ] || { cat "$T/br2.err"; fail "mentions: false: exit $RC"; }
	[ ! -e "$T/fx-reg-off/en/entities/cairo" ] || fail "mentions: false, yet en/entities/cairo/ exists"
	[ ! -e "$T/fx-reg-off/ar/entities/القاهرة" ] || fail "mentions: false, yet ar/entities/القاهرة/ exists"
	[ -e "$T/fx-reg-off/ar/entities/بيروت" ] ||
		fail "mentions: false: Beirut (front matter, en) has no ar page"
	"${PY[@]}" "$E2E/check_links.py" "$out" "https://fixture.example.org/"
}
check "registry: names found in the text (proclitics, longest match; not in words, code, links, ambiguous names), one page per language, hreflang, mentions: false" t_registry_mentions

t_drafts() {
	run "$ARSHIF" "$T/bd" build --drafts -s . -o "$T/drafts"
	[ "$RC" -eq 0 ] || { cat "$T/bd.err"; fail "exit $RC"; }
	"${PY[@]}" "$E2E/check_site.py" drafts . "$T/drafts"
	"${PY[@]}" "$E2E/check_links.py" "$T/drafts" "$BASE_URL"
}
check "build --drafts: the draft article is built and listed, every link resolves" t_drafts

# ------------------------------------------------------------------ safety

t_safety() {
	local fx=$T/fx-safe out=$T/fx-safe-out page
	fixture "$fx"
	cat >"$fx/content/en/x.md" <<-'EOF'
	---
	title: "<b>\"quotes\"&</b>"
	date: 2021-05-04
	---

	Before the script.

	<script>alert(1)</script>

	A [x](javascript:alert(1)) link, an <img src=x onerror=alert(2)> image,
	and [y](JAVASCRIPT:alert(4)) again.

	<div onclick="alert(3)">raw block</div>
	EOF
	run "$ARSHIF" "$T/bs" build -s "$fx" -o "$out"
	[ "$RC" -eq 0 ] || { cat "$T/bs.err"; fail "exit $RC"; }
	page=$(find "$out/en/2021/05/04" -mindepth 2 -name index.html | head -n1)
	[ -n "$page" ] || fail "no article page under en/2021/05/04/"
	# The scripts arshif writes: JSON-LD data, and the theme's own search.js.
	! grep -rio '<script[^>]*>' "$out" | grep -v ':<script type="application/ld+json">$' |
	    grep -v ':<script src="\(\.\./\)*search\.js">$' | grep -q . ||
		fail "a <script> in: $(grep -rli '<script' "$out")"
	[ "$(grep -o '<script' "$page" | wc -l)" -eq 1 ] || fail "the article page has other scripts than its JSON-LD"
	! grep -rqi 'javascript:' "$out" || fail "javascript: in: $(grep -rli 'javascript:' "$out")"
	! grep -rqiE '<[^>]* on(error|click)=' "$out" || fail "an event handler attribute got through"
	! grep -rqF '<b>"quotes"' "$out" || fail "the title went through unescaped"
	"${PY[@]}" - "$page" "$out/en/feed.xml" <<-'EOF'
	import sys, xml.etree.ElementTree as ET
	sys.path.insert(0, "tests/e2e")
	import sitelib
	want = '<b>"quotes"&</b>'
	dom = sitelib.parse_html(sys.argv[1])
	h1 = dom.find("h1")
	assert h1 is not None and h1.text().strip() == want, "h1 is %r" % (h1 and h1.text())
	assert not h1.find_all(), "the h1 holds elements: %r" % [n.tag for n in h1.find_all()]
	assert want in dom.find("title").text(), "<title> is %r" % dom.find("title").text()
	body = dom.find(cls="article__body")
	assert body is not None and "raw block" not in body.text(), "the raw <div> went through"
	for n in body.iter():
	    assert n.tag not in ("script", "iframe", "object", "embed", "img", "div"), "a <%s> in the body" % n.tag
	    assert not any(k.startswith("on") for k in n.attrs), "an on* attribute in the body"
	atom = "{http://www.w3.org/2005/Atom}"
	e = ET.parse(sys.argv[2]).getroot().find(atom + "entry")
	assert e.findtext(atom + "title") == want, "feed title %r" % e.findtext(atom + "title")
	EOF
}
check "raw HTML, javascript: links and a title with <b>\"&</b> come out escaped or dropped" t_safety

# A site's own static/robots.txt wins over the one arshif writes.
t_robots_own() {
	local fx=$T/fx-robots out=$T/fx-robots-out
	fixture "$fx"
	printf -- '---\ntitle: "A"\ndate: 2021-05-04\n---\n\nText.\n' >"$fx/content/en/a.md"
	run "$ARSHIF" "$T/rb1" build -s "$fx" -o "$out"
	[ "$RC" -eq 0 ] || { cat "$T/rb1.err"; fail "exit $RC"; }
	grep -qx 'Sitemap: https://fixture.example.org/sitemap.xml' "$out/robots.txt" ||
		fail "robots.txt: $(cat "$out/robots.txt")"
	mkdir -p "$fx/static"
	printf 'User-agent: *\nDisallow: /private/\n' >"$fx/static/robots.txt"
	run "$ARSHIF" "$T/rb2" build -s "$fx" -o "$out"
	[ "$RC" -eq 0 ] || { cat "$T/rb2.err"; fail "exit $RC"; }
	cmp "$fx/static/robots.txt" "$out/robots.txt" || fail "static/robots.txt was not copied as is"
	rm "$fx/static/robots.txt"
	run "$ARSHIF" "$T/rb3" build -s "$fx" -o "$out"
	[ "$RC" -eq 0 ] || { cat "$T/rb3.err"; fail "exit $RC"; }
	grep -q '^Sitemap: ' "$out/robots.txt" || fail "robots.txt not written again"
}
check "robots.txt names the sitemap index; static/robots.txt replaces it, and back" t_robots_own

# ------------------------------------------------------------------ failed builds

t_failed_build() {
	local fx=$T/fx-fail out=$T/fx-fail-out
	fixture "$fx"
	printf -- '---\ntitle: "Good"\ndate: 2021-05-04\n---\n\nFine.\n' >"$fx/content/en/good.md"
	run "$ARSHIF" "$T/bf1" build -s "$fx" -o "$out"
	[ "$RC" -eq 0 ] || { cat "$T/bf1.err"; fail "the good fixture did not build: exit $RC"; }
	cp -a "$out" "$T/fx-fail-ref"
	# 1. an error in the content, found before anything is written
	printf -- '---\ntitle: "Broken"\ndate: 2021-13-45\n---\n\nBody.\n' >"$fx/content/en/broken.md"
	run "$ARSHIF" "$T/bf2" build -s "$fx" -o "$out"
	[ "$RC" -eq 1 ] || fail "broken article: exit $RC, want 1"
	grep -q 'broken.md' "$T/bf2.err" || fail "the error does not name broken.md: $(cat "$T/bf2.err")"
	same_tree "$T/fx-fail-ref" "$out"
	rm "$fx/content/en/broken.md"
	# 2. an error found while writing: a static file on the path of a page
	mkdir -p "$fx/static/en"
	echo '<p>collides</p>' >"$fx/static/en/index.html"
	run "$ASAN" "$T/bf3" build -s "$fx" -o "$out"
	sanitizer_clean "$T/bf3.err"
	[ "$RC" -eq 1 ] || fail "colliding static file: exit $RC, want 1 ($(cat "$T/bf3.err"))"
	same_tree "$T/fx-fail-ref" "$out"
	[ "$(stages_beside "$out")" -eq 0 ] || fail "staging folder left beside the output"
}
check "failed builds (bad front matter; a write error) exit 1 and leave the previous site as it was" t_failed_build

# ------------------------------------------------------------------ kill test

t_kill() {
	local corpus=$T/corpus out=$T/big d pid killed=0 alive
	cc -std=c11 -O2 -o "$T/gencorpus" tests/bench/gencorpus.c
	"$T/gencorpus" -n 3000 -o "$corpus" >/dev/null
	local t0 ms
	t0=$(date +%s%N)
	run "$ARSHIF" "$T/bk0" build -s "$corpus" -o "$out"
	ms=$((($(date +%s%N) - t0) / 1000000))
	[ "$RC" -eq 0 ] || { cat "$T/bk0.err"; fail "the corpus did not build: exit $RC"; }
	echo "info: a full build of the corpus takes $ms ms"
	cp -a "$out" "$T/big.ref"
	# Early (loading, rendering) and late (writing, swapping) in the build.
	for d in 0.2 0.3 0.4 0.5 "$(awk -v m="$ms" 'BEGIN { printf "%.2f", m * 0.7 / 1000 }')" \
	    "$(awk -v m="$ms" 'BEGIN { printf "%.2f", m * 0.95 / 1000 }')"; do
		"$ARSHIF" build -s "$corpus" -o "$out" >/dev/null 2>&1 &
		pid=$!
		# shellcheck disable=SC2064
		trap "kill -KILL $pid 2>/dev/null || true" EXIT
		sleep "$d"
		alive=no
		if kill -0 "$pid" 2>/dev/null; then alive=yes; kill -KILL "$pid" 2>/dev/null || true; fi
		wait "$pid" 2>/dev/null || true
		if [ "$alive" = yes ]; then killed=$((killed + 1)); fi
		echo "info: SIGKILL after ${d}s: $([ "$alive" = yes ] && echo "killed mid-build" || echo "the build had already finished")"
		same_tree "$T/big.ref" "$out" || fail "after SIGKILL at ${d}s the output is not the previous site"
		[ -f "$out/index.html" ] || fail "no index.html after SIGKILL at ${d}s"
	done
	[ "$killed" -gt 0 ] || fail "every build finished before its SIGKILL: nothing was tested"
	# The next build works, whatever the killed ones left behind.
	run "$ARSHIF" "$T/bk1" build -s "$corpus" -o "$out"
	[ "$RC" -eq 0 ] || { cat "$T/bk1.err"; fail "build after the kills: exit $RC"; }
	same_tree "$T/big.ref" "$out"
	echo "info: staging folders left beside the output by the killed builds: $(stages_beside "$out")"
}
check "SIGKILL during a build of 3000 articles (6 times, 0.2 s to 95% of a build) leaves the previous site complete" t_kill

# ------------------------------------------------------------------ validators

t_vnu() {
	[ -f "$VNU" ] || fail "no $VNU: run make deps-test (npm ci in tests/e2e)"
	find "$SITE" "$T/fx-safe-out" -name '*.html' -print0 | sort -z >"$T/html.list"
	local n
	n=$(tr -cd '\0' <"$T/html.list" | wc -c)
	echo "info: $n HTML files"
	xargs -0 java -Xss8m -jar "$VNU" --errors-only <"$T/html.list" >"$T/vnu.out" 2>&1 ||
		{ sed "s|$T/||g" "$T/vnu.out" | head -n 40; return 1; }
	if [ -s "$T/vnu.out" ]; then sed "s|$T/||g" "$T/vnu.out" | head -n 40; return 1; fi
}
check "every HTML page passes the Nu Html Checker (vnu --errors-only)" t_vnu

t_xml() {
	local f bad=0 ns n=0
	while IFS= read -r -d '' f; do
		n=$((n + 1))
		xmllint --noout "$f" || { echo "xmllint: $f"; bad=1; }
	done < <(find "$SITE" "$T/fx-safe-out" -name '*.xml' -print0)
	echo "info: $n XML files"
	for f in "$SITE"/*/feed.xml; do
		ns=$(xmllint --xpath 'concat(local-name(/*), " ", namespace-uri(/*))' "$f")
		[ "$ns" = "feed http://www.w3.org/2005/Atom" ] || { echo "${f#"$T"/}: root is '$ns'"; bad=1; }
	done
	ns=$(xmllint --xpath 'concat(local-name(/*), " ", namespace-uri(/*))' "$SITE/sitemap.xml")
	[ "$ns" = "sitemapindex http://www.sitemaps.org/schemas/sitemap/0.9" ] || { echo "sitemap root is '$ns'"; bad=1; }
	return $bad
}
check "every XML file is well-formed (xmllint); feeds are Atom, sitemap.xml a sitemap index" t_xml

# Every feed (of each language, entity, section, tag and author) against
# the Atom grammar of RFC 4287 (tests/e2e/schema/atom.rnc), with jing.
t_atom() {
	local n
	find "$SITE" -name feed.xml -print0 | sort -z >"$T/feeds.list"
	n=$(tr -cd '\0' <"$T/feeds.list" | wc -c)
	echo "info: $n feeds"
	[ "$n" -gt 20 ] || fail "only $n feeds: the per-term and per-entity feeds are missing"
	xargs -0 jing -c "$E2E/schema/atom.rnc" <"$T/feeds.list" >"$T/jing.out" 2>"$T/jing.err" ||
		{ sed "s|$T/||g" "$T/jing.out" | head -n 20; return 1; }
	# The schema itself must refuse a feed without an id.
	sed '0,/<id>[^<]*<\/id>/s///' "$SITE/en/feed.xml" >"$T/no-id.xml"
	if jing -c "$E2E/schema/atom.rnc" "$T/no-id.xml" >/dev/null 2>&1; then
		echo "the Atom schema accepts a feed without <id>"; return 1
	fi
}
check "every Atom feed is valid against RFC 4287's grammar (jing), and the schema refuses a broken one" t_atom

# feed_content: summary: the same feeds without <content>, still valid.
t_feed_summary() {
	local src=$T/summary-src out=$T/summary-out n
	mkdir -p "$src"
	cp -R content templates static entities.yaml "$src/"
	sed 's/^feed_content: full/feed_content: summary/' site.yaml >"$src/site.yaml"
	grep -q '^feed_content: summary' "$src/site.yaml" || fail "site.yaml has no feed_content: full line to change"
	"$ARSHIF" build -s "$src" -o "$out" --no-cache >/dev/null 2>"$T/summary.err" ||
		fail "build: $(cat "$T/summary.err")"
	n=$(grep -c '<summary>' "$out/en/feed.xml")
	[ "$n" -gt 0 ] || fail "no summaries in en/feed.xml"
	if grep -l '<content' "$out"/*/feed.xml "$out"/*/tags/*/feed.xml; then
		fail "feeds above carry <content> with feed_content: summary"
	fi
	grep -q '<content type="html">' "$SITE/en/feed.xml" || fail "the full build's feed has no content"
	jing -c "$E2E/schema/atom.rnc" "$out"/*/feed.xml >"$T/jing2.out" 2>/dev/null ||
		{ head -n 5 "$T/jing2.out"; return 1; }
	echo "info: $n summaries and no content in en/feed.xml"
}
check "feed_content: summary gives feeds of summaries only, still valid Atom" t_feed_summary

# ------------------------------------------------------------------ screenshots

shot() { # shot NAME WIDTH FILE
	local out=$SHOTS/$1.png ud url
	ud=$(mktemp -d "$T/chromium.XXXXXX")
	url=$("${PY[@]}" -c 'import pathlib, sys; print(pathlib.Path(sys.argv[1]).as_uri())' "$3")
	rm -f "$out"
	timeout 60 /usr/bin/chromium --headless --no-sandbox --disable-gpu --disable-quic \
		--no-first-run --disable-background-networking --disable-component-update \
		--disable-sync --user-data-dir="$ud" --window-size="$2,1600" \
		--screenshot="$out" "$url" >"$T/chromium.log" 2>&1 || true
	if [ ! -f "$out" ]; then
		echo "$1: no screenshot"
		tail -n 5 "$T/chromium.log"
		return 1
	fi
	local size
	size=$(stat -c %s "$out")
	echo "info: ${out#"$ROOT"/}: $size bytes"
	[ "$size" -gt 20480 ] || { echo "$1.png is $size bytes: a blank page?"; return 1; }
}
t_screenshots() {
	local title art bad=0
	mkdir -p "$SHOTS"
	title=$(sed -n 's/^title: "\(.*\)"$/\1/p' content/ar/2020/beirut-aid-pledges.md)
	art=$(grep -lF "<h1 class=\"article__title\">$title</h1>" "$SITE"/ar/2020/08/06/*/index.html | head -n1)
	[ -n "$art" ] || fail "no page for the article '$title'"
	shot ar-article 1200 "$art" || bad=1
	shot ar-month 1200 "$SITE/ar/2020/08/index.html" || bad=1
	shot en-entity 1200 "$SITE/en/entities/layla-haddad/index.html" || bad=1
	shot fr-home-390 390 "$SITE/fr/index.html" || bad=1
	return $bad
}
check "screenshots (headless Chromium) in build/screenshots/, each over 20 KB" t_screenshots

# The mixed-direction fixture (tests/sites/bidi): an RTL and an LTR page
# that quote each other's script, with digits, parentheses and percentages.
# The pages must be valid and the runs isolated where direction may differ;
# the screenshots are for a person to look at.
t_bidi() {
	local out=$T/bidi ar fr bad=0
	"$ARSHIF" build -s tests/sites/bidi -o "$out" >/dev/null 2>"$T/bidi.err" ||
	    fail "the bidi fixture does not build: $(cat "$T/bidi.err")"
	ar=$(ls "$out"/ar/2019/12/10/*/index.html | head -n1)
	fr=$(ls "$out"/fr/2019/12/10/*/index.html | head -n1)
	grep -q '<html lang="ar" dir="rtl">' "$ar" || fail "the Arabic page is not rtl"
	grep -q '<html lang="fr" dir="ltr">' "$fr" || fail "the French page is not ltr"
	# The French translation's title on the Arabic page runs left to right.
	grep -q 'hreflang="fr" lang="fr" dir="ltr">Le sommet de Paris' "$ar" || fail "the French title is not isolated on the Arabic page"
	grep -q '<bdi class="meta__author">Jean-Luc Martin</bdi>' "$ar" || fail "the Latin byline is not isolated"
	grep -q '<bdi>Emmanuel Macron</bdi>' "$ar" || fail "a Latin entity name is not isolated"
	java -jar "$VNU" --errors-only "$ar" "$fr" || fail "the bidi pages are not valid HTML"
	shot bidi-ar 1000 "$ar" || bad=1
	shot bidi-fr 1000 "$fr" || bad=1
	return $bad
}
check "bidi fixture: RTL and LTR pages isolate mixed-direction runs; screenshots" t_bidi

echo "# $((SECONDS - START)) s"
echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
