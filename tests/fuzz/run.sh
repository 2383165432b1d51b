#!/usr/bin/env bash
# tests/fuzz/run.sh SECONDS: builds the libFuzzer targets (tests/fuzz/fuzz_*.c)
# into build/fuzz/ with clang, ASan and UBSan, then runs each for SECONDS on
# one core, starting from its seeds in tests/fuzz/corpus/<target>/.  New
# inputs go to a temporary folder (the committed corpus stays small);
# crashes, leaks, timeouts and OOMs land in build/fuzz/artifacts/<target>/
# and make the script fail.
#
#   SMOKE=1 tests/fuzz/run.sh     run every target over its seeds only (CI)
#   FUZZ_TARGETS="siteyaml"       only these targets
#   FUZZ_VERBOSE=1                show arshif's diagnostics while fuzzing
#   FUZZ_LAX=1                    bugs already reported do not stop fuzzing: a
#                                 result returned after an error, and the UB
#                                 listed in tests/fuzz/ubsan.supp
#   CC=clang CXX=clang++          the compilers (clang 14 or later)
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
secs=${1:-60}
smoke=${SMOKE:-0}
cc=${FUZZ_CC:-clang}
cxx=${FUZZ_CXX:-clang++}
# The Makefile exports CC=cc by default; take CC only when it is a clang.
case "${CC:-}" in *clang*) cc=$CC ;; esac
case "${CXX:-}" in *clang*) cxx=$CXX ;; esac
out=build/fuzz
obj=$out/obj
pkgs="libcmark icu-uc icu-i18n yaml-0.1 libctemplate libmicrohttpd"

command -v "$cc" >/dev/null && command -v "$cxx" >/dev/null || {
	echo "fuzz: $cc/$cxx not found; apt-get install -y clang libclang-rt-14-dev" >&2
	exit 1
}
pkg_cflags=$(pkg-config --cflags $pkgs)
pkg_libs="$(pkg-config --libs $pkgs) -llmdb -lstemmer -lpthread"
defs=(-DARSHIF_VERSION='"fuzz"' -DARSHIF_DATADIR='"/nonexistent"'
	-DFUZZ_ROOT="\"$root\"" -Isrc)
# UBSan is recoverable only so that ubsan.supp works (FUZZ_LAX=1);
# halt_on_error=1 still stops at the first other report.
san=(-fsanitize=address,undefined -fsanitize-recover=undefined
	-fno-omit-frame-pointer -g -O1)
mkdir -p "$obj"

# The fuzzer runtime comes with libclang-rt-14-dev.
probe=$out/probe
if [ ! -x "$probe" ]; then
	printf '#include <stdint.h>\n#include <stddef.h>\nint LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { return 0; }\n' >"$probe.c"
	"$cc" -fsanitize=fuzzer,address "$probe.c" -o "$probe" 2>"$probe.log" || {
		cat "$probe.log" >&2
		echo "fuzz: cannot link a libFuzzer target; apt-get install -y libclang-rt-14-dev" >&2
		exit 1
	}
fi

# Objects of src/ (not main.c), rebuilt when a source or any header changed.
newest_h=$(ls -t src/*/*.h | head -1)
objs=()
for s in src/*/*.c src/*/*.cc; do
	rel=${s#src/}
	name=${rel%.*}
	o=$obj/${name//\//_}.o
	objs+=("$o")
	if [ ! -f "$o" ] || [ "$s" -nt "$o" ] || [ "$newest_h" -nt "$o" ] ||
	    [ tests/fuzz/run.sh -nt "$o" ]; then
		echo "fuzz: CC $s"
		case "$s" in
		*.cc) "$cxx" -std=c++11 "${san[@]}" -fsanitize=fuzzer-no-link \
			"${defs[@]}" $pkg_cflags -c "$s" -o "$o" ;;
		*) "$cc" -std=c11 "${san[@]}" -fsanitize=fuzzer-no-link \
			"${defs[@]}" $pkg_cflags -c "$s" -o "$o" ;;
		esac
	fi
done

targets=()
for f in tests/fuzz/fuzz_*.c; do
	t=$(basename "$f" .c)
	t=${t#fuzz_}
	if [ -n "${FUZZ_TARGETS:-}" ] && ! grep -qw "$t" <<<"$FUZZ_TARGETS"; then
		continue
	fi
	targets+=("$t")
	bin=$out/fuzz_$t
	if [ ! -x "$bin" ] || [ "$f" -nt "$bin" ] || [ tests/fuzz/fuzz_common.h -nt "$bin" ] ||
	    [ tests/fuzz/run.sh -nt "$bin" ] ||
	    [ -n "$(find "$obj" -name '*.o' -newer "$bin" | head -1)" ]; then
		echo "fuzz: LD $bin"
		"$cc" -std=c11 "${san[@]}" -fsanitize=fuzzer -Isrc "${defs[@]}" \
			$pkg_cflags -c "$f" -o "$out/fuzz_$t.o"
		"$cxx" "${san[@]}" -fsanitize=fuzzer -o "$bin" "$out/fuzz_$t.o" \
			"${objs[@]}" $pkg_libs
	fi
done

export TZ=UTC LC_ALL=C.UTF-8
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=0}
ubsan=print_stacktrace=1:halt_on_error=1
case "${FUZZ_LAX:-0}" in 0|"") ;; *) ubsan=$ubsan:suppressions=$root/tests/fuzz/ubsan.supp ;; esac
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-$ubsan}
work=$(mktemp -d "${TMPDIR:-/tmp}/arshif-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
# The targets' own folders (site.yaml, staging output) go here too, in
# /dev/shm when there is room: nothing stays behind a crash.
if [ -z "${FUZZ_TMPDIR:-}" ]; then
	if [ -d /dev/shm ] && [ -w /dev/shm ]; then
		export FUZZ_TMPDIR=$(mktemp -d /dev/shm/arshif-fuzz.XXXXXX)
	else
		export FUZZ_TMPDIR=$work
	fi
fi
trap 'rm -rf "$work"; case "$FUZZ_TMPDIR" in /dev/shm/arshif-fuzz.*) rm -rf "$FUZZ_TMPDIR" ;; esac' EXIT
fail=0
summary=()
for t in "${targets[@]}"; do
	bin=$out/fuzz_$t
	seeds=tests/fuzz/corpus/$t
	art=$out/artifacts/$t
	log=$out/$t.log
	mkdir -p "$art" "$work/$t" "$seeds"
	common=(-max_len=65536 -timeout=10 -rss_limit_mb=2048
		-artifact_prefix="$art/" -print_final_stats=1)
	[ -f tests/fuzz/yaml.dict ] && common+=(-dict=tests/fuzz/yaml.dict)
	if [ "$smoke" = 1 ]; then
		# A log of its own: a smoke run may overlap a long run.
		log=$out/$t.smoke.log
		echo "fuzz: $t: $(ls "$seeds" | wc -l) seeds"
		if "$bin" "${common[@]}" -runs=0 "$seeds" >"$log" 2>&1; then
			summary+=("$t: seeds ok")
		else
			tail -n 60 "$log" >&2
			summary+=("$t: FAILED on a seed (see $log)")
			fail=1
		fi
		continue
	fi
	echo "fuzz: $t for ${secs}s (log: $log)"
	touch "$work/$t.start"
	# New inputs go to the first folder, the temporary one.
	if "$bin" "${common[@]}" -max_total_time="$secs" "$work/$t" "$seeds" \
	    >"$log" 2>&1; then
		st=ok
	else
		st=FAILED
		fail=1
		tail -n 80 "$log" >&2
	fi
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
	rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -1)
	ncorp=$(sed -n 's/^#[0-9]*.*corp: \([0-9]*\)\/.*/\1/p' "$log" | tail -1)
	nart=$(find "$art" -type f -newer "$work/$t.start" | wc -l)
	summary+=("$t: $st, ${secs}s, ${execs:-?} execs, ${rate:-?} exec/s, corpus ${ncorp:-?}, peak ${rss:-?} MB, artifacts $nart")
done
printf 'fuzz: %s\n' "${summary[@]}"
if [ "$fail" != 0 ]; then
	echo "fuzz: failures; reproduce with $out/fuzz_<target> <file>, minimise with -minimize_crash=1 -runs=10000" >&2
	exit 1
fi
