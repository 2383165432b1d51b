#!/usr/bin/env bash
# Hostile strings in every field (site.yaml, entities.yaml, front matter,
# body) must come out inert in every page, feed and the sitemap.
# Usage: run.sh ARSHIF
set -euo pipefail
ARSHIF=$1
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok $*"; }
no() { fail=$((fail + 1)); echo "FAIL $*"; }

if "$ARSHIF" build -s "$here/site" -o "$out/site" 2>"$out/stderr"; then
	ok "the hostile site builds"
else
	no "the hostile site builds"; cat "$out/stderr"
fi
grep -q "'title' held 4 invisible control characters" "$out/stderr" && ok "control characters in a title are reported" || no "control characters in a title are reported"
if python3 "$here/check.py" "$out/site" >"$out/problems"; then
	ok "every page, feed and the sitemap are inert"
else
	no "every page, feed and the sitemap are inert"; sed 's/^/  /' "$out/problems"
fi
if xmllint --noout "$out"/site/*/feed.xml "$out/site/sitemap.xml" 2>"$out/xml"; then
	ok "feeds and sitemap are well-formed XML"
else
	no "feeds and sitemap are well-formed XML"; cat "$out/xml"
fi
vnu="$root/tests/e2e/node_modules/vnu-jar/build/dist/vnu.jar"
if java -jar "$vnu" --errors-only $(find "$out/site" -name '*.html') 2>"$out/vnu"; then
	ok "every page passes the Nu Html Checker"
else
	no "every page passes the Nu Html Checker"; head -20 "$out/vnu"
fi
# The strings are there, as text: escaping, not deletion.
grep -q '&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;\|&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;' "$out"/site/en/2021/05/06/*/index.html && ok "the title is shown, escaped" || no "the title is shown, escaped"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
