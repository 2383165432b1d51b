/*
 * test_output.c: output.h, writing a site so that it is never half there.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/util.h"
#include "output/output.h"
#include "said.h"

static char *tmp;		/* a fresh folder per test */

static int
setup(void **state)
{
	char t[] = "/tmp/arshif-output-XXXXXX";

	if (mkdtemp(t) == NULL)
		return -1;
	tmp = xstrdup(t);
	sb_reset(&cap);
	diag_reset();
	diag_capture(&cap);
	return 0;
}

static int
teardown(void **state)
{
	diag_capture(NULL);
	rm_rf(tmp);
	free(tmp);
	tmp = NULL;
	return 0;
}

/* tmp/rel, in a static buffer (one at a time). */
static const char *
at(const char *rel)
{
	static char buf[4][512];
	static int k;

	k = (k + 1) % 4;
	snprintf(buf[k], sizeof(buf[k]), "%s/%s", tmp, rel);
	return buf[k];
}

static int
exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

static void
put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static char *
slurp(const char *path)
{
	char *s = file_read(path, 1 << 20, NULL);

	if (s == NULL)
		fail_msg("cannot read %s", path);
	return s;
}

/* The file at path holds text. */
static void
assert_file(const char *path, const char *text)
{
	char *s = slurp(path);

	assert_string_equal(s, text);
	free(s);
}

/* ------------------------------------------------------------ rel_ok */

static void
test_rel_ok_table(void **state)
{
	static const struct { const char *rel; int ok; } t[] = {
		{ "a/b.html", 1 },
		{ "index.html", 1 },
		{ "ar/2020/11/03/مياه/index.html", 1 },
		{ ".arshif-output", 1 },	/* a dot file is not "." */
		{ "a/..b/c", 1 },
		{ "a/b..", 1 },
		{ "...", 1 },
		{ "", 0 },
		{ "/abs", 0 },
		{ "/", 0 },
		{ "../x", 0 },
		{ "..", 0 },
		{ ".", 0 },
		{ "a/../b", 0 },
		{ "a/..", 0 },
		{ "a//b", 0 },
		{ "./a", 0 },
		{ "a/./b", 0 },
		{ "a/.", 0 },
		{ "a\\b", 0 },
		{ "..\\x", 0 },
		{ "a\nb", 0 },
		{ "a\tb", 0 },
		{ "a\x01" "b", 0 },
		{ "a\x1f", 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (output_rel_ok(t[i].rel) != t[i].ok)
			fail_msg("output_rel_ok(\"%s\") != %d", t[i].rel,
			    t[i].ok);
}

/* DEL (0x7f) is a control character like those below 0x20. */
static void
test_rel_ok_del(void **state)
{
	assert_int_equal(output_rel_ok("a\x7f" "b"), 0);
}

/* ------------------------------------------------- begin/write/commit */

/* A 16-byte signature made of one repeated byte. */
static const unsigned char *
sig(int c)
{
	static unsigned char b[8][OUTPUT_SIG_LEN];
	static int k;

	k = (k + 1) % 8;
	memset(b[k], c, OUTPUT_SIG_LEN);
	return b[k];
}

static ino_t
inode(const char *path)
{
	struct stat st;

	assert_int_equal(stat(path, &st), 0);
	return st.st_ino;
}

static void
test_commit_makes_the_site(void **state)
{
	struct output *o = output_begin(at("public"), 0);
	struct output_stats st;
	char *s;

	assert_non_null(o);
	assert_int_equal(output_write(o, "index.html", "<p>home</p>", 11,
	    sig(1)), 0);
	assert_int_equal(output_write(o, "ar/2020/11/03/مياه/index.html",
	    "x", 1, sig(2)), 0);
	assert_int_equal(output_write(o, "empty.txt", "", 0, NULL), 0);
	assert_int_equal(output_count(o), 3);
	/* Nothing at the output before the commit. */
	assert_false(exists(at("public")));
	assert_true(exists(at(".public.arshif-gen/index.html")));
	assert_int_equal(output_commit(o, &st), 0);
	assert_int_equal(st.written, 3 + 1);	/* and the mark */
	assert_true(is_dir(at("public")));
	s = slurp(at("public/index.html"));
	assert_string_equal(s, "<p>home</p>");
	free(s);
	assert_true(exists(at("public/ar/2020/11/03/مياه/index.html")));
	assert_true(exists(at("public/empty.txt")));
	assert_true(exists(at("public/" OUTPUT_MARK)));
	/* The staging folder became the site; the state stays beside it. */
	assert_false(exists(at(".public.arshif-gen")));
	assert_true(is_dir(at(".public.arshif-state")));
	assert_int_equal(diag_errors(), 0);
}

static void
test_commit_replaces_previous(void **state)
{
	struct output *o;
	char *s;

	assert_int_equal(mkdir_p(at("public/old")), 0);
	put(at("public/old/page.html"), "old");
	put(at("public/index.html"), "old home");
	put(at("public/" OUTPUT_MARK), "");
	o = output_begin(at("public/"), 0);	/* a trailing slash is fine */
	assert_non_null(o);
	assert_int_equal(output_write(o, "index.html", "new home", 8, sig(1)),
	    0);
	/* Until the commit, the old site is all there. */
	s = slurp(at("public/index.html"));
	assert_string_equal(s, "old home");
	free(s);
	assert_int_equal(output_commit(o, NULL), 0);
	s = slurp(at("public/index.html"));
	assert_string_equal(s, "new home");
	free(s);
	assert_false(exists(at("public/old")));
	/* The previous site is the next build's staging folder, not deleted inline. */
	assert_true(exists(at(".public.arshif-gen/old/page.html")));
}

/* One build: the files of t (rel, content, sig byte), then commit. */
struct file { const char *rel, *text; int sig; };

static struct output_stats
build(const struct file *t, size_t n)
{
	struct output *o = output_begin(at("public"), 0);
	struct output_stats st;
	size_t i;

	assert_non_null(o);
	for (i = 0; i < n; i++)
		if (!output_keep(o, t[i].rel, sig(t[i].sig)))
			assert_int_equal(output_write(o, t[i].rel, t[i].text,
			    strlen(t[i].text), sig(t[i].sig)), 0);
	assert_int_equal(output_commit(o, &st), 0);
	return st;
}

static void
test_unchanged_files_keep_inode_and_mtime(void **state)
{
	const struct file g1[] = { { "a/index.html", "A", 1 },
	    { "b/index.html", "B", 2 } };
	const struct file g2[] = { { "a/index.html", "A", 1 },
	    { "b/index.html", "B2", 3 } };
	struct output_stats st;
	ino_t a;

	st = build(g1, 2);
	assert_int_equal(st.written, 2 + 1);	/* and the mark */
	a = inode(at("public/a/index.html"));
	/* Same inputs again: nothing written, the live site not even swapped. */
	st = build(g1, 2);
	assert_int_equal(st.written, 0);
	assert_int_equal(st.unchanged, 1);
	assert_int_equal(inode(at("public/a/index.html")), a);
	/* One file changes: only it is written; the other is the same file. */
	st = build(g2, 2);
	assert_int_equal(st.written, 1);
	assert_int_equal(inode(at("public/a/index.html")), a);
	assert_file(at("public/b/index.html"), "B2");
	/* And the generation after: the staging folder catches up by links. */
	st = build(g2, 2);
	assert_int_equal(st.written, 0);
	assert_int_equal(inode(at("public/a/index.html")), a);
	assert_int_equal(inode(at(".public.arshif-gen/b/index.html")),
	    inode(at("public/b/index.html")));
}

static void
test_same_bytes_new_inputs_keep_the_file(void **state)
{
	const struct file g1[] = { { "a/index.html", "A", 1 } };
	const struct file g2[] = { { "a/index.html", "A", 9 } };
	ino_t a;

	build(g1, 1);
	a = inode(at("public/a/index.html"));
	/* Other inputs, the very same bytes: the file and its mtime stay. */
	assert_int_equal(build(g2, 1).written, 0);
	assert_int_equal(inode(at("public/a/index.html")), a);
}

static void
test_unplanned_files_and_folders_go(void **state)
{
	const struct file g1[] = { { "x/y/index.html", "X", 1 },
	    { "k/index.html", "K", 2 } };
	const struct file g2[] = { { "k/index.html", "K", 2 } };
	struct output_stats st;

	build(g1, 2);
	build(g1, 2);	/* both folders hold x/y now */
	st = build(g2, 1);
	assert_int_equal(st.removed, 1);
	assert_false(exists(at("public/x")));	/* its empty folders too */
	st = build(g2, 1);
	assert_false(exists(at(".public.arshif-gen/x")));
	assert_true(exists(at("public/k/index.html")));
}

static void
test_corrupt_manifest_trusts_nothing(void **state)
{
	const struct file g1[] = { { "a/index.html", "A", 1 } };
	const struct file g2[] = { { "a/index.html", "A", 1 },
	    { "b/index.html", "B", 2 } };
	DIR *d;
	struct dirent *de;
	struct output_stats st;

	build(g1, 1);
	build(g2, 2);	/* now the staging folder is g1's, with a manifest */
	d = opendir(at(".public.arshif-state"));
	assert_non_null(d);
	while ((de = readdir(d)) != NULL)
		if (has_suffix(de->d_name, ".manifest")) {
			char *p = path_join(at(".public.arshif-state"),
			    de->d_name);

			put(p, "arshif-manifest 1\ngarbage");
			free(p);
		}
	closedir(d);
	st = build(g2, 2);
	/* Nothing trusted: every file written again, the output still right. */
	assert_int_equal(st.written, 2 + 1);
	assert_file(at("public/b/index.html"), "B");
}

static void
test_killed_build_recovers(void **state)
{
	const struct file g1[] = { { "a/index.html", "A", 1 },
	    { "b/index.html", "B", 2 } };
	const struct file g2[] = { { "a/index.html", "A", 1 } };
	pid_t pid;
	int status;

	build(g1, 2);
	build(g1, 2);
	/* A build that dies halfway through writing the staging folder. */
	if ((pid = fork()) == 0) {
		struct output *o = output_begin(at("public"), 0);

		output_write(o, "b/index.html", "half", 4, sig(7));
		output_write(o, "c/index.html", "stray", 5, sig(8));
		_exit(0);
	}
	assert_true(pid > 0);
	waitpid(pid, &status, 0);
	assert_file(at("public/b/index.html"), "B");
	build(g2, 1);
	build(g2, 1);
	/* Neither folder holds anything the killed build left. */
	assert_false(exists(at("public/c")));
	assert_false(exists(at("public/b")));
	assert_false(exists(at(".public.arshif-gen/c")));
	assert_false(exists(at(".public.arshif-gen/b")));
}

static void
test_files_put_by_hand_go(void **state)
{
	const struct file g[] = { { "a/index.html", "A", 1 } };

	build(g, 1);
	build(g, 1);
	put(at("public/stray.html"), "by hand");
	assert_int_equal(mkdir_p(at("public/a/extra")), 0);
	put(at("public/a/extra/x.html"), "by hand");
	build(g, 1);	/* the hand-edited folder becomes the stage */
	assert_false(exists(at("public/stray.html")));
	build(g, 1);	/* and is cleaned on its way back */
	assert_false(exists(at("public/stray.html")));
	assert_false(exists(at("public/a/extra")));
	assert_false(exists(at(".public.arshif-gen/stray.html")));
	assert_file(at("public/a/index.html"), "A");
}

static void
test_second_write_fails(void **state)
{
	struct output *o = output_begin(at("public"), 0);
	char *s;

	assert_non_null(o);
	assert_int_equal(output_write(o, "a/index.html", "first", 5, sig(1)),
	    0);
	assert_int_equal(output_write(o, "a/index.html", "second", 6, sig(2)),
	    -1);
	assert_int_equal(diag_errors(), 1);
	assert_said("a/index.html: error: two pages claim this path");
	assert_int_equal(output_count(o), 1);
	assert_int_equal(output_commit(o, NULL), 0);
	s = slurp(at("public/a/index.html"));
	assert_string_equal(s, "first");	/* the first stays */
	free(s);
}

static void
test_write_bad_rel_refused(void **state)
{
	struct output *o = output_begin(at("public"), 0);

	assert_non_null(o);
	assert_int_equal(output_write(o, "../escape.html", "x", 1, NULL), -1);
	assert_int_equal(output_write(o, "/abs.html", "x", 1, NULL), -1);
	assert_int_equal(output_write(o, "a/../../b.html", "x", 1, NULL), -1);
	assert_int_equal(output_keep(o, "../escape.html", sig(1)), 0);
	assert_int_equal(diag_errors(), 3);
	assert_said("refusing to write outside the output folder");
	output_abort(o);
	assert_false(exists(at("escape.html")));
	assert_false(exists(at("b.html")));
	assert_false(exists("/abs.html"));
}

static void
test_abort_leaves_previous(void **state)
{
	struct output *o;
	char *s;

	assert_int_equal(mkdir_p(at("public")), 0);
	put(at("public/index.html"), "old home");
	put(at("public/" OUTPUT_MARK), "");
	o = output_begin(at("public"), 0);
	assert_non_null(o);
	assert_int_equal(output_write(o, "index.html", "new", 3, sig(1)), 0);
	assert_int_equal(output_write(o, "new.html", "new", 3, sig(2)), 0);
	output_abort(o);
	s = slurp(at("public/index.html"));
	assert_string_equal(s, "old home");
	free(s);
	assert_false(exists(at("public/new.html")));
}

static void
test_abort_without_previous(void **state)
{
	struct output *o = output_begin(at("public"), 0);

	assert_non_null(o);
	assert_int_equal(output_write(o, "index.html", "x", 1, sig(1)), 0);
	output_abort(o);
	assert_false(exists(at("public")));
	output_abort(NULL);	/* harmless */
}

static void
test_begin_makes_parents(void **state)
{
	struct output *o = output_begin(at("deep/er/public"), 0);

	assert_non_null(o);
	assert_int_equal(output_commit(o, NULL), 0);
	assert_true(is_dir(at("deep/er/public")));
}

static void
test_copy_tree(void **state)
{
	struct output *o;
	char *s;

	assert_int_equal(mkdir_p(at("static/css")), 0);
	put(at("static/css/site.css"), "body{}");
	put(at("static/robots.txt"), "User-agent: *");
	put(at("static/.secret"), "no");
	o = output_begin(at("public"), 0);
	assert_non_null(o);
	assert_int_equal(output_copy_tree(o, at("static"), "static"), 0);
	assert_int_equal(output_count(o), 2);
	assert_int_equal(output_commit(o, NULL), 0);
	s = slurp(at("public/css/site.css"));
	assert_string_equal(s, "body{}");
	free(s);
	assert_true(exists(at("public/robots.txt")));
	assert_false(exists(at("public/.secret")));
}

/* -------------------------------------------------------------- check */

static void
make_source(void)
{
	assert_int_equal(mkdir_p(at("site/content/ar")), 0);
	assert_int_equal(mkdir_p(at("site/templates")), 0);
	assert_int_equal(mkdir_p(at("site/static")), 0);
	put(at("site/site.yaml"), "title: x\n");
}

static void
test_check_fresh_folder_ok(void **state)
{
	make_source();
	assert_int_equal(output_check(at("site/public"), at("site"), 0), 0);
	assert_int_equal(output_check(at("public"), at("site"), 0), 0);
	assert_int_equal(mkdir_p(at("empty")), 0);
	assert_int_equal(output_check(at("empty"), at("site"), 0), 0);
	assert_int_equal(diag_errors(), 0);
}

static void
test_check_refuses_root(void **state)
{
	make_source();
	assert_int_equal(output_check("/", at("site"), 1), -1);
	assert_said("refusing to use / as the output folder");
	assert_int_equal(output_check("/tmp/..", at("site"), 1), -1);
}

static void
test_check_refuses_home(void **state)
{
	char *old = getenv("HOME") ? xstrdup(getenv("HOME")) : NULL;
	int rc, rc2;

	make_source();
	assert_int_equal(mkdir_p(at("home/me")), 0);
	setenv("HOME", at("home/me"), 1);
	rc = output_check(at("home/me"), at("site"), 1);
	rc2 = output_check(at("home/me/"), at("site"), 1);
	if (old) {
		setenv("HOME", old, 1);
		free(old);
	} else
		unsetenv("HOME");
	assert_int_equal(rc, -1);
	assert_int_equal(rc2, -1);
	assert_said("refusing to use the home folder");
}

static void
test_check_refuses_source(void **state)
{
	make_source();
	assert_int_equal(output_check(at("site"), at("site"), 1), -1);
	assert_said("the output folder is the source folder or holds it");
	sb_reset(&cap);
	assert_int_equal(output_check(at("site/"), at("site"), 1), -1);
	assert_int_equal(output_check(at("site/."), at("site"), 1), -1);
}

static void
test_check_refuses_parent_of_source(void **state)
{
	make_source();
	assert_int_equal(output_check(tmp, at("site"), 1), -1);
	assert_said("the output folder is the source folder or holds it");
	assert_int_equal(output_check("/tmp", at("site"), 1), -1);
}

static void
test_check_relative_paths(void **state)
{
	char *cwd = getcwd(NULL, 0);
	int rc1, rc2, rc3;

	make_source();
	assert_int_equal(chdir(at("site")), 0);
	rc1 = output_check(".", ".", 1);
	rc2 = output_check("..", ".", 1);
	rc3 = output_check("public", ".", 0);
	assert_int_equal(chdir(cwd), 0);
	free(cwd);
	assert_int_equal(rc1, -1);
	assert_int_equal(rc2, -1);
	assert_int_equal(rc3, 0);
}

static void
test_check_refuses_inside_source_folders(void **state)
{
	make_source();
	assert_int_equal(output_check(at("site/content"), at("site"), 1), -1);
	assert_said("inside the source's content/ folder");
	assert_int_equal(output_check(at("site/content/out"), at("site"), 1),
	    -1);
	assert_int_equal(output_check(at("site/content/ar/out"), at("site"),
	    1), -1);
	assert_int_equal(output_check(at("site/templates/x"), at("site"), 1),
	    -1);
	assert_said("inside the source's templates/ folder");
	assert_int_equal(output_check(at("site/static"), at("site"), 1), -1);
	assert_said("inside the source's static/ folder");
	/* A name that only starts like content is fine. */
	assert_int_equal(output_check(at("site/content2"), at("site"), 0), 0);
}

static void
test_check_follows_symlinks(void **state)
{
	make_source();
	assert_int_equal(symlink(at("site"), at("alias")), 0);
	assert_int_equal(symlink(at("site/content"), at("c")), 0);
	assert_int_equal(output_check(at("alias"), at("site"), 1), -1);
	assert_int_equal(output_check(at("c/out"), at("site"), 1), -1);
	assert_said("inside the source's content/ folder");
	assert_int_equal(output_check(at("alias/static/x"), at("site"), 1), -1);
}

static void
test_check_non_empty_unmarked(void **state)
{
	make_source();
	assert_int_equal(mkdir_p(at("docs")), 0);
	put(at("docs/thesis.tex"), "precious");
	assert_int_equal(output_check(at("docs"), at("site"), 0), -1);
	assert_said("the folder exists and was not made by arshif");
	/* clean set: the user asked for it. */
	assert_int_equal(output_check(at("docs"), at("site"), 1), 0);
	/* The mark makes it ours. */
	put(at("docs/" OUTPUT_MARK), "");
	assert_int_equal(output_check(at("docs"), at("site"), 0), 0);
}

static void
test_check_hidden_file_counts(void **state)
{
	/* A folder with only a dot file is not empty. */
	make_source();
	assert_int_equal(mkdir_p(at("out")), 0);
	put(at("out/.git"), "x");
	assert_int_equal(output_check(at("out"), at("site"), 0), -1);
}

static void
test_check_output_of_a_build_ok(void **state)
{
	struct output *o;

	make_source();
	o = output_begin(at("public"), 0);
	assert_non_null(o);
	assert_int_equal(output_write(o, "index.html", "x", 1, NULL), 0);
	assert_int_equal(output_commit(o, NULL), 0);
	assert_int_equal(output_check(at("public"), at("site"), 0), 0);
	assert_int_equal(diag_errors(), 0);
}

static void
test_check_a_file_refused(void **state)
{
	make_source();
	put(at("file"), "x");
	assert_int_equal(output_check(at("file"), at("site"), 1), -1);
}

int
main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_rel_ok_table),
		T(test_rel_ok_del),
		T(test_commit_makes_the_site),
		T(test_commit_replaces_previous),
		T(test_unchanged_files_keep_inode_and_mtime),
		T(test_same_bytes_new_inputs_keep_the_file),
		T(test_unplanned_files_and_folders_go),
		T(test_corrupt_manifest_trusts_nothing),
		T(test_killed_build_recovers),
		T(test_files_put_by_hand_go),
		T(test_second_write_fails),
		T(test_write_bad_rel_refused),
		T(test_abort_leaves_previous),
		T(test_abort_without_previous),
		T(test_begin_makes_parents),
		T(test_copy_tree),
		T(test_check_fresh_folder_ok),
		T(test_check_refuses_root),
		T(test_check_refuses_home),
		T(test_check_refuses_source),
		T(test_check_refuses_parent_of_source),
		T(test_check_relative_paths),
		T(test_check_refuses_inside_source_folders),
		T(test_check_follows_symlinks),
		T(test_check_non_empty_unmarked),
		T(test_check_hidden_file_counts),
		T(test_check_output_of_a_build_ok),
		T(test_check_a_file_refused),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	sb_free(&cap);
	return rc;
}
