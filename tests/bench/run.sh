#!/usr/bin/env bash
# Benchmark of `arshif build` on synthetic corpora (the body of `make bench`).
#
#   tests/bench/run.sh ARSHIF WORKDIR
#
# For each size N (default "1000 10000"): builds gencorpus and measure into
# WORKDIR, generates WORKDIR/corpus-N once (reused while WORKDIR/corpus-N.stamp
# matches), then runs `ARSHIF build -s WORKDIR/corpus-N -o WORKDIR/out-N` twice
# (first run cold, second warm; the output folder is removed before each run so
# both are full builds) and prints one line per size:
#
#   bench: N=10000 articles, pages=<p>, wall=<s> s, pages/s=<p/s>, peak_rss=<MB> MiB
#
# wall is the best of the two runs, peak_rss the larger of the two.
# pages = index.html files + feed.xml files under the output folder.
#
# Environment (optional): CC (default cc), BENCH_SIZES (default "1000 10000"),
# BENCH_ENTITIES (default 1000), BENCH_SEED (default 42).
set -euo pipefail

export TZ=UTC LC_ALL=C.UTF-8

die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

[ $# -eq 2 ] || { printf 'usage: %s ARSHIF WORKDIR\n' "$0" >&2; exit 2; }

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
arshif=$1
work=$2

case $arshif in
    */*) if [ ! -f "$arshif" ] || [ ! -x "$arshif" ]; then
             die "arshif binary not found or not executable: $arshif"
         fi
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

# the corpus depends on the arguments and on the generator's source
gen_sum=$(cksum < "$here/gencorpus.c")

# read_measure FILE: sets m_wall, m_rss, m_status from a measure report
read_measure() {
    local line
    line=$(cat "$1")
    m_wall=${line#wall_s=};        m_wall=${m_wall%% *}
    m_rss=${line#*maxrss_kb=};     m_rss=${m_rss%% *}
    m_status=${line#*status=};     m_status=${m_status%% *}
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
        "$measure" "$work/gen-$n.time" -- "$work/gencorpus" -n "$n" -e "$entities" --seed "$seed" -o "$corpus" \
            || die "gencorpus failed for N=$n"
        read_measure "$work/gen-$n.time"
        printf '%s s\n' "$m_wall" >&2
        printf '%s\n' "$want_stamp" > "$stamp"
    fi

    best_wall=
    best_ent=
    peak_rss=0
    for run in 1 2; do
        label=$([ "$run" -eq 1 ] && echo cold || echo warm)
        rm -rf "$out"
        log=$work/arshif-$n-run$run
        status=0
        "$measure" "$log.time" -- "$arshif" build -s "$corpus" -o "$out" >"$log.stdout" 2>"$log.stderr" || status=$?
        if [ ! -s "$log.time" ]; then
            cat "$log.stderr" >&2
            die "measure failed for N=$n ($label run)"
        fi
        read_measure "$log.time"
        if [ "$status" -ne 0 ] || [ "$m_status" -ne 0 ]; then
            {
                printf 'bench: arshif failed for N=%s (%s run, exit status %s): %s build -s %s -o %s\n' \
                    "$n" "$label" "$m_status" "$arshif" "$corpus" "$out"
                printf 'bench: last lines of its stderr (%s.stderr):\n' "$log"
                tail -n 30 "$log.stderr"
            } >&2
            exit 1
        fi
        # arshif's own summary says how long the entity steps took.
        # entities: the graph work; name matching: CPU time in the parse workers.
        ent=$(sed -n 's/.*(entities: \([0-9]*\) ms, name matching: \([0-9]*\) ms.*/\1 \2/p' "$log.stdout" | awk '{print $1 + $2}')
        printf 'bench:   N=%s %s run: wall=%s s, maxrss=%s kB, entities=%s ms\n' "$n" "$label" "$m_wall" "$m_rss" "${ent:-?}" >&2
        if [ -n "$ent" ] && { [ -z "$best_ent" ] || [ "$ent" -lt "$best_ent" ]; }; then best_ent=$ent; fi
        if [ -z "$best_wall" ] || awk -v a="$m_wall" -v b="$best_wall" 'BEGIN { exit !(a < b) }'; then
            best_wall=$m_wall
        fi
        if [ "$m_rss" -gt "$peak_rss" ]; then peak_rss=$m_rss; fi
    done

    pages=0
    if [ -d "$out" ]; then
        pages=$(find "$out" -type f \( -name index.html -o -name feed.xml \) | wc -l)
        pages=$((pages + 0))
    fi
    if [ "$pages" -eq 0 ]; then
        printf 'bench: warning: no index.html or feed.xml under %s\n' "$out" >&2
    fi
    nent=$(grep -c '^- id:' "$corpus/entities.yaml" 2>/dev/null || echo 0)
    awk -v n="$n" -v p="$pages" -v w="$best_wall" -v kb="$peak_rss" -v e="${best_ent:-0}" -v ne="$nent" 'BEGIN {
        d = (w < 0.001) ? 0.001 : w
        printf "bench: N=%d articles, pages=%d, wall=%.3f s, pages/s=%.0f, peak_rss=%.1f MiB, entity steps=%.3f s (registry of %d)\n",
               n, p, w, p / d, kb / 1024, e / 1000, ne
    }'
    # The search index (src/search.c): its build time in the last run, its bytes and files.
    sms=$(sed -n 's/.*search index: \([0-9]*\) ms.*/\1/p' "$log.stdout")
    find "$out" -path '*/search/*' -name '*.js' -printf '%s\n' >"$work/search-$n.sizes"
    awk -v n="$n" -v ms="${sms:-0}" '{ s += $1; f++; if ($1 > m) m = $1 } END {
        printf "bench: N=%d search index: build=%.3f s, %.1f MiB in %d files, largest file %.1f KiB\n",
               n, ms / 1000, s / 1048576, f, m / 1024
    }' "$work/search-$n.sizes"
done
