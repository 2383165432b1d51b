/*
 * test_diag.c: diagnostics recorded and replayed (util.h).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/util.h"

/* Recorded diagnostics are neither printed nor counted, and keep their level. */
static void
test_record_holds_back(void **state)
{
	struct diag_list l = { NULL, 0 };
	struct strbuf cap = STRBUF_INIT;

	(void)state;
	diag_reset();
	diag_capture(&cap);
	diag_set_strict(1);
	diag_record(&l);
	diag(DIAG_WARNING, "a.md", 3, 7, "odd '%s'", "x\x1b");
	diag(DIAG_ERROR, "a.md", 0, 0, "bad");
	diag_record(NULL);
	diag_set_strict(0);
	diag_capture(NULL);
	assert_int_equal(diag_errors(), 0);
	assert_int_equal(diag_warnings(), 0);
	assert_null(cap.s);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.v[0].level, DIAG_WARNING);
	assert_int_equal(l.v[0].line, 3);
	assert_int_equal(l.v[0].col, 7);
	assert_string_equal(l.v[0].msg, "odd 'x\x1b'");
	assert_int_equal(l.v[1].level, DIAG_ERROR);
	diag_list_free(&l);
	assert_int_equal(l.n, 0);
	diag_list_free(NULL);
}

/* Replayed, they print as a fresh diag() would, under today's --strict. */
static void
test_replay_as_fresh(void **state)
{
	struct diag_list l = { NULL, 0 };
	struct strbuf fresh = STRBUF_INIT, again = STRBUF_INIT;
	struct diag_buf hb;

	(void)state;
	diag_reset();
	diag_capture(&fresh);
	diag(DIAG_WARNING, "b.md", 2, 1, "odd '%s'", "\x1b[31m");
	diag(DIAG_NOTE, "b.md", 0, 0, "see");
	diag_record(&l);
	diag(DIAG_WARNING, "elsewhere.md", 2, 1, "odd '%s'", "\x1b[31m");
	diag(DIAG_NOTE, "x", 0, 0, "see");
	diag_record(NULL);
	diag_capture(&again);
	diag_replay(&l, "b.md");
	assert_string_equal(sb_str(&again), sb_str(&fresh));
	assert_int_equal(diag_warnings(), 2);
	/* --strict applies at replay, and a held buffer receives them. */
	diag_reset();
	diag_set_strict(1);
	memset(&hb, 0, sizeof(hb));
	diag_hold(&hb);
	diag_replay(&l, "b.md");
	diag_hold(NULL);
	diag_set_strict(0);
	assert_int_equal(diag_errors(), 1);
	assert_int_equal(diag_warnings(), 0);
	assert_non_null(strstr(sb_str(&hb.plain), "b.md:2:1: error: odd "
	    "'\\x1b[31m'"));
	diag_capture(NULL);
	sb_free(&hb.tty);
	sb_free(&hb.plain);
	sb_free(&fresh);
	sb_free(&again);
	diag_list_free(&l);
	diag_reset();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_record_holds_back),
		cmocka_unit_test(test_replay_as_fresh),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
