#!/usr/bin/env bash
# Side by side with Pagefind (not run by make test or make bench):
#
#   bash tests/bench/pagefind.sh ARSHIF WORKDIR [N]
#
# Installs pagefind from the npm registry into WORKDIR/pagefind, runs it
# on the site `make bench` built (WORKDIR/out-N, N default 10000; built
# here if missing) and prints index bytes, files and seconds for both;
# then, in Debian's Chromium over a keep-alive static server on 127.0.0.1
# (tests/bench/static-server.mjs),
# the bytes and milliseconds of a first query for both, and recall on
# Arabic queries with and without proclitics over the sample site
# (real prose, where clitics occur), against the articles whose source
# has the word in any form.
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 ARSHIF WORKDIR [N]" >&2; exit 2; }
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
case $1 in /*) arshif=$1 ;; *) arshif=$PWD/$1 ;; esac
mkdir -p "$2"; work=$(cd "$2" && pwd)
n=${3:-10000}
export TZ=UTC LC_ALL=C.UTF-8

pf=$work/pagefind
mkdir -p "$pf"
[ -x "$pf/node_modules/.bin/pagefind" ] ||
	(cd "$pf" && npm install --no-audit --no-fund --loglevel=error pagefind@1 playwright-core@1.49.1 >/dev/null)
[ -d "$work/out-$n" ] || BENCH_SIZES=$n bash "$here/run.sh" "$arshif" "$work" >/dev/null

index() {	# index LABEL SITE: pagefind over a copy of SITE; prints the figures of both
	local label=$1 site=$2 t0 t1
	rm -rf "$work/pf-$label"
	cp -R "$site" "$work/pf-$label"
	t0=$(date +%s.%N)
	"$pf/node_modules/.bin/pagefind" --site "$work/pf-$label" >"$work/pf-$label.log" 2>&1
	t1=$(date +%s.%N)
	find "$work/pf-$label/pagefind" -type f -printf '%s\n' | awk -v l="$label" -v s="$(echo "$t1 - $t0" | bc)" \
		'{ b += $1; f++ } END { printf "pagefind %s: index %.2f MiB in %d files, %.2f s\n", l, b / 1048576, f, s }'
	find "$work/pf-$label" -path '*/search/*' -name '*.js' -printf '%s\n' | awk -v l="$label" \
		'{ b += $1; f++ } END { printf "arshif   %s: index %.2f MiB in %d files (build time: make bench)\n", l, b / 1048576, f }'
}

"$arshif" build -s "$root" -o "$work/out-sample" >/dev/null
index sample "$work/out-sample"
index "$n" "$work/out-$n"

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
node "$here/static-server.mjs" "$work" "$port" >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
sleep 1
cp "$here/pagefind.mjs" "$pf/"
(cd "$pf" && node pagefind.mjs "http://127.0.0.1:$port/" "$n" "$root/content")
