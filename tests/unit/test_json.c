/*
 * test_json.c: base/json.c, the one JSON string escaper, in its two
 * contexts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "base/util.h"
#include "base/json.h"

static void
expect_json(enum json_ctx ctx, const char *in, size_t n, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	json_str(&sb, in, n, ctx);
	if (strcmp(sb_str(&sb), want) != 0) {
		print_error("json_str(\"%s\", %d) gave %s, want %s\n", in,
		    (int)ctx, sb_str(&sb), want);
		sb_free(&sb);
		fail();
	}
	sb_free(&sb);
}

#define SCRIPT(in, want) expect_json(JSON_SCRIPT, in, strlen(in), want)
#define DOC(in, want) expect_json(JSON_DOC, in, strlen(in), want)

/* Nothing a string holds can end the script, open a comment or break JSON. */
static void
test_script(void **state)
{
	(void)state;
	SCRIPT("plain", "\"plain\"");
	SCRIPT("", "\"\"");
	SCRIPT("</script><script>alert(1)</script>",
	    "\"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e\"");
	SCRIPT("<!-- x -->", "\"\\u003c!-- x --\\u003e\"");
	SCRIPT("a \"q\" \\ b", "\"a \\\"q\\\" \\\\ b\"");
	SCRIPT("Tom & 'Jerry'", "\"Tom \\u0026 'Jerry'\"");
	SCRIPT("l1\nl2\tt\x01\x1f", "\"l1\\nl2\\tt\\u0001\\u001f\"");
	SCRIPT("a\xe2\x80\xa8" "b\xe2\x80\xa9", "\"a\\u2028b\\u2029\"");
	SCRIPT("قمة عمّان", "\"قمة عمّان\"");
	/* A U+2028 cut by the length is not read past it. */
	expect_json(JSON_SCRIPT, "a\xe2\x80\xa8", 3, "\"a\xe2\x80\"");
}

/* A document for programs: only what JSON itself needs escaped. */
static void
test_doc(void **state)
{
	(void)state;
	DOC("unknown author 'x'; add it", "\"unknown author 'x'; add it\"");
	DOC("<b> & \"q\" \\", "\"<b> & \\\"q\\\" \\\\\"");
	DOC("l1\nl2\x7f", "\"l1\\u000al2\\u007f\"");
	DOC("a\xe2\x80\xa8", "\"a\xe2\x80\xa8\"");
	/* The length given, not the NUL, ends the string. */
	expect_json(JSON_DOC, "abc; hint", 3, "\"abc\"");
	expect_json(JSON_DOC, NULL, 0, "\"\"");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_script),
		cmocka_unit_test(test_doc),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
