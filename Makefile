# arshif: a static site generator for multilingual news archives.
#
#   make site     install what is missing (as root), build arshif, build the sample site into public/
#   make test     the same set-up, then every test (house rules, unit, end to end, sanitizers)
#   make bench    time full builds of synthetic archives (1,000 and 10,000 articles)
#   make fuzz     run the libFuzzer targets for FUZZ_SECONDS each
#   make install  PREFIX=/usr/local (and DESTDIR): the binary, the default
#                 theme, the man page and the bash completion; make uninstall
#   make deb      a Debian package, build/arshif_<version>_<arch>.deb

PREFIX   ?= /usr/local
DATADIR  ?= $(PREFIX)/share/arshif
MANDIR   ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
VERSION  := 0.1.0
CC       ?= cc
CXX      ?= c++
PKGS     := libcmark icu-uc icu-i18n yaml-0.1 libctemplate libmicrohttpd
WARN     := -Wall -Wextra -Wshadow -Wno-unused-parameter
CFLAGS   ?= -O2 -g
CXXFLAGS ?= -O2 -g
CPPFLAGS += -Isrc -DARSHIF_VERSION='"$(VERSION)"' -DARSHIF_DATADIR='"$(DATADIR)"'
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -llmdb -lstemmer -lpthread

# Debian packages: to build, and to test (validators, browser, fuzzing, load).
BUILD_DEBS := gcc g++ make pkg-config libcmark-dev libicu-dev libyaml-dev \
	libctemplate-dev libmicrohttpd-dev liblmdb-dev libxxhash-dev \
	libstemmer-dev
# npm: Debian's only when the machine has none (a nodesource node bundles its
# own, and Debian's npm package would conflict with it).
NPM_DEB    := $(if $(shell command -v npm 2>/dev/null),,npm)
TEST_DEBS  := libcmocka-dev libxml2-utils jing default-jre-headless nodejs $(NPM_DEB) \
	chromium fonts-noto-core clang libclang-rt-14-dev wrk curl python3 iproute2 \
	nginx-light mandoc debhelper dpkg-dev fakeroot lintian bsdutils

# The code, one folder per stage of the pipeline (README, "Layout of the
# code"); every .c or .cc below src/ but main.c is part of the library the
# tests link.  Objects mirror the folders: build/content/content.o.
SRCS     := $(sort $(wildcard src/*/*.c src/*/*.cc))
HDRS     := $(wildcard src/*/*.h)
OBJS     := $(basename $(SRCS:src/%=%))
LIBOBJ   := $(patsubst %,build/%.o,$(OBJS))
ASANOBJ  := $(patsubst %,build/asan/%.o,$(OBJS))
UNITS    := $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_*.c))
SAN      := -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=undefined

.PHONY: all site test layers unit e2e invalid incremental serve-test hostile urls robust-test fuzz-smoke search-test deps deps-test bench bench-large fuzz install uninstall tool-test deb deb-test clean
.DELETE_ON_ERROR:

all: arshif

# Installs what is missing when run as root; otherwise prints the line to run.
define need_debs
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; } >build-deps.log 2>&1 \
	      || { cat build-deps.log; echo "apt-get failed"; exit 1; }; \
	  else \
	    echo "missing Debian packages; run:"; \
	    echo "  sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi
endef

deps:
	$(call need_debs,$(BUILD_DEBS))

deps-test: deps
	$(call need_debs,$(TEST_DEBS))
	@{ [ -f tests/e2e/node_modules/vnu-jar/build/dist/vnu.jar ] && \
	  [ -f tests/e2e/node_modules/sitemap/schema/sitemap.xsd ]; } || \
	  (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)

build build/asan build/fuzz:
	@mkdir -p $@

build/asan/%.o: src/%.c $(HDRS) | deps
	@mkdir -p $(@D)
	$(CC) -std=c11 $(WARN) -O1 -g $(SAN) $(CPPFLAGS) $(PKG_CFLAGS) -c $< -o $@

build/asan/%.o: src/%.cc $(HDRS) | deps
	@mkdir -p $(@D)
	$(CXX) -std=c++11 $(WARN) -O1 -g $(SAN) $(CPPFLAGS) $(PKG_CFLAGS) -c $< -o $@

build/%.o: src/%.c $(HDRS) | deps
	@mkdir -p $(@D)
	$(CC) -std=c11 $(WARN) $(CFLAGS) $(CPPFLAGS) $(PKG_CFLAGS) -c $< -o $@

build/%.o: src/%.cc $(HDRS) | deps
	@mkdir -p $(@D)
	$(CXX) -std=c++11 $(WARN) $(CXXFLAGS) $(CPPFLAGS) $(PKG_CFLAGS) -c $< -o $@

arshif: deps $(LIBOBJ) build/main.o
	$(CXX) $(CXXFLAGS) $(LDFLAGS) -o $@ build/main.o $(LIBOBJ) $(PKG_LIBS)

build/arshif-asan: deps $(ASANOBJ) build/asan/main.o
	$(CXX) -g $(SAN) -o $@ build/asan/main.o $(ASANOBJ) $(PKG_LIBS)

site: arshif
	./arshif build -s . -o public

# The house rules of src/: layers in pipeline order, no include cycle,
# no file over 800 lines nor function over 120 (tests/tool/layers.py);
# part of make test, so that a cycle or a long function never comes back.
layers:
	python3 tests/tool/layers.py --self-test
	python3 tests/tool/layers.py src

# Unit tests: cmocka, linked against the sanitised objects.
build/asan/test_%: tests/unit/test_%.c tests/unit/*.h $(ASANOBJ) | build/asan
	$(CC) -std=c11 $(WARN) -O1 -g $(SAN) -Isrc $(PKG_CFLAGS) $< -o $@.o -c
	$(CXX) -g $(SAN) -o $@ $@.o $(ASANOBJ) $(PKG_LIBS) -lcmocka

unit: deps-test $(patsubst %,build/asan/%,$(UNITS))
	@set -e; for t in $(UNITS); do \
	  echo "== $$t"; TZ=UTC LC_ALL=C.UTF-8 ASAN_OPTIONS=detect_leaks=1 build/asan/$$t; done

e2e: deps-test arshif build/arshif-asan
	TZ=UTC LC_ALL=C.UTF-8 bash tests/e2e/run.sh ./arshif build/arshif-asan

# The table of bad inputs: each case's diagnostics and exit status, under ASan.
invalid: deps-test build/arshif-asan
	TZ=UTC LC_ALL=C.UTF-8 bash tests/invalid/run.sh build/arshif-asan

# The preview server, for real on a free loopback port: the one-second
# reload with the optimised binary, then everything again under ASan/UBSan
# (slower, so it is given longer to reload).
serve-test: deps-test arshif build/arshif-asan
	TZ=UTC LC_ALL=C.UTF-8 bash tests/serve/run.sh ./arshif
	TZ=UTC LC_ALL=C.UTF-8 RELOAD_LIMIT_MS=4000 bash tests/serve/run.sh build/arshif-asan

# Hostile strings in every field must come out inert (ASan build).
hostile: deps-test build/arshif-asan
	TZ=UTC LC_ALL=C.UTF-8 bash tests/hostile/run.sh build/arshif-asan

# A generated archive with duplicate headlines, aliases, scheduled
# articles and misspelled keys builds with the warnings expected (ASan),
# and every page of it passes the Nu Html Checker.
robust-test: deps-test build/arshif-asan
	TZ=UTC LC_ALL=C.UTF-8 bash tests/robust/run.sh build/arshif-asan --vnu

# The site's URLs under nginx, python3 -m http.server and file://.
urls: deps-test arshif
	TZ=UTC LC_ALL=C.UTF-8 bash tests/urls/run.sh ./arshif

# Incremental builds equal clean ones after random changes; builds killed
# at random leave the old site or the new one (optimised binary: speed).
incremental: deps-test arshif
	TZ=UTC LC_ALL=C.UTF-8 python3 tests/incremental/run.py ./arshif 40 100

# Every fuzz target over its seeds (crash reproducers included), under
# ASan/UBSan: a short smoke; make fuzz runs them for real.
fuzz-smoke: deps-test
	SMOKE=1 bash tests/fuzz/run.sh

# The search page in Chromium (playwright-core), over HTTP and file://.
search-test: deps-test arshif
	TZ=UTC LC_ALL=C.UTF-8 bash tests/search/run.sh ./arshif

# new, drop_paragraphs, diagnostics formats, progress, man page,
# completion, make install/uninstall.
tool-test: deps-test arshif build/arshif-asan
	TZ=UTC LC_ALL=C.UTF-8 bash tests/tool/run.sh build/arshif-asan ./arshif

test: layers unit invalid hostile robust-test urls serve-test fuzz-smoke incremental tool-test deb-test search-test e2e
	@echo "make test: all tests passed"

bench: arshif
	bash tests/bench/run.sh ./arshif build/bench

# The same at 100,000 articles (long: minutes, and several GB of disk).
bench-large: arshif
	BENCH_SIZES=100000 BENCH_ENTITIES=10000 bash tests/bench/run.sh ./arshif build/bench

FUZZ_SECONDS ?= 600
fuzz: deps-test
	bash tests/fuzz/run.sh $(FUZZ_SECONDS)

install: arshif
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(DATADIR) \
	  $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(BASHCOMPDIR)
	install -m 755 arshif $(DESTDIR)$(PREFIX)/bin/arshif
	cp -R templates static $(DESTDIR)$(DATADIR)/
	install -m 644 docs/arshif.1 $(DESTDIR)$(MANDIR)/man1/arshif.1
	install -m 644 completion/arshif.bash $(DESTDIR)$(BASHCOMPDIR)/arshif

# What install put down; the shared folders above it stay.
uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/arshif $(DESTDIR)$(MANDIR)/man1/arshif.1 \
	  $(DESTDIR)$(BASHCOMPDIR)/arshif
	rm -rf $(DESTDIR)$(DATADIR)

# The Debian package, built by dpkg-buildpackage in a copy of the sources
# (so that it compiles for PREFIX=/usr with Debian's flags, and its clean
# step leaves this tree alone); the .deb lands in build/.
DEB_ARCH := $(shell dpkg --print-architecture 2>/dev/null)
DEB      := build/arshif_$(VERSION)_$(DEB_ARCH).deb
DEB_SRC  := Makefile LICENSE README.md docs src templates static completion debian
deb: deps-test
	rm -rf build/deb && mkdir -p build/deb/arshif-$(VERSION)
	cp -R $(DEB_SRC) build/deb/arshif-$(VERSION)/
	cd build/deb/arshif-$(VERSION) && dpkg-buildpackage -us -uc -b >../build.log 2>&1 \
	  || { tail -40 ../build.log; exit 1; }
	cp build/deb/arshif_$(VERSION)_$(DEB_ARCH).deb $(DEB)
	lintian --fail-on error $(DEB) >build/deb/lintian.log 2>&1; st=$$?; \
	  cat build/deb/lintian.log; exit $$st
	@echo "built $(DEB)"

# Installs the package, builds the sample site with /usr/bin/arshif and
# the theme in /usr/share/arshif, purges it, checks that nothing is left.
# Needs root (CI runs as root): it fails, never skips, without.
deb-test: deb
	bash tests/tool/deb.sh $(DEB)

clean:
	rm -rf build arshif public build-deps.log
