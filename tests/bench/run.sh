#!/usr/bin/env bash
# Benchmark of `arshif build` on synthetic corpora (the body of `make bench`).
#
#   tests/bench/run.sh ARSHIF WORKDIR
#
# For each size N (default "1000 10000"; `make bench-large`: 100000) it
# generates WORKDIR/corpus-N once (tests/bench/gencorpus.c, reused while its
# stamp matches), gives it its own copy of the default theme, and times these
# builds in a row, each a separate `arshif build`:
#
#   cold       no output, no cache, no previous generation
#   relink     the same input again: the first rebuild hard links the
#              second generation (the staging folder) from the live site
#   unchanged  the same input again, both generations in place
#   add        one new article (the newest)
#   headline   one article's title edited
#   delete     the new article removed
#   template   article.tpl edited (every article page uses it)
#
# and prints, per build, wall and CPU seconds, peak RSS and the files the
# build wrote and removed (from arshif's summary line):
#
#   bench: N=10000 add: wall=0.150 s cpu=0.210 s (user 0.15, sys 0.06) rss=180.0 MiB written=40 removed=0
#
# Environment (optional): CC (default cc), BENCH_SIZES, BENCH_ENTITIES
# (default 1000), BENCH_SEED (default 42).
set -euo pipefail

export TZ=UTC LC_ALL=C.UTF-8

die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

[ $# -eq 2 ] || { printf 'usage: %s ARSHIF WORKDIR\n' "$0" >&2; exit 2; }

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/../.." && pwd)
arshif=$1
work=$2

case $arshif in
    */*) [ -f "$arshif" ] && [ -x "$arshif" ] || die "arshif binary not found or not executable: $arshif"
         arshif=$(cd "$(dirname "$arshif")" && pwd)/$(basename "$arshif") ;;
    *)   command -v "$arshif" >/dev/null || die "arshif binary not found in PATH: $arshif" ;;
esac

mkdir -p "$work"
work=$(cd "$work" && pwd)

cc=${CC:-cc}
cflags=(-std=c11 -O2 -Wall -Wextra -Werror -pedantic)
sizes=${BENCH_SIZES:-1000 10000}
entities=${BENCH_ENTITIES:-1000}
seed=${BENCH_SEED:-42}

"$cc" "${cflags[@]}" -o "$work/gencorpus" "$here/gencorpus.c" || die "cannot build gencorpus"
"$cc" "${cflags[@]}" -o "$work/measure" "$here/measure.c" || die "cannot build measure"
measure=$work/measure
gen_sum=$(cksum < "$here/gencorpus.c")

# field NAME LINE: the value of NAME=value in a measure report
field() { local v=${2#*"$1"=}; printf '%s' "${v%% *}"; }

# one N LABEL: times one build of corpus N and prints its line
one() {
    local n=$1 label=$2 corpus=$work/corpus-$n out=$work/out-$n log=$work/arshif-$n-$2 status=0 line
    "$measure" "$log.time" -- "$arshif" build -s "$corpus" -o "$out" >"$log.stdout" 2>"$log.stderr" || status=$?
    [ -s "$log.time" ] || { cat "$log.stderr" >&2; die "measure failed for N=$n ($label)"; }
    line=$(cat "$log.time")
    if [ "$status" -ne 0 ]; then
        tail -n 30 "$log.stderr" >&2
        die "arshif failed for N=$n ($label build), exit $status"
    fi
    local written removed
    written=$(sed -n 's/.* \([0-9]*\) written.*/\1/p' "$log.stdout")
    removed=$(sed -n 's/.* \([0-9]*\) removed.*/\1/p' "$log.stdout")
    awk -v n="$n" -v l="$label" -v w="$(field wall_s "$line")" -v u="$(field user_s "$line")" \
        -v s="$(field sys_s "$line")" -v kb="$(field maxrss_kb "$line")" \
        -v wr="${written:-?}" -v rm="${removed:-?}" 'BEGIN {
        printf "bench: N=%d %s: wall=%.3f s cpu=%.3f s (user %.2f, sys %.2f) rss=%.1f MiB written=%s removed=%s\n",
               n, l, w, u + s, u, s, kb / 1024, wr, rm
    }'
}

for n in $sizes; do
    corpus=$work/corpus-$n
    stamp=$work/corpus-$n.stamp
    out=$work/out-$n
    want_stamp="gencorpus -n $n -e $entities --seed $seed; source cksum $gen_sum"

    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want_stamp" ] && [ -d "$corpus" ]; then
        printf 'bench: reusing %s\n' "$corpus" >&2
    else
        rm -rf "$corpus" "$stamp"
        printf 'bench: generating %s ... ' "$corpus" >&2
        "$work/gencorpus" -n "$n" -e "$entities" --seed "$seed" -o "$corpus" >/dev/null \
            || die "gencorpus failed for N=$n"
        printf 'done\n' >&2
        printf '%s\n' "$want_stamp" > "$stamp"
    fi
    # Its own theme, as the default one: so that a template can be edited.
    rm -rf "$corpus/templates" "$corpus/static" "$corpus/content/en/2099"
    cp -R "$top/templates" "$top/static" "$corpus/"
    # Cold: nothing from an earlier build (output, generations, cache).
    rm -rf "$out" "$work/.out-$n.arshif-"* "$corpus/.arshif-cache"
    one "$n" cold
    one "$n" relink
    one "$n" unchanged
    # The newest article, dated yesterday (a later date would be scheduled, not published).
    mkdir -p "$corpus/content/en/2099"
    printf -- '---\ntitle: "Bench breaking news"\ndate: %s\nentities:\n  places: ["Sala"]\n---\n\nJust in.\n' \
        "$(date -u -d yesterday +%Y-%m-%d)" >"$corpus/content/en/2099/breaking.md"
    one "$n" add
    victim=$(find "$corpus/content/fr" -name '*.md' | sort | sed -n '10p')
    cp "$victim" "$work/victim.md"
    sed -i '0,/^title: /s/^title: .*/title: "Un titre corrigé"/' "$victim"
    one "$n" headline
    cp "$work/victim.md" "$victim"
    rm -rf "$corpus/content/en/2099"
    one "$n" delete
    printf '{{!-- edited --}}\n' >>"$corpus/templates/article.tpl"
    one "$n" template
    cp "$top/templates/article.tpl" "$corpus/templates/article.tpl"
    pages=$(find "$out" -type f \( -name index.html -o -name feed.xml \) | wc -l)
    nent=$(grep -c '^- id:' "$corpus/entities.yaml" 2>/dev/null || echo 0)
    printf 'bench: N=%d articles: %d pages and feeds, registry of %d entities\n' "$n" "$pages" "$nent"
    # The search index (src/search/): its build time cold and in the
    # one-article builds (what it adds to publishing), its bytes and files.
    sms() { sed -n 's/.*search index: \([0-9]*\) ms.*/\1/p' "$work/arshif-$n-$1.stdout"; }
    find "$out" -path '*/search/*' -name '*.js' -printf '%s\n' >"$work/search-$n.sizes"
    awk -v n="$n" -v ms="$(sms cold)" -v a="$(sms add)" -v h="$(sms headline)" -v d="$(sms delete)" \
        '{ s += $1; f++; if ($1 > m) m = $1 } END {
        printf "bench: N=%d search index: build=%.3f s (add %d ms, headline %d ms, delete %d ms), %.1f MiB in %d files, largest file %.1f KiB\n",
               n, ms / 1000, a, h, d, s / 1048576, f, m / 1024
    }' "$work/search-$n.sizes"
done
