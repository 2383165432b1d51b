#!/usr/bin/env bash
# Does a change of the code change what arshif writes?  For refactoring
# commits, which must not.
#
#   bash tests/tool/same_output.sh OLD_ARSHIF NEW_ARSHIF [N]
#
# Builds, with each binary, the sample site, the hostile site, the robust
# test's generated archive and a synthetic archive of N articles (default
# 10000, tests/bench/gencorpus.c), each twice: with --no-cache, then
# filling a cache and once more reading it.  Every output must equal the
# old binary's --no-cache output byte for byte (diff -r), and so must
# the diagnostics.  Exit 0 when all are the same.
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 OLD_ARSHIF NEW_ARSHIF [N]" >&2; exit 2; }
old=$(realpath "$1"); new=$(realpath "$2"); n=${3:-10000}
top=$(cd "$(dirname "$0")/../.." && pwd)
export TZ=UTC LC_ALL=C.UTF-8 NO_COLOR=1 SOURCE_DATE_EPOCH=1700000000
work=${SAME_OUTPUT_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/arshif-same.XXXXXX")}
mkdir -p "$work/out"

# The sites, made once per work folder.
[ -d "$work/src/sample" ] || {
	mkdir -p "$work/src/sample"
	cp -R "$top/content" "$top/templates" "$top/static" "$top/site.yaml" \
	    "$top/entities.yaml" "$work/src/sample/"
	cp -R "$top/tests/hostile/site" "$work/src/hostile"
	python3 "$top/tests/robust/gen.py" "$work/src/robust" >/dev/null
	cc -std=c11 -O2 -o "$work/gencorpus" "$top/tests/bench/gencorpus.c"
	"$work/gencorpus" -n "$n" -e 1000 --seed 42 -o "$work/src/bench" >/dev/null
	# This tree's theme, so that neither binary looks for an installed one.
	for s in hostile robust bench; do
		cp -R "$top/templates" "$top/static" "$work/src/$s/"
	done
}

fails=0
for site in sample hostile robust bench; do
	for who in old new; do
		bin=$old; [ $who = new ] && bin=$new
		for mode in nocache fill cached; do
			out=$work/out/$site-$who-$mode
			rm -rf "$out" "$work/out/.$site-$who-$mode".arshif-*
			[ $mode = fill ] && rm -rf "$work/cache-$site-$who"
			args=(--cache-dir "$work/cache-$site-$who")
			[ $mode = nocache ] && args=(--no-cache)
			set +e
			"$bin" build -s "$work/src/$site" -o "$out" "${args[@]}" \
			    >"$out.stdout" 2>"$out.stderr"
			echo "exit $?" >>"$out.stderr"
			set -e
		done
	done
	ref=$work/out/$site-old-nocache
	for x in old-fill old-cached new-nocache new-fill new-cached; do
		o=$work/out/$site-$x
		if diff -r "$ref" "$o" >"$o.diff" && diff "$ref.stderr" "$o.stderr" >>"$o.diff"; then
			echo "same $site $x"
		else
			echo "DIFFERENT $site $x: $(head -c 600 "$o.diff")"; fails=$((fails + 1))
		fi
	done
done
[ -n "${SAME_OUTPUT_WORK:-}" ] || rm -rf "$work"
[ $fails -eq 0 ]
