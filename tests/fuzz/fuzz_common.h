/*
 * fuzz_common.h: helpers shared by the libFuzzer targets (header only,
 * included once by each fuzz_<name>.c).
 *
 * Diagnostics: arshif reports through diag() on stderr, which would
 * drown libFuzzer's own output.  Unless FUZZ_VERBOSE is set, fd 2 is
 * pointed at /dev/null while an input runs and restored after, and
 * sanitizer reports go to a saved copy of the real stderr, so that a
 * crash is still shown.
 */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include <sys/stat.h>

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/util.h"

#ifndef FUZZ_ROOT
#define FUZZ_ROOT "."
#endif

void	__sanitizer_set_report_fd(void *);

/*
 * UBSan checks are built recoverable only so that ubsan.supp can hold
 * the bugs already reported, and only with FUZZ_LAX set; every other
 * report stops the run (halt_on_error).
 */
const char *__ubsan_default_options(void);
const char *
__ubsan_default_options(void)
{
	const char *v = getenv("FUZZ_LAX");

	if (v != NULL && v[0] != '\0' && v[0] != '0')
		return "halt_on_error=1:print_stacktrace=1:suppressions="
		    FUZZ_ROOT "/tests/fuzz/ubsan.supp";
	return "halt_on_error=1:print_stacktrace=1";
}

static int fz_real_err = -1;	/* a copy of the real stderr */
static int fz_null = -1;	/* /dev/null, while quiet */

static void
fz_quiet_init(void)
{
	if (getenv("FUZZ_VERBOSE") != NULL && getenv("FUZZ_VERBOSE")[0])
		return;
	fz_real_err = fcntl(2, F_DUPFD_CLOEXEC, 3);
	fz_null = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (fz_real_err == -1 || fz_null == -1) {
		fz_null = -1;
		return;
	}
	__sanitizer_set_report_fd((void *)(intptr_t)fz_real_err);
}

/* Around each input: stderr to /dev/null, then back. */
static void
fz_quiet_begin(void)
{
	if (fz_null != -1) {
		fflush(stderr);
		dup2(fz_null, 2);
	}
}

static void
fz_quiet_end(void)
{
	if (fz_null != -1) {
		fflush(stderr);
		dup2(fz_real_err, 2);
	}
}

/*
 * With FUZZ_LAX set, "returned a result after reporting an error" is
 * not fatal: for fuzzing on while such a reported bug awaits its fix.
 */
static int
fz_lax(void)
{
	const char *v = getenv("FUZZ_LAX");

	return v != NULL && v[0] != '\0' && v[0] != '0';
}

/* Prints to the real stderr even while quiet. */
static void
fz_say(const char *msg)
{
	int fd = fz_real_err != -1 ? fz_real_err : 2;

	if (write(fd, msg, strlen(msg)) < 0)
		return;
}

/* A fresh private folder, in /dev/shm when there is one (cheap writes). */
static char *
fz_tempdir(const char *tag)
{
	const char *bases[3] = { getenv("FUZZ_TMPDIR"), "/dev/shm",
	    getenv("TMPDIR") };
	char *t;
	int i;

	for (i = 0; i < 3; i++) {
		if (bases[i] == NULL || !bases[i][0] || access(bases[i], W_OK))
			continue;
		t = xasprintf("%s/arshif-%s-XXXXXX", bases[i], tag);
		if (mkdtemp(t) != NULL)
			return t;
		free(t);
	}
	t = xasprintf("/tmp/arshif-%s-XXXXXX", tag);
	if (mkdtemp(t) == NULL) {
		perror("mkdtemp");
		abort();
	}
	return t;
}

static void
fz_write_file(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	size_t off = 0;
	ssize_t n;

	if (fd == -1) {
		perror(path);
		abort();
	}
	while (off < len) {
		if ((n = write(fd, data + off, len - off)) <= 0) {
			perror(path);
			abort();
		}
		off += (size_t)n;
	}
	close(fd);
}

/* The repository: FUZZ_ROOT at build time, or env ARSHIF_ROOT. */
static const char *
fz_root(void)
{
	const char *r = getenv("ARSHIF_ROOT");

	return r && *r ? r : FUZZ_ROOT;
}

/* Two languages, as in the brief: Arabic (with a Hijri calendar) and English. */
static const char fz_site_yaml[] =
	"title:\n"
	"  ar: \"أرشيف\"\n"
	"  en: \"Archive\"\n"
	"base_url: \"https://archive.example.org/\"\n"
	"default_language: ar\n"
	"paginate: 2\n"
	"feed_size: 5\n"
	"languages:\n"
	"  - code: ar\n"
	"    numbers: latn\n"
	"    calendars: [islamic-umalqura]\n"
	"  - code: en\n";

#endif /* FUZZ_COMMON_H */
