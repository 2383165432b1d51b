/*
 * test_yamldoc.c: yamldoc.h, one YAML document read through node ids.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "base/util.h"
#include "input/yamldoc.h"
#include "said.h"


static int
setup(void **state)
{
	sb_reset(&cap);
	diag_reset();
	diag_capture(&cap);
	return 0;
}

static int
teardown(void **state)
{
	diag_capture(NULL);
	return 0;
}

/* The diagnostics so far. */
static struct ydoc *
parse(const char *s, int line0)
{
	return ydoc_parse("t.yaml", s, strlen(s), line0);
}

static void
test_positions_whole_file(void **state)
{
	struct ydoc *y = parse("title: hello\n\nlist:\n  - one\n  -   two\n", 1);
	int root, v, item;

	assert_non_null(y);
	root = ydoc_root(y);
	assert_int_equal(ydoc_type(y, root), Y_MAP);
	assert_int_equal(ydoc_len(y, root), 2);
	v = ydoc_get(y, root, "title");
	assert_int_equal(ydoc_type(y, v), Y_SCALAR);
	assert_string_equal(ydoc_str(y, v), "hello");
	assert_int_equal(ydoc_line(y, v), 1);
	assert_int_equal(ydoc_col(y, v), 8);
	assert_int_equal(ydoc_line(y, ydoc_key(y, root, 0)), 1);
	assert_int_equal(ydoc_col(y, ydoc_key(y, root, 0)), 1);
	v = ydoc_get(y, root, "list");
	assert_int_equal(ydoc_type(y, v), Y_SEQ);
	assert_int_equal(ydoc_len(y, v), 2);
	item = ydoc_item(y, v, 1);
	assert_string_equal(ydoc_str(y, item), "two");
	assert_int_equal(ydoc_line(y, item), 5);
	assert_int_equal(ydoc_col(y, item), 7);
	assert_int_equal(ydoc_item(y, v, 2), 0);
	assert_int_equal(ydoc_get(y, root, "missing"), 0);
	assert_string_equal(ydoc_file(y), "t.yaml");
	ydoc_free(y);
	assert_int_equal(diag_errors(), 0);
}

static void
test_positions_line0(void **state)
{
	/* Front matter: the YAML starts on line 2 of the file. */
	struct ydoc *y = parse("title: x\ndate: 2020-11-03\n", 2);
	int root, v;

	assert_non_null(y);
	root = ydoc_root(y);
	v = ydoc_get(y, root, "date");
	assert_int_equal(ydoc_line(y, v), 3);
	assert_int_equal(ydoc_col(y, v), 7);
	v = ydoc_get(y, root, "title");
	assert_int_equal(ydoc_line(y, v), 2);
	assert_int_equal(ydoc_col(y, v), 8);
	ydoc_free(y);
}

static void
test_columns_count_characters(void **state)
{
	/* Columns of what a reader sees: code points, not bytes. */
	struct ydoc *y = parse("عنوان: نص\n", 1);
	int v;

	assert_non_null(y);
	v = ydoc_get(y, ydoc_root(y), "عنوان");
	assert_string_equal(ydoc_str(y, v), "نص");
	assert_int_equal(ydoc_col(y, v), 8);
	ydoc_free(y);
}

static void
test_scalar_details(void **state)
{
	struct ydoc *y = parse("a: 12\nb: \"12\"\nc: 'x'\nd:\ne: \"a\\0b\"\n", 1);
	int root, v;

	assert_non_null(y);
	root = ydoc_root(y);
	assert_int_equal(ydoc_plain(y, ydoc_get(y, root, "a")), 1);
	assert_int_equal(ydoc_plain(y, ydoc_get(y, root, "b")), 0);
	assert_int_equal(ydoc_plain(y, ydoc_get(y, root, "c")), 0);
	v = ydoc_get(y, root, "d");
	assert_int_equal(ydoc_type(y, v), Y_SCALAR);
	assert_int_equal(ydoc_len(y, v), 0);
	v = ydoc_get(y, root, "e");
	assert_int_equal(ydoc_len(y, v), 3);	/* holds a NUL */
	ydoc_free(y);
}

static void
test_empty_document(void **state)
{
	struct ydoc *y = parse("", 1);

	assert_non_null(y);
	assert_int_equal(ydoc_root(y), 0);
	assert_int_equal(ydoc_type(y, 0), Y_NONE);
	assert_string_equal(ydoc_str(y, 0), "");
	assert_int_equal(ydoc_get(y, 0, "x"), 0);
	ydoc_free(y);
	y = parse("# only a comment\n", 1);
	assert_non_null(y);
	assert_int_equal(ydoc_root(y), 0);
	ydoc_free(y);
	assert_int_equal(diag_errors(), 0);
}

static void
test_duplicate_keys(void **state)
{
	struct ydoc *y = parse("a: 1\nb: 2\na: 3\n", 1);

	assert_null(y);
	assert_int_equal(diag_errors(), 1);
	assert_said("t.yaml:3:1: error: duplicate key 'a'");
	assert_said("first at line 1");
}

static void
test_duplicate_keys_line0_nested(void **state)
{
	struct ydoc *y = parse("title: x\nentities:\n  people: [a]\n"
	    "  places: [b]\n  people: [c]\n", 2);

	assert_null(y);
	assert_int_equal(diag_errors(), 1);
	assert_said("t.yaml:6:3: error: duplicate key 'people'");
	assert_said("first at line 4");
}

static void
test_duplicate_keys_quoted(void **state)
{
	/* "a" and a are the same key. */
	struct ydoc *y = parse("a: 1\n\"a\": 2\n", 1);

	assert_null(y);
	assert_said("t.yaml:2:1: error: duplicate key 'a' (first at line 1)");
}

static void
test_same_key_in_two_maps_is_fine(void **state)
{
	struct ydoc *y = parse("x: {a: 1}\ny: {a: 2}\n", 1);

	assert_non_null(y);
	assert_int_equal(diag_errors(), 0);
	ydoc_free(y);
}

static void
test_syntax_error_position(void **state)
{
	struct ydoc *y = parse("title: x\ndate: [2020\nslug: y\n", 2);

	assert_null(y);
	assert_int_equal(diag_errors(), 1);
	assert_said("t.yaml:");
	assert_said("error: YAML:");
	/* The flow sequence opened on line 3 (of the file) is never closed. */
	assert_true(strstr(said(), "t.yaml:3:") != NULL ||
	    strstr(said(), "t.yaml:4:") != NULL ||
	    strstr(said(), "t.yaml:5:") != NULL);
}

static void
test_syntax_error_bad_indent(void **state)
{
	struct ydoc *y = parse("a: 1\n b: 2\n", 1);

	assert_null(y);
	assert_said("t.yaml:2:");
	sb_reset(&cap);
	y = parse("key: \"unterminated\n", 10);
	assert_null(y);
	assert_said("t.yaml:1");	/* line 10 or 11 */
	assert_said("error: YAML:");
}

static void
test_tab_indent_error(void **state)
{
	struct ydoc *y = parse("a:\n\t- b\n", 1);

	assert_null(y);
	assert_said("t.yaml:2:");
}

static void
test_alias_bomb_bounded(void **state)
{
	static const char *bomb =
	    "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
	    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
	    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
	    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
	    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
	    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
	    "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
	    "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
	    "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n"
	    "title: *i\n"
	    "tags: *i\n";
	struct timespec t0, t1;
	struct ydoc *y;
	double secs;
	char **v = NULL, *s = NULL;
	size_t n = 0;
	int root;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	y = parse(bomb, 1);
	if (y != NULL) {
		root = ydoc_root(y);
		/* Readers reject the shape without expanding it. */
		assert_int_equal(ydoc_want_str(y, ydoc_get(y, root, "title"),
		    "title", &s), -1);
		assert_int_equal(ydoc_want_list(y, ydoc_get(y, root, "tags"),
		    "tags", &v, &n), -1);
		assert_int_equal(ydoc_len(y, ydoc_get(y, root, "tags")), 9);
		ydoc_free(y);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	assert_true(secs < 1.0);
	assert_null(s);
	assert_null(v);
}

static void
test_noalias_refuses_anchors_and_aliases(void **state)
{
	struct ydoc *y;

#define NOALIAS(s, l0) ydoc_parse_noalias("t.yaml", (s), strlen(s), (l0))
	y = NOALIAS("a: &x 1\nb: *x\n", 2);
	assert_null(y);
	assert_said("t.yaml:2:4: error: YAML anchors are not allowed");
	sb_reset(&cap);
	y = NOALIAS("a: 1\nb: *x\n", 2);
	assert_null(y);
	assert_said("t.yaml:3:4: error: YAML aliases are not allowed");
	sb_reset(&cap);
	y = NOALIAS("a: [1]\nb: &s [2]\n", 1);
	assert_null(y);
	assert_said("t.yaml:2:4: error: YAML anchors");
}

static void
test_noalias_plain_document(void **state)
{
	const char *s = "title: x\ntags: [a, b]\nm: {k: v}\n";
	struct ydoc *y = ydoc_parse_noalias("t.yaml", s, strlen(s), 2);

	assert_non_null(y);
	assert_int_equal(diag_errors(), 0);
	assert_int_equal(ydoc_line(y, ydoc_get(y, ydoc_root(y), "tags")), 3);
	ydoc_free(y);
	/* Syntax errors are still reported, once. */
	y = ydoc_parse_noalias("t.yaml", "a: [1\n", 5, 1);
	assert_null(y);
	assert_int_equal(diag_errors(), 1);
	assert_said("error: YAML:");
}

static void
test_noalias_bomb_refused_fast(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct timespec t0, t1;
	struct ydoc *y;
	char c;

	sb_adds(&sb, "a: &a [x,x,x,x,x,x,x,x,x]\n");
	for (c = 'b'; c <= 'j'; c++)
		sb_addf(&sb, "%c: &%c [*%c,*%c,*%c,*%c,*%c,*%c,*%c,*%c,*%c]\n",
		    c, c, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1,
		    c - 1, c - 1);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	y = ydoc_parse_noalias("t.yaml", sb.s, sb.len, 2);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	sb_free(&sb);
	assert_null(y);
	assert_said("t.yaml:2:4: error: YAML anchors are not allowed");
	assert_true((double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9 < 1.0);
}

/* 200,000 nested '[': refused at the 65th, before libyaml's scanner. */
static void
test_deep_flow_refused(void **state)
{
	size_t n = 200000, i;
	char *buf = xmalloc(n + 16);
	struct ydoc *y;

	memcpy(buf, "title: x\nt: ", 12);
	for (i = 0; i < n; i++)
		buf[12 + i] = '[';
	buf[12 + n] = '\0';
	y = ydoc_parse("t.yaml", buf, strlen(buf), 1);
	assert_null(y);
	/* Line 2, the 65th bracket: column 4 + 64. */
	assert_said("t.yaml:2:68: error: YAML nests deeper than 64 levels");
	diag_reset();
	sb_reset(&cap);
	y = ydoc_parse_noalias("t.md", buf, strlen(buf), 2);
	assert_null(y);
	assert_said("t.md:3:68: error: YAML nests deeper than 64 levels");
	free(buf);
}

/* Brackets in quotes and comments are text; 64 levels are fine. */
static void
test_flow_depth_counts_only_flow(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct ydoc *y;
	int i;

	sb_adds(&sb, "a: \"");
	for (i = 0; i < 100; i++)
		sb_adds(&sb, "[{");
	sb_adds(&sb, "\"\nb: '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
	    "[[[[[[[[[[[[[[[[[[[[[[['\n# [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
	    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\nc: x[[[[[[[[[[[[[[[[["
	    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n"
	    "d: ");
	for (i = 0; i < 63; i++)
		sb_adds(&sb, "[");
	for (i = 0; i < 63; i++)
		sb_adds(&sb, "]");
	sb_adds(&sb, "\n");
	y = ydoc_parse("t.yaml", sb_str(&sb), sb.len, 1);
	if (y == NULL)
		fail_msg("refused:\n%s", said());
	assert_int_equal(diag_errors(), 0);
	ydoc_free(y);
	sb_free(&sb);
}

/* Block nesting is bounded too (libyaml is linear there). */
static void
test_deep_block_refused(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct ydoc *y;
	int i;

	for (i = 0; i < 70; i++)
		sb_adds(&sb, "- ");
	sb_adds(&sb, "x\n");
	y = ydoc_parse("t.yaml", sb_str(&sb), sb.len, 1);
	assert_null(y);
	assert_said("t.yaml:1:129: error: YAML nests deeper than 64 levels");
	sb_free(&sb);
}

static void
test_suggest(void **state)
{
	static const char *const known[] = { "title", "draft", "entities",
	    "tags", "date", "slug", "paginate", "lang", "translation_key",
	    NULL };

	assert_string_equal(ydoc_suggest("darft", known), "draft");
	assert_string_equal(ydoc_suggest("Draft", known), "draft");
	assert_string_equal(ydoc_suggest("DRAFT", known), "draft");
	assert_string_equal(ydoc_suggest("titel", known), "title");
	assert_string_equal(ydoc_suggest("entites", known), "entities");
	assert_string_equal(ydoc_suggest("paginat", known), "paginate");
	assert_string_equal(ydoc_suggest("translation-key", known),
	    "translation_key");
	assert_string_equal(ydoc_suggest("Tags", known), "tags");
	/* Known, or far from all: nothing to say. */
	assert_null(ydoc_suggest("draft", known));
	assert_null(ydoc_suggest("source", known));
	assert_null(ydoc_suggest("photographer", known));
	/* Short keys: case only ("tag" is not "tags" with one edit). */
	assert_null(ydoc_suggest("url", known));
	assert_null(ydoc_suggest("tg", known));
	/* Two edits only from six characters on. */
	assert_null(ydoc_suggest("dtaf", known));
	assert_string_equal(ydoc_suggest("entitis", known), "entities");
}

static void
test_check_keys_suggests(void **state)
{
	static const char *const known[] = { "paginate", "title", NULL };
	struct ydoc *y = parse("paginat: 3\nzzz: 1\n", 1);

	ydoc_check_keys(y, ydoc_root(y), known, "key");
	assert_said("t.yaml:1:1: warning: unknown key 'paginat' is ignored; "
	    "did you mean 'paginate'?");
	assert_said("t.yaml:2:1: warning: unknown key 'zzz' is ignored; check "
	    "its spelling (known keys: paginate, title)");
	ydoc_free(y);
}

static void
test_too_many_nodes(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct ydoc *y;
	int i;

	sb_adds(&sb, "x: [");
	for (i = 0; i < 210000; i++)
		sb_adds(&sb, "1,");
	sb_adds(&sb, "1]\n");
	y = ydoc_parse("t.yaml", sb.s, sb.len, 1);
	sb_free(&sb);
	assert_null(y);
	assert_int_equal(diag_errors(), 1);
	assert_said("t.yaml:1:1: error: YAML has more than");
}

static void
test_want_str(void **state)
{
	struct ydoc *y = parse("s: hello\nq: \"\"\nl: [a, b]\nm: {a: 1}\n"
	    "n: ~\ne:\nz: \"a\\0b\"\n", 1);
	int root;
	char *s = NULL;

	assert_non_null(y);
	root = ydoc_root(y);
	assert_int_equal(ydoc_want_str(y, ydoc_get(y, root, "s"), "s", &s), 0);
	assert_string_equal(s, "hello");
	free(s);
	s = NULL;
	assert_int_equal(diag_errors(), 0);

	assert_int_equal(ydoc_want_str(y, ydoc_get(y, root, "l"), "l", &s), -1);
	assert_null(s);
	assert_said("t.yaml:3:4: error: 'l' must be a text value, not a list");
	assert_int_equal(ydoc_want_str(y, ydoc_get(y, root, "m"), "m", &s), -1);
	assert_said("t.yaml:4:4: error: 'm' must be a text value, not a map");
	assert_int_equal(ydoc_want_str(y, ydoc_get(y, root, "n"), "n", &s), -1);
	assert_said("t.yaml:5:4: error: 'n' must be a text value, not empty");
	assert_int_equal(ydoc_want_str(y, ydoc_get(y, root, "e"), "e", &s), -1);
	assert_int_equal(ydoc_want_str(y, ydoc_get(y, root, "z"), "z", &s), -1);
	assert_said("t.yaml:7:4: error: 'z' holds a NUL character");
	assert_null(s);
	assert_int_equal(diag_errors(), 5);
	ydoc_free(y);
}

static void
test_want_list(void **state)
{
	struct ydoc *y = parse("l: [a, \"b c\"]\ns: one\nm: {a: 1}\nn: ~\n"
	    "e: []\nnested: [a, [b]]\n", 1);
	int root;
	char **v = NULL;
	size_t n = 99;

	assert_non_null(y);
	root = ydoc_root(y);
	assert_int_equal(ydoc_want_list(y, ydoc_get(y, root, "l"), "l", &v,
	    &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[0], "a");
	assert_string_equal(v[1], "b c");
	assert_null(v[2]);
	ydoc_strv_free(v);

	/* A scalar is a list of one. */
	assert_int_equal(ydoc_want_list(y, ydoc_get(y, root, "s"), "s", &v,
	    &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0], "one");
	assert_null(v[1]);
	ydoc_strv_free(v);

	/* Null and [] are empty lists. */
	assert_int_equal(ydoc_want_list(y, ydoc_get(y, root, "n"), "n", &v,
	    &n), 0);
	assert_int_equal(n, 0);
	assert_null(v[0]);
	ydoc_strv_free(v);
	assert_int_equal(ydoc_want_list(y, ydoc_get(y, root, "e"), "e", &v,
	    &n), 0);
	assert_int_equal(n, 0);
	assert_null(v[0]);
	ydoc_strv_free(v);
	assert_int_equal(diag_errors(), 0);

	v = NULL;
	assert_int_equal(ydoc_want_list(y, ydoc_get(y, root, "m"), "m", &v,
	    &n), -1);
	assert_null(v);
	assert_said("t.yaml:3:4: error: 'm' must be a list, not a map");
	assert_int_equal(ydoc_want_list(y, ydoc_get(y, root, "nested"),
	    "nested", &v, &n), -1);
	assert_null(v);
	assert_said("t.yaml:6:13: error: 'nested' must be a text value, not a list");
	ydoc_free(y);
}

static void
test_want_bool(void **state)
{
	struct ydoc *y = parse("a: true\nb: no\nc: yes\nd: False\ne: \"true\"\n"
	    "f: maybe\ng: 1\nh: [true]\n", 1);
	int root, b = -1;

	assert_non_null(y);
	root = ydoc_root(y);
	assert_int_equal(ydoc_want_bool(y, ydoc_get(y, root, "a"), "a", &b), 0);
	assert_int_equal(b, 1);
	assert_int_equal(ydoc_want_bool(y, ydoc_get(y, root, "b"), "b", &b), 0);
	assert_int_equal(b, 0);
	assert_int_equal(ydoc_want_bool(y, ydoc_get(y, root, "c"), "c", &b), 0);
	assert_int_equal(b, 1);
	assert_int_equal(ydoc_want_bool(y, ydoc_get(y, root, "d"), "d", &b), 0);
	assert_int_equal(b, 0);
	assert_int_equal(diag_errors(), 0);
	b = 7;
	assert_int_equal(ydoc_want_bool(y, ydoc_get(y, root, "e"), "e", &b), -1);
	assert_said("t.yaml:5:4: error: 'e' must be true or false");
	assert_int_equal(ydoc_want_bool(y, ydoc_get(y, root, "f"), "f", &b), -1);
	assert_said("t.yaml:6:4: error: 'f' must be true or false");
	assert_int_equal(ydoc_want_bool(y, ydoc_get(y, root, "g"), "g", &b), -1);
	assert_int_equal(ydoc_want_bool(y, ydoc_get(y, root, "h"), "h", &b), -1);
	assert_int_equal(b, 7);
	assert_int_equal(diag_errors(), 4);
	ydoc_free(y);
}

static void
test_want_int(void **state)
{
	struct ydoc *y = parse("a: 10\nb: 0\nc: 101\nd: -5\ne: 1e3\nf: ten\n"
	    "g: 99999999999999999999999\nh: [1]\ni: 12abc\nj:\nk: 100\n", 1);
	int root;
	long v = -1;

	assert_non_null(y);
	root = ydoc_root(y);
	assert_int_equal(ydoc_want_int(y, ydoc_get(y, root, "a"), "a", 1, 100,
	    &v), 0);
	assert_int_equal(v, 10);
	assert_int_equal(ydoc_want_int(y, ydoc_get(y, root, "k"), "k", 1, 100,
	    &v), 0);
	assert_int_equal(v, 100);	/* bounds are inclusive */
	assert_int_equal(ydoc_want_int(y, ydoc_get(y, root, "d"), "d", -10, 10,
	    &v), 0);
	assert_int_equal(v, -5);
	assert_int_equal(diag_errors(), 0);

	v = 42;
	assert_int_equal(ydoc_want_int(y, ydoc_get(y, root, "b"), "b", 1, 100,
	    &v), -1);
	assert_said("t.yaml:2:4: error: 'b' must be a whole number from 1 to 100");
	assert_int_equal(ydoc_want_int(y, ydoc_get(y, root, "c"), "c", 1, 100,
	    &v), -1);
	assert_said("t.yaml:3:4: error: 'c' must be a whole number");
	assert_int_equal(ydoc_want_int(y, ydoc_get(y, root, "d"), "d", 1, 100,
	    &v), -1);
	assert_int_equal(ydoc_want_int(y, ydoc_get(y, root, "e"), "e", 1, 5000,
	    &v), -1);
	assert_int_equal(ydoc_want_int(y, ydoc_get(y, root, "f"), "f", 1, 100,
	    &v), -1);
	assert_int_equal(ydoc_want_int(y, ydoc_get(y, root, "g"), "g", 1,
	    100000, &v), -1);
	assert_int_equal(ydoc_want_int(y, ydoc_get(y, root, "h"), "h", 1, 100,
	    &v), -1);
	assert_said("t.yaml:8:4: error: 'h' must be a whole number");
	assert_int_equal(ydoc_want_int(y, ydoc_get(y, root, "i"), "i", 1, 100,
	    &v), -1);
	assert_int_equal(ydoc_want_int(y, ydoc_get(y, root, "j"), "j", 1, 100,
	    &v), -1);
	assert_int_equal(v, 42);
	assert_int_equal(diag_errors(), 9);
	ydoc_free(y);
}

static void
test_type_names(void **state)
{
	assert_string_equal(ydoc_type_name(Y_SCALAR), "a single value");
	assert_string_equal(ydoc_type_name(Y_SEQ), "a list");
	assert_string_equal(ydoc_type_name(Y_MAP), "a map");
	assert_string_equal(ydoc_type_name(Y_NONE), "nothing");
}

int
main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_positions_whole_file),
		T(test_positions_line0),
		T(test_columns_count_characters),
		T(test_scalar_details),
		T(test_empty_document),
		T(test_duplicate_keys),
		T(test_duplicate_keys_line0_nested),
		T(test_duplicate_keys_quoted),
		T(test_same_key_in_two_maps_is_fine),
		T(test_syntax_error_position),
		T(test_syntax_error_bad_indent),
		T(test_tab_indent_error),
		T(test_alias_bomb_bounded),
		T(test_noalias_refuses_anchors_and_aliases),
		T(test_noalias_plain_document),
		T(test_noalias_bomb_refused_fast),
		T(test_deep_flow_refused),
		T(test_flow_depth_counts_only_flow),
		T(test_deep_block_refused),
		T(test_suggest),
		T(test_check_keys_suggests),
		T(test_too_many_nodes),
		T(test_want_str),
		T(test_want_list),
		T(test_want_bool),
		T(test_want_int),
		T(test_type_names),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	sb_free(&cap);
	return rc;
}
