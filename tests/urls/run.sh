#!/usr/bin/env bash
# The built site's URLs work where the README says they do: under
# nginx, under python3 -m http.server, and from file:// (link_style:
# index).  Every URL of the sitemap is fetched for real, so slugs in
# Arabic and Persian script go through percent-encoding and back.
# Usage: run.sh ARSHIF
set -euo pipefail
ARSHIF=$(realpath "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok $*"; }
no() { fail=$((fail + 1)); echo "FAIL $*"; }
freeport() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

"$ARSHIF" build -s "$root" -o "$work/site" >/dev/null
base=$(sed -n 's/^base_url: *"\(.*\)".*/\1/p' "$root/site.yaml")
# Every <loc> and hreflang alternate of the sitemaps (the index, the
# files it lists and what they list), as a path.
python3 - "$work/site" "$base" >"$work/paths" <<'PY'
import glob, os, sys, xml.dom.minidom
base = sys.argv[2]
urls = set()
for f in sorted(glob.glob(os.path.join(sys.argv[1], 'sitemap*.xml'))):
    doc = xml.dom.minidom.parse(f)
    urls |= {n.firstChild.data for n in doc.getElementsByTagName('loc')}
    urls |= {n.getAttribute('href') for n in doc.getElementsByTagName('xhtml:link')}
assert any('-articles-' in u for u in urls), 'the index lists no article chunk'
assert len(urls) > 20, 'too few sitemap URLs: %d' % len(urls)
for u in sorted(urls):
    assert u.startswith(base), u
    print('/' + u[len(base):])
PY
n=$(wc -l <"$work/paths")
grep -q '%D8' "$work/paths" && ok "the sitemap holds percent-encoded Arabic paths" || no "the sitemap holds percent-encoded Arabic paths"

# Fetches every path from a server; prints how many did not answer 200.
fetch_all() {
	local port=$1 bad=0 code
	while read -r p; do
		code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$p")
		[ "$code" = 200 ] || { bad=$((bad + 1)); echo "  $code $p" >&2; }
	done <"$work/paths"
	echo "$bad"
}
wait_port() { for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$1/" && return 0; sleep 0.1; done; return 1; }

port=$(freeport)
python3 -m http.server "$port" --bind 127.0.0.1 -d "$work/site" >/dev/null 2>&1 &
pids+=($!)
wait_port "$port"
bad=$(fetch_all "$port")
[ "$bad" = 0 ] && ok "python3 -m http.server serves all $n sitemap URLs" || no "python3 -m http.server: $bad of $n URLs failed"

if command -v nginx >/dev/null; then
	port=$(freeport)
	mkdir -p "$work/nginx"
	cat >"$work/nginx/nginx.conf" <<CONF
daemon off;
master_process off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events {}
http {
	include /etc/nginx/mime.types;
	access_log off;
	client_body_temp_path $work/nginx;
	proxy_temp_path $work/nginx;
	fastcgi_temp_path $work/nginx;
	uwsgi_temp_path $work/nginx;
	scgi_temp_path $work/nginx;
	server {
		listen 127.0.0.1:$port;
		root $work/site;
		error_page 404 /404.html;
	}
}
CONF
	nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" &
	pids+=($!)
	wait_port "$port"
	bad=$(fetch_all "$port")
	[ "$bad" = 0 ] && ok "nginx serves all $n sitemap URLs" || no "nginx: $bad of $n URLs failed"
	code=$(curl -s -o "$work/404" -w '%{http_code}' "http://127.0.0.1:$port/ar/no/such/")
	[ "$code" = 404 ] && grep -q 'href="/style.css"' "$work/404" && ok "nginx serves 404.html, its links absolute" || no "nginx 404 ($code)"
else
	no "nginx is installed (make deps-test installs it)"
fi

# file://: with link_style: index every link names a file.
mkdir -p "$work/filesite"
cp -r "$root/content" "$root/entities.yaml" "$work/filesite/"
sed 's/^paginate:/link_style: index\npaginate:/' "$root/site.yaml" >"$work/filesite/site.yaml"
"$ARSHIF" build -s "$work/filesite" -o "$work/fileout" >/dev/null
python3 - "$work/fileout" >"$work/fileprob" <<'PY' && ok "with link_style: index every link opens a file from file://" || { no "link_style: index"; head "$work/fileprob"; }
import os, re, sys, urllib.parse
out = sys.argv[1]; bad = 0
for d, _, fs in os.walk(out):
    for f in fs:
        if not f.endswith('.html') or f == '404.html':
            continue
        page = os.path.join(d, f)
        for href in re.findall(r'href="([^"#]+)', open(page, encoding='utf-8').read()):
            if re.match(r'[a-z]+:', href):
                continue
            target = os.path.normpath(os.path.join(d, urllib.parse.unquote(href)))
            if not os.path.isfile(target):
                print(page, href); bad += 1
sys.exit(1 if bad else 0)
PY
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
