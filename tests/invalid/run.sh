#!/usr/bin/env bash
# The table of bad inputs: runs every case folder under tests/invalid/
# and compares arshif's stderr and exit status with what the case expects.
#
#   bash tests/invalid/run.sh ARSHIF [CASE...]
#
# A case folder holds a small site (site.yaml, content/) and:
#   expected.stderr  the exact stderr, with the site's path written SITE
#                    and the output folder's path written OUT
#   expected.status  the exit status
#   cmd              (optional) the arguments after the binary, one line;
#                    the words SITE and OUT (also SITE/x, OUT/x) are
#                    replaced; default: build -s SITE -o OUT
#   setup            (optional) bash script run before arshif with the
#                    site as $1 and the output folder as $2 (which does
#                    not exist unless setup makes it), for bytes and files
#                    git cannot hold well
#   expected.stdout  (optional) the exact stdout
#   expected.files   (optional) paths that must exist under OUT afterwards
#   as-nobody        (optional) when run as root, run arshif as uid/gid
#                    65534 (root reads any file)
#   timeout          (optional) seconds arshif may take; default 60
#   env              (optional) VAR=value words set for arshif's run
#                    (SOURCE_DATE_EPOCH=..., for a fixed "now")
#
# Besides stderr and status, every case checks that nothing was written
# into the site folder, that a failed run left the output folder exactly
# as it was (absent, or the previous site), that a successful build
# produced a complete output, and that no temporary folder was left behind.
set -euo pipefail

if [ $# -lt 1 ]; then
	echo "usage: $0 ARSHIF [CASE...]" >&2
	exit 2
fi
bin=$(realpath "$1")
shift
here=$(cd "$(dirname "$0")" && pwd)
[ -x "$bin" ] || { echo "$0: $bin is not an executable" >&2; exit 2; }

export NO_COLOR=1 TZ=UTC LC_ALL=C.UTF-8
# Leaks fail too; hard_rss_limit_mb kills a run that swells (alias bombs).
export ASAN_OPTIONS="detect_leaks=1:hard_rss_limit_mb=1024${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/arshif-invalid.XXXXXX")
cleanup() {
	chmod -R u+rwX "$tmp" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

# The files of a case folder that are not part of its site.
meta=(cmd setup expected.stderr expected.stdout expected.status
	expected.files as-nobody timeout env)

# A listing of a tree (names, types, modes, sizes, contents) to compare
# before and after a run; "absent" when there is none.  The build cache
# (.arshif-cache/ at the top) is left out: it is the one thing arshif
# writes into a site folder.
snapshot() {
	if [ ! -e "$1" ] && [ ! -L "$1" ]; then
		echo absent
		return
	fi
	(
		cd "$1"
		find . -path ./.arshif-cache -prune -o -printf '%p %y %m %s\n' |
			LC_ALL=C sort
		find . -path ./.arshif-cache -prune -o -type f -readable \
			-print0 | LC_ALL=C sort -z | xargs -0 -r md5sum
	)
}

# Site and output paths in stderr/stdout become SITE and OUT.
normalise() {
	perl -pe 'BEGIN { $s = shift; $o = shift }
		s/\Q$o\E/OUT/g; s/\Q$s\E/SITE/g' "$1" "$2"
}

# One case; prints ok/FAIL and returns 0/1.
run_case() {
	local name=$1 dir=$here/$1 w=$tmp/$1 site out args=() word f
	local want_status got_status limit why=() before_site before_out
	site=$w/site
	out=$w/out
	mkdir -p "$site"
	cp -a "$dir/." "$site/"
	# A cache left in the case's folder by a build run there by hand is not part of the case.
	rm -rf "$site/.arshif-cache"
	for f in "${meta[@]}"; do
		rm -f "$site/$f"
	done
	if [ -f "$dir/setup" ] && ! bash "$dir/setup" "$site" "$out" \
	    >"$w/setup.log" 2>&1; then
		echo "FAIL $name"
		echo "  setup failed:"
		sed 's/^/  | /' "$w/setup.log"
		return 1
	fi
	if [ -f "$dir/cmd" ]; then
		read -r -a words <"$dir/cmd"
		for word in "${words[@]}"; do
			case $word in
			SITE | SITE/*) args+=("$site${word#SITE}") ;;
			OUT | OUT/*) args+=("$out${word#OUT}") ;;
			*) args+=("$word") ;;
			esac
		done
	else
		args=(build -s "$site" -o "$out")
	fi
	limit=60
	[ -f "$dir/timeout" ] && limit=$(cat "$dir/timeout")
	before_site=$(snapshot "$site")
	before_out=$(snapshot "$out")

	local runner=(timeout --kill-after=5 "$limit")
	if [ -f "$dir/as-nobody" ] && [ "$(id -u)" = 0 ]; then
		if ! command -v setpriv >/dev/null; then
			echo "FAIL $name"
			echo "  runs as root and setpriv (util-linux) is missing;" \
			    "cannot drop privileges to test an unreadable file"
			return 1
		fi
		chmod a+rx "$tmp" "$w"
		runner+=(setpriv --reuid=65534 --regid=65534 --clear-groups)
	fi
	if [ -f "$dir/env" ]; then
		local envs
		read -r -a envs <"$dir/env"
		runner=(env "${envs[@]}" "${runner[@]}")
	fi
	set +e
	(cd "$w" && "${runner[@]}" "$bin" "${args[@]}") \
	    >"$w/stdout.raw" 2>"$w/stderr.raw"
	got_status=$?
	set -e
	normalise "$site" "$out" <"$w/stderr.raw" >"$w/stderr"
	normalise "$site" "$out" <"$w/stdout.raw" >"$w/stdout"

	want_status=$(cat "$dir/expected.status")
	if [ "$got_status" = 124 ] || [ "$got_status" = 137 ]; then
		why+=("timed out after ${limit}s (status $got_status)")
	elif [ "$got_status" != "$want_status" ]; then
		why+=("exit status $got_status, expected $want_status")
	fi
	if ! cmp -s "$dir/expected.stderr" "$w/stderr"; then
		why+=("stderr differs:"
		    "$(diff -u --label expected.stderr --label stderr \
		    "$dir/expected.stderr" "$w/stderr" || true)")
	fi
	if [ -f "$dir/expected.stdout" ] &&
	    ! cmp -s "$dir/expected.stdout" "$w/stdout"; then
		why+=("stdout differs:"
		    "$(diff -u --label expected.stdout --label stdout \
		    "$dir/expected.stdout" "$w/stdout" || true)")
	fi
	if [ "$(snapshot "$site")" != "$before_site" ]; then
		why+=("the site folder changed (arshif wrote into its source):"
		    "$(diff <(echo "$before_site") <(snapshot "$site") || true)")
	fi
	if [ "$want_status" != 0 ] || [ "$got_status" != 0 ]; then
		if [ "$(snapshot "$out")" != "$before_out" ]; then
			why+=("a failed run changed the output folder:"
			    "$(diff <(echo "$before_out") <(snapshot "$out") ||
			    true)")
		fi
	elif [[ " ${args[*]} " == *" $out "* ]]; then
		[ -f "$out/.arshif-output" ] ||
			why+=("the build succeeded but OUT has no .arshif-output")
		if [ -f "$dir/expected.files" ]; then
			while IFS= read -r f; do
				[ -z "$f" ] || [ -f "$out/$f" ] ||
					why+=("missing from the output: $f")
			done <"$dir/expected.files"
		fi
		[ ! -e "$out/notes.txt" ] ||
			why+=("--clean kept a file arshif did not make")
	fi
	# The generation and state folders stay by design; a temporary
	# folder (.X.arshif-XXXXXX) left behind is a leak.
	if [ -n "$(find "$w" "$site" -maxdepth 3 -name '.*.arshif-??????' \
	    ! -name '.*.arshif-state' -print -quit)" ]; then
		why+=("a temporary staging folder was left behind")
	fi

	if [ ${#why[@]} -eq 0 ]; then
		echo "ok $name"
		return 0
	fi
	echo "FAIL $name"
	printf '%s\n' "${why[@]}" | sed 's/^/  /'
	return 1
}

cases=()
if [ $# -gt 0 ]; then
	cases=("$@")
else
	for d in "$here"/*/; do
		d=${d%/}
		cases+=("${d##*/}")
	done
fi

pass=0
fail=0
for c in "${cases[@]}"; do
	if [ ! -f "$here/$c/expected.status" ]; then
		echo "FAIL $c"
		echo "  no expected.status in tests/invalid/$c"
		fail=$((fail + 1))
		continue
	fi
	if run_case "$c"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
