#!/usr/bin/env bash
# The tool around the generator: `arshif new`, drop_paragraphs, the
# diagnostics formats, progress on a terminal, the man page, the bash
# completion, and make install / uninstall.
#
#   bash tests/tool/run.sh ARSHIF_ASAN ARSHIF
#
# ARSHIF_ASAN (sanitised) runs everything but the progress check, which
# needs a build long enough to show the line and so uses ARSHIF.
set -euo pipefail

[ $# -eq 2 ] || { echo "usage: $0 ARSHIF_ASAN ARSHIF" >&2; exit 2; }
asan=$(realpath "$1")
fast=$(realpath "$2")
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
export TZ=UTC LC_ALL=C.UTF-8 NO_COLOR=1
export ASAN_OPTIONS="detect_leaks=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
# The date `new` writes when none is given.
export SOURCE_DATE_EPOCH=1717243200	# 2024-06-01

tmp=$(mktemp -d "${TMPDIR:-/tmp}/arshif-tool.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fails=0
pass() { echo "ok $1"; }
fail() { echo "FAIL $1: $2"; fails=$((fails + 1)); }
# check NAME COMMAND...: passes when the command succeeds.
check() {
	local name=$1
	shift
	if "$@"; then pass "$name"; else fail "$name" "$*"; fi
}

# ---------------------------------------------------------- new site
s=$tmp/site
out=$("$asan" new site "$s" --languages ar,en 2>"$tmp/err") ||
	fail new-site "status $? $(cat "$tmp/err")"
check new-site-prints-paths grep -qx "$s/site.yaml" <<<"$out"
check new-site-files test -f "$s/site.yaml" -a -f "$s/entities.yaml" \
	-a -f "$s/content/en/2024/welcome-to-the-archive.md" \
	-a -f "$s/content/ar/2024/مرحبا-بكم-في-الأرشيف.md"
check new-site-no-theme test ! -e "$s/templates" -a ! -e "$s/static"
check new-site-languages grep -q '^  - code: ar$' "$s/site.yaml"
if "$asan" build -s "$s" >"$tmp/out" 2>"$tmp/err" && [ ! -s "$tmp/err" ]; then
	pass new-site-builds
else
	fail new-site-builds "$(cat "$tmp/err")"
fi
check new-site-pages test -f "$s/public/ar/index.html" -a \
	-f "$s/public/en/2024/06/01/welcome-to-the-archive/index.html" -a \
	-f "$s/public/en/entities/unesco/index.html"
check new-site-summary-plurals grep -q '(2 articles, 2 languages)' "$tmp/out"
# The example articles are translations of each other.
check new-site-translations grep -q 'hreflang="ar"' \
	"$s/public/en/2024/06/01/welcome-to-the-archive/index.html"

"$asan" new site "$s" >/dev/null 2>"$tmp/err" && st=0 || st=$?
if [ "$st" = 1 ] && grep -q 'the folder is not empty' "$tmp/err"; then
	pass new-site-refuses-non-empty
else
	fail new-site-refuses-non-empty "status $st: $(cat "$tmp/err")"
fi
"$asan" new site "$tmp/bad" --languages ar,xx-Q! >/dev/null 2>"$tmp/err" && st=0 || st=$?
check new-site-bad-language test "$st" = 1 -a ! -e "$tmp/bad"
"$asan" new site >/dev/null 2>&1 && st=0 || st=$?
check new-usage-status test "$st" = 2

s1=$tmp/one
"$asan" new site "$s1" --languages fr >/dev/null
"$asan" build -s "$s1" >"$tmp/out" 2>&1
check summary-singular grep -q '(1 article, 1 language)' "$tmp/out"

# ------------------------------------------------------- new article
cd "$s"
p=$("$asan" new article --lang en --title "Water talks resume in Geneva" \
	--date 2023-05-02 2>"$tmp/err") || fail new-article "$(cat "$tmp/err")"
check new-article-path test "$p" = content/en/2023/water-talks-resume-in-geneva.md
check new-article-front-matter grep -qx 'date: 2023-05-02' "$p"
pa=$("$asan" new article --lang ar --title "استئناف محادثات المياه في جنيف" \
	--translation-of "$p" 2>"$tmp/err") || fail new-article-arabic "$(cat "$tmp/err")"
check new-article-arabic-path test "$pa" = "content/ar/2023/استئناف-محادثات-المياه-في-جنيف.md"
check new-article-arabic-title grep -qx 'title: "استئناف محادثات المياه في جنيف"' "$pa"
# The original had no key: it got one, and the translation shares it.
check translation-key-added grep -qx 'translation_key: "water-talks-resume-in-geneva"' "$p"
check translation-key-shared grep -qx 'translation_key: "water-talks-resume-in-geneva"' "$pa"
check translation-date-kept grep -qx 'date: 2023-05-02' "$pa"
ps=$("$asan" new article --lang en --title "Today" --slug brief-1 2>"$tmp/err") ||
	fail new-article-slug "$(cat "$tmp/err")"
check new-article-slug test "$ps" = content/en/2024/brief-1.md
check new-article-slug-key grep -qx 'slug: brief-1' "$ps"
"$asan" new article --lang en --title "Water talks resume in Geneva" \
	--date 2023-05-02 >/dev/null 2>"$tmp/err" && st=0 || st=$?
check new-article-no-overwrite test "$st" = 1
"$asan" new article --lang de --title "x" >/dev/null 2>&1 && st=0 || st=$?
check new-article-unknown-language test "$st" = 1
"$asan" new article --lang en --title "!!!" >/dev/null 2>&1 && st=0 || st=$?
check new-article-no-slug test "$st" = 1
"$asan" new article --lang en --title "x" --slug "a/b" >/dev/null 2>&1 && st=0 || st=$?
check new-article-bad-slug test "$st" = 1
cd "$root"
# Written but still empty: the build says so, once per new article.
"$asan" build -s "$s" >/dev/null 2>"$tmp/err" || fail new-articles-build-empty "$(cat "$tmp/err")"
check new-articles-empty-warned test "$(grep -c 'warning: the article has no body' "$tmp/err")" = 3
# Once the writer has written them, nothing to say.
for f in "$p" "$pa" "$ps"; do printf '\nThe text.\n' >>"$s/$f"; done
if "$asan" build -s "$s" >/dev/null 2>"$tmp/err" && [ ! -s "$tmp/err" ]; then
	pass new-articles-build
else
	fail new-articles-build "$(cat "$tmp/err")"
fi
en_page=$s/public/en/2023/05/02/water-talks-resume-in-geneva/index.html
check new-article-page test -f "$en_page"
check new-article-translation-link grep -q \
	'2023/05/02/%D8%A7%D8%B3%D8%AA%D8%A6%D9%86%D8%A7%D9%81' "$en_page"

# --------------------------------------------------- drop_paragraphs
d=$tmp/drop
mkdir -p "$d/content/ar/2020"
# The string in NFD (alef + hamza above), the article in NFC: still equal.
printf '%s\n' 'title: "أرشيف"' 'base_url: "https://example.org/"' \
	'languages:' '  - code: ar' \
	"    drop_paragraphs: [\"اقرا$(printf '\xd9\x94') المزيد\", \"  تابعونا  \"]" \
	>"$d/site.yaml"
printf '%s\n' '---' 'title: "خبر"' 'date: 2020-01-02' '---' '' 'نص الخبر.' '' \
	'اقرأ المزيد' '' '**تابعونا**' '' 'اقرأ المزيد عن الموضوع.' >"$d/content/ar/2020/x.md"
"$asan" build -s "$d" >/dev/null 2>"$tmp/err" || fail drop-build "$(cat "$tmp/err")"
page=$d/public/ar/2020/01/02/خبر/index.html
check drop-page test -f "$page"
check drop-removed bash -c "! grep -q '<p>اقرأ المزيد</p>' '$page'"
check drop-removed-emphasised bash -c "! grep -q 'تابعونا' '$page'"
check drop-kept-longer grep -q 'اقرأ المزيد عن الموضوع' "$page"
check drop-kept-text grep -q 'نص الخبر' "$page"

# ------------------------------------------------------- diagnostics
# Copies, each built once: the fixture stays clean, and neither build
# replays the other's diagnostics from a cache.
cp -R "$root/tests/invalid/many-errors" "$tmp/bad1"
cp -R "$root/tests/invalid/many-errors" "$tmp/bad2"
"$asan" build -s "$tmp/bad1" -o "$tmp/o1" 2>"$tmp/text" && fail diag-text "built" || true
"$asan" build -s "$tmp/bad2" -o "$tmp/o2" --diagnostics=json 2>"$tmp/json" &&
	fail diag-json "built" || true
sed -i "s|$tmp/bad2|$tmp/bad1|g" "$tmp/json"
if python3 - "$tmp/text" "$tmp/json" <<'PY'
import json, sys
text = [l.rstrip("\n") for l in open(sys.argv[1], encoding="utf-8")]
text = [l for l in text if not l.startswith("arshif: ")]  # the closing summary
objs = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
assert objs, "no JSON diagnostics"
assert len(objs) == len(text), (len(objs), len(text))
for o, t in zip(objs, text):
    assert set(o) == {"file", "line", "column", "severity", "message", "hint"}, o
    assert o["severity"] in ("error", "warning", "note"), o
    where = o["file"] or "arshif"
    if o["line"]:
        where += ":%d" % o["line"]
        if o["column"]:
            where += ":%d" % o["column"]
    msg = o["message"] + ("; " + o["hint"] if o["hint"] is not None else "")
    assert "%s: %s: %s" % (where, o["severity"], msg) == t, (o, t)
assert any(o["hint"] for o in objs) and any(o["line"] for o in objs)
PY
then pass diag-json-matches-text; else fail diag-json-matches-text "see above"; fi

# GitHub annotations, with a file name that needs escaping.
g=$tmp/gh
mkdir -p "$g/content/en"
printf '%s\n' 'title: "T"' 'base_url: "https://example.org/"' 'languages: [en]' >"$g/site.yaml"
printf '%s\n' '---' 'title: "x"' '---' >"$g/content/en/a,b:50%.md"
"$asan" build -s "$g" --diagnostics=github 2>"$tmp/gh.err" >/dev/null &&
	fail diag-github built || true
check diag-github-escaped grep -qF \
	"::error file=$g/content/en/a%2Cb%3A50%25.md,line=2,col=1::no 'date'; add date: YYYY-MM-DD" \
	"$tmp/gh.err"
check diag-github-only-annotations bash -c "! grep -qv '^::' '$tmp/gh.err'"
"$asan" build -s "$g" --diagnostics=yaml >/dev/null 2>&1 && st=0 || st=$?
check diag-unknown-format test "$st" = 2

# ---------------------------------------------------------- progress
# Long enough that the line shows (> 0.5 s) even on a fast machine.
cc -O2 -o "$tmp/gencorpus" "$root/tests/bench/gencorpus.c"
"$tmp/gencorpus" -n 3000 -e 200 --seed 7 -o "$tmp/big" >/dev/null
# A warning printed while the line shows must erase it first.
printf '%s\n' '---' 'title: "late"' 'date: 2020-01-01' 'entities: ["Zzq Nobody"]' '---' 'x' \
	>"$tmp/big/content/zz-late.md"
# --future: the corpus runs past SOURCE_DATE_EPOCH.
script -qec "'$fast' build --future -s '$tmp/big' -o '$tmp/big-out'" /dev/null >"$tmp/tty" ||
	fail progress-build "status $?"
# The line appears after 0.5 s, in whichever phase the build is then:
# on a quiet machine reading 3001 articles may already be over (it takes
# about 0.6 s here), rendering 9,000 pages is not.
check progress-on-tty grep -qaE $'\r\033\\[Karshif: (reading articles [0-9]+/3001|rendering pages [0-9]+/[0-9]+) \\(' "$tmp/tty"
check progress-phases grep -qa 'arshif: rendering pages' "$tmp/tty"
if python3 - "$tmp/tty" <<'PY'
import sys
raw = open(sys.argv[1], "rb").read()
i = raw.find(b"warning:")
assert i > 0, "no warning"
line = raw.rfind(b"\n", 0, i) + 1
# Either the line was never drawn before it, or it was erased first.
seg = raw[line:i]
k = seg.rfind(b"\r\033[K")
rest = seg[k + 4:] if k >= 0 else seg
assert b"arshif:" not in rest, seg
# The progress line is gone before the summary.
import re
m = re.search(rb"arshif: [0-9]+ files? \(", raw)
s = m.start() if m else -1
assert s > 0 and raw[s - 1:s] in (b"\n", b"K"), raw[s - 20:s + 10]
PY
then pass progress-erased-for-diagnostics; else fail progress-erased-for-diagnostics "see above"; fi
"$fast" build --future -s "$tmp/big" -o "$tmp/big-out" >"$tmp/notty.out" 2>"$tmp/notty.err"
check progress-absent-without-tty bash -c "! grep -qa \$'\\033\\|reading articles' '$tmp/notty.err' '$tmp/notty.out'"
if grep -q '(3001 articles, ' "$tmp/notty.out"; then pass progress-summary-without-tty
else fail progress-summary-without-tty "$(cat "$tmp/notty.out" "$tmp/notty.err")"; fi
script -qec "'$fast' build --future -q -s '$tmp/big' -o '$tmp/big-out'" /dev/null >"$tmp/quiet"
check quiet-diagnostics-only bash -c "! grep -qa 'reading articles\|arshif: [0-9]* files* (' '$tmp/quiet' && grep -qa 'warning:' '$tmp/quiet'"

# ---------------------------------------------- man page, completion
check man-lint bash -c "mandoc -T lint -W warning '$root/docs/arshif.1' >'$tmp/lint' 2>&1 && [ ! -s '$tmp/lint' ] || { cat '$tmp/lint'; false; }"
# Every option the help texts list is in the man page and the completion.
opts=$( { "$asan" build --help; "$asan" serve --help; "$asan" new --help; } |
	grep -o -- '--[a-z][a-z-]*' | sort -u)
for o in $opts; do
	m=${o#-}
	grep -qF -- "Fl ${m//-/\\-}" "$root/docs/arshif.1" || fail man-option "$o not in arshif.1"
	grep -q -- "$o" "$root/completion/arshif.bash" || fail completion-option "$o not completed"
done
pass man-and-completion-options
complete_words() {	# complete_words WORD...: what Tab offers after them
	bash -c 'source "$1"; shift; COMP_WORDS=(arshif "$@"); COMP_CWORD=$#;
		_arshif; printf "%s\n" "${COMPREPLY[@]}"' _ "$root/completion/arshif.bash" "$@"
}
export -f complete_words; export root
check completion-commands bash -c "[ \"\$(complete_words b | tr '\n' ' ')\" = 'build ' ]"
check completion-build-options bash -c "complete_words build --d | grep -qx -- --drafts && complete_words build --d | grep -qx -- --diagnostics="
check completion-new grep -qx article <(complete_words new a)
check completion-formats grep -qx json <(complete_words build --diagnostics=)
check completion-formats-split grep -qx json <(complete_words build --diagnostics = j)

# ------------------------------------------------ install, uninstall
dest=$tmp/dest
make -s -C "$root" install DESTDIR="$dest" PREFIX=/usr >/dev/null
for f in usr/bin/arshif usr/share/arshif/templates/layout.tpl \
	usr/share/arshif/templates/i18n/ar.yaml usr/share/arshif/static/style.css \
	usr/share/man/man1/arshif.1 usr/share/bash-completion/completions/arshif; do
	[ -f "$dest/$f" ] || fail install "$f missing"
done
pass install-files
# The installed binary finds the installed theme (the site has none).
"$dest/usr/bin/arshif" build -s "$s1" -o "$tmp/inst-out" >/dev/null 2>"$tmp/err" &&
	[ -f "$tmp/inst-out/fr/index.html" ] && pass installed-theme ||
	fail installed-theme "$(cat "$tmp/err")"
make -s -C "$root" uninstall DESTDIR="$dest" PREFIX=/usr >/dev/null
left=$(find "$dest" ! -type d)
check uninstall-removes-all test -z "$left"
check uninstall-removes-theme-dir test ! -e "$dest/usr/share/arshif"

if [ "$fails" -gt 0 ]; then
	echo "tool: $fails failed"
	exit 1
fi
echo "tool: all passed"
