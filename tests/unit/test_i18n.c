/*
 * test_i18n.c: the default theme's interface strings, through ICU, in
 * every language of the sample site: plural forms, digits, fallbacks.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "base/util.h"
#include "text/text.h"
#include "input/config.h"
#include "input/i18n.h"

static struct config *cfg;
static struct text_locale **locs;
static struct i18n *t;
static char tmpdir[] = "/tmp/arshif-i18n-XXXXXX";

/* A site of the four sample languages, Arabic with Western digits. */
static int
setup(void **state)
{
	char *p;
	FILE *f;
	size_t i;

	(void)state;
	if (mkdtemp(tmpdir) == NULL)
		return -1;
	p = path_join(tmpdir, "site.yaml");
	f = fopen(p, "w");
	fputs("title: T\nbase_url: https://x.example/\nlanguages:\n"
	    "  - {code: ar, numbers: latn}\n  - en\n  - fr\n  - fa\n", f);
	fclose(f);
	free(p);
	cfg = config_load(tmpdir);
	if (cfg == NULL)
		return -1;
	locs = xcalloc(cfg->nlangs, sizeof(*locs));
	for (i = 0; i < cfg->nlangs; i++) {
		char *err = NULL;

		locs[i] = text_locale_new(cfg->langs[i].locale,
		    cfg->langs[i].numbers, NULL, 0, &err);
		if (locs[i] == NULL)
			return -1;
	}
	/* The theme as shipped: tests run from the top of the repo. */
	t = i18n_load(cfg, "templates/i18n", locs);
	return t == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	size_t i;
	char *p;

	(void)state;
	i18n_free(t);
	for (i = 0; cfg && i < cfg->nlangs; i++)
		text_locale_free(locs[i]);
	free(locs);
	config_free(cfg);
	p = path_join(tmpdir, "site.yaml");
	unlink(p);
	free(p);
	rmdir(tmpdir);
	return 0;
}

static void
expect(size_t li, const char *key, double n, const char *want)
{
	char *got = i18n_msg(t, li, key, &n, 1), buf[256];
	int same = strcmp(got, want) == 0;

	/* fail_msg() does not return: free first. */
	snprintf(buf, sizeof(buf), "%s", got);
	free(got);
	if (!same)
		fail_msg("%s %s(%g): got '%s', want '%s'",
		    cfg->langs[li].code, key, n, buf, want);
}

/* Arabic has six plural categories; every one must read right. */
static void
test_arabic_six_forms(void **state)
{
	(void)state;
	expect(0, "articles_count", 0, "لا مقالات");
	expect(0, "articles_count", 1, "مقال واحد");
	expect(0, "articles_count", 2, "مقالان");
	expect(0, "articles_count", 3, "3 مقالات");
	expect(0, "articles_count", 10, "10 مقالات");
	expect(0, "articles_count", 11, "11 مقالًا");
	expect(0, "articles_count", 99, "99 مقالًا");
	expect(0, "articles_count", 100, "100 مقال");
	expect(0, "articles_count", 102, "102 مقال");
	expect(0, "articles_count", 103, "103 مقالات");
}

static void
test_english_french_persian(void **state)
{
	(void)state;
	expect(1, "articles_count", 1, "1 article");
	expect(1, "articles_count", 0, "0 articles");
	expect(1, "articles_count", 7, "7 articles");
	/* French: 0 and 1 are singular. */
	expect(2, "articles_count", 0, "0 article");
	expect(2, "articles_count", 1, "1 article");
	expect(2, "articles_count", 2, "2 articles");
	/* Persian digits, Persian plural. */
	expect(3, "articles_count", 3, "۳ مطلب");
}

static void
test_every_language_has_every_key(void **state)
{
	size_t i, li;

	(void)state;
	/* Fallbacks would have warned at load; none may be needed. */
	assert_int_equal(diag_warnings(), 0);
	for (i = 0; i < i18n_count(t); i++)
		for (li = 0; li < cfg->nlangs; li++)
			assert_true(i18n_plain(t, li, i)[0] != '\0');
}

static void
test_page_n_uses_the_language_digits(void **state)
{
	double a[1] = { 27 };
	char *s = i18n_msg(t, 3, "page_n", a, 1);

	(void)state;
	assert_non_null(strstr(s, "۲۷"));
	free(s);
	s = i18n_msg(t, 0, "page_n", a, 1);
	assert_non_null(strstr(s, "27"));	/* numbers: latn */
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_arabic_six_forms),
		cmocka_unit_test(test_english_french_persian),
		cmocka_unit_test(test_every_language_has_every_key),
		cmocka_unit_test(test_page_n_uses_the_language_digits),
	};
	int rc = cmocka_run_group_tests(tests, setup, teardown);

	text_cleanup();
	return rc;
}
