#!/usr/bin/env bash
# The Debian package, for real: installed with dpkg -i, used to build the
# sample site (binary /usr/bin/arshif, theme /usr/share/arshif), purged,
# and nothing of it may be left.
#
#   bash tests/tool/deb.sh build/arshif_<version>_<arch>.deb
#
# It changes the machine's packages, so it needs root; without root it
# fails (CI runs it as root) rather than skipping.
set -euo pipefail

[ $# -eq 1 ] || { echo "usage: $0 PACKAGE.deb" >&2; exit 2; }
deb=$(realpath "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
export TZ=UTC LC_ALL=C.UTF-8 NO_COLOR=1
if [ "$(id -u)" != 0 ]; then
	echo "deb-test: FAIL: installing a package needs root; run it as root (CI does)" >&2
	exit 1
fi
die() { echo "deb-test: FAIL: $*" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/arshif-deb.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

if dpkg-query -W -f='${Status}' arshif 2>/dev/null | grep -q 'install ok'; then
	die "a package arshif is installed already; remove it first (dpkg --purge arshif)"
fi
[ ! -e /usr/bin/arshif ] || die "/usr/bin/arshif exists outside the package"

dpkg-deb --info "$deb" >"$tmp/info"
grep -q '^ Depends:.*libicu' "$tmp/info" || die "no shared library dependencies (dh_shlibdeps)"
# What the package holds (a machine may exclude man pages and docs from
# what dpkg installs: slim container images do).
dpkg-deb -c "$deb" | awk '{ print substr($6, 2) }' >"$tmp/contents"
for f in /usr/bin/arshif /usr/share/arshif/templates/layout.tpl \
	/usr/share/arshif/templates/i18n/ar.yaml \
	/usr/share/arshif/static/style.css /usr/share/man/man1/arshif.1.gz \
	/usr/share/bash-completion/completions/arshif \
	/usr/share/doc/arshif/copyright; do
	grep -qx "$f" "$tmp/contents" || die "$f is not in the package"
done
dpkg -i "$deb" >"$tmp/dpkg.log" 2>&1 || { cat "$tmp/dpkg.log"; die "dpkg -i failed"; }
dpkg -L arshif | sort >"$tmp/files"
for f in /usr/bin/arshif /usr/share/arshif/templates/layout.tpl; do
	[ -f "$f" ] || die "$f was not installed"
done
if [ -f /usr/share/man/man1/arshif.1.gz ]; then
	zcat /usr/share/man/man1/arshif.1.gz | grep -q '^\.Sh NAME' ||
		die "the installed man page is not the mdoc one"
fi

# The sample site without its theme: the installed one must serve.
mkdir -p "$tmp/site"
cp -R "$root/site.yaml" "$root/entities.yaml" "$root/content" "$tmp/site/"
/usr/bin/arshif build -s "$tmp/site" -o "$tmp/out" >"$tmp/build.log" 2>&1 ||
	{ cat "$tmp/build.log"; die "the installed arshif failed to build the sample site"; }
[ -f "$tmp/out/ar/index.html" ] && [ -f "$tmp/out/style.css" ] &&
	[ -f "$tmp/out/sitemap.xml" ] || die "the site is incomplete"
cmp -s "$tmp/out/style.css" /usr/share/arshif/static/style.css ||
	die "static files do not come from /usr/share/arshif"
/usr/bin/arshif --version | grep -q '^arshif ' || die "--version"
echo "ok deb-installed-and-used"

dpkg --purge arshif >"$tmp/purge.log" 2>&1 || { cat "$tmp/purge.log"; die "dpkg --purge failed"; }
dpkg-query -W arshif >/dev/null 2>&1 && \
	dpkg-query -W -f='${Status}' arshif | grep -q 'install ok' && die "still installed"
left=""
while read -r f; do
	# Folders the package shares with others (/usr/bin ...) stay.
	if [ -e "$f" ] && [ ! -d "$f" ]; then left="$left $f"; fi
done <"$tmp/files"
[ -z "$left" ] || die "left after purge:$left"
[ ! -e /usr/share/arshif ] || die "/usr/share/arshif left after purge"
[ ! -e /usr/share/doc/arshif ] || die "/usr/share/doc/arshif left after purge"
echo "ok deb-purged-clean"
