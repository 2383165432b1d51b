/*
 * test_render.c: render_href(), the relative links between pages.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/util.h"
#include "input/config.h"
#include "render/render.h"
#include "render/render_int.h"

static struct config cfg;

static void
expect_href(int index_links, const char *from, const char *to,
    const char *want)
{
	char *h;

	cfg.index_links = index_links;
	h = render_href(&cfg, from, to);
	if (strcmp(h, want) != 0) {
		print_error("render_href(%s, \"%s\", \"%s\") gave \"%s\", want "
		    "\"%s\"\n", index_links ? "index" : "directory", from, to, h,
		    want);
		free(h);
		fail();
	}
	free(h);
}

static void
test_depth_0(void **state)
{
	expect_href(0, "", "", "./");
	expect_href(0, "", "ar/", "ar/");
	expect_href(0, "", "ar/2020/11/03/water/", "ar/2020/11/03/water/");
	expect_href(0, "", "style.css", "style.css");
}

static void
test_depth_1(void **state)
{
	expect_href(0, "ar/", "", "../");
	expect_href(0, "ar/", "ar/", "../ar/");
	expect_href(0, "ar/", "en/", "../en/");
	expect_href(0, "ar/", "style.css", "../style.css");
}

static void
test_depth_2(void **state)
{
	expect_href(0, "ar/2020/", "", "../../");
	expect_href(0, "ar/2020/", "ar/2020/11/", "../../ar/2020/11/");
	expect_href(0, "ar/2020/", "ar/feed.xml", "../../ar/feed.xml");
}

static void
test_depth_3(void **state)
{
	expect_href(0, "ar/2020/11/", "", "../../../");
	expect_href(0, "ar/2020/11/", "fr/entities/paris/",
	    "../../../fr/entities/paris/");
	expect_href(0, "ar/2020/11/", "style.css", "../../../style.css");
}

static void
test_article_depth(void **state)
{
	expect_href(0, "en/2020/11/03/water/", "en/", "../../../../../en/");
}

static void
test_percent_encoding(void **state)
{
	/* مياه: U+0645 U+064A U+0627 U+0647 */
	expect_href(0, "", "ar/2020/11/03/مياه/",
	    "ar/2020/11/03/%D9%85%D9%8A%D8%A7%D9%87/");
	expect_href(0, "ar/", "ar/entities/أحمد/",
	    "../ar/entities/%D8%A3%D8%AD%D9%85%D8%AF/");
	expect_href(0, "", "fr/élysée/", "fr/%C3%A9lys%C3%A9e/");
	/* Characters that mean something in a URL are encoded too. */
	expect_href(0, "", "a b?c#d%e/", "a%20b%3Fc%23d%25e/");
	expect_href(0, "", "x\"<y>'/", "x%22%3Cy%3E%27/");
	/* Unreserved ones stay. */
	expect_href(0, "", "a-b_c.d~e/", "a-b_c.d~e/");
}

static void
test_index_links(void **state)
{
	expect_href(1, "", "", "index.html");
	expect_href(1, "", "ar/", "ar/index.html");
	expect_href(1, "ar/", "", "../index.html");
	expect_href(1, "ar/2020/", "ar/2020/11/", "../../ar/2020/11/index.html");
	expect_href(1, "ar/2020/11/", "", "../../../index.html");
	expect_href(1, "", "ar/2020/11/03/مياه/",
	    "ar/2020/11/03/%D9%85%D9%8A%D8%A7%D9%87/index.html");
	/* Files keep their names. */
	expect_href(1, "ar/", "ar/feed.xml", "../ar/feed.xml");
	expect_href(1, "", "style.css", "style.css");
}

static void
test_always_relative(void **state)
{
	static const char *from[] = { "", "ar/", "ar/2020/", "ar/2020/11/",
	    NULL };
	int i, k;

	for (k = 0; k < 2; k++)
		for (i = 0; from[i]; i++) {
			char *h;

			cfg.index_links = k;
			h = render_href(&cfg, from[i], "en/x/");
			assert_true(h[0] != '/');
			assert_null(strstr(h, "://"));
			assert_null(strstr(h, "https"));
			free(h);
		}
}


int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_depth_0),
		cmocka_unit_test(test_depth_1),
		cmocka_unit_test(test_depth_2),
		cmocka_unit_test(test_depth_3),
		cmocka_unit_test(test_article_depth),
		cmocka_unit_test(test_percent_encoding),
		cmocka_unit_test(test_index_links),
		cmocka_unit_test(test_always_relative),
	};

	cfg.source = (char *)".";
	cfg.path = (char *)"site.yaml";
	cfg.base_url = (char *)"https://example.org/";
	return cmocka_run_group_tests(tests, NULL, NULL);
}
