/*
 * test_archive.c: archive.h, the model built over a small corpus.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/util.h"
#include "text/text.h"
#include "input/config.h"
#include "content/content.h"
#include "model/archive.h"
#include "said.h"

enum { AR, EN, FR, NL };

static char *nocal[] = { NULL };
static struct language langs[NL];
static struct config cfg;
static struct text_locale *locs[NL];

static struct corpus cp;
static struct archive ar;
static int built;

static int
group_setup(void **state)
{
	static const char *code[NL] = { "ar", "en", "fr" };
	static const enum slug_policy slugs[NL] = { SLUG_UNICODE, SLUG_ASCII,
	    SLUG_ASCII };
	size_t i;

	for (i = 0; i < NL; i++) {
		char *err = NULL;

		langs[i].code = (char *)code[i];
		langs[i].name = (char *)code[i];
		langs[i].locale = (char *)code[i];
		langs[i].calendars = nocal;
		langs[i].rtl = i == AR;
		langs[i].slugs = slugs[i];
		langs[i].title = (char *)"Archive";
		locs[i] = text_locale_new(code[i], NULL, NULL, 0, &err);
		if (locs[i] == NULL)
			return -1;
	}
	cfg.source = (char *)".";
	cfg.path = (char *)"site.yaml";
	cfg.base_url = (char *)"https://example.org/";
	cfg.langs = langs;
	cfg.nlangs = NL;
	cfg.paginate = 10;
	cfg.feed_size = 50;
	return 0;
}

static int
group_teardown(void **state)
{
	size_t i;

	for (i = 0; i < NL; i++)
		text_locale_free(locs[i]);
	sb_free(&cap);
	return 0;
}

static int
setup(void **state)
{
	memset(&cp, 0, sizeof(cp));
	memset(&ar, 0, sizeof(ar));
	built = 0;
	sb_reset(&cap);
	diag_reset();
	diag_capture(&cap);
	return 0;
}

static int
teardown(void **state)
{
	diag_capture(NULL);
	if (built)
		archive_free(&ar);
	corpus_free(&cp);
	return 0;
}

/*
 * Adds an article to the corpus.  extra is more front matter, one
 * "key: value\n" per line, or "".
 */
static struct article *
add(const char *path, int lang, const char *date, const char *title,
    const char *extra)
{
	char *text = xasprintf("---\ntitle: \"%s\"\ndate: %s\n%s---\nBody.\n",
	    title, date, extra);
	struct article *a = article_parse(&cfg, path, text, strlen(text), lang);

	free(text);
	if (a == NULL)
		fail_msg("%s refused:\n%s", path, said());
	cp.arts = xreallocarray(cp.arts, cp.n + 1, sizeof(*cp.arts));
	cp.arts[cp.n++] = a;
	return a;
}

/*
 * archive_build() with a language that has no article runs into
 * qsort(NULL, 0, ...), undefined behaviour that UBSan turns into an
 * abort (see test_language_without_articles).  So that the other tests
 * still run, every language gets one old filler article: dated
 * 0001-01-01, it is the last in its language and has no entities.
 */
static int
build(void)
{
	size_t li, i;

	for (li = 0; li < NL; li++) {
		for (i = 0; i < cp.n; i++)
			if (cp.arts[i]->lang == li)
				break;
		if (i == cp.n) {
			char *path = xasprintf("%s/zz-filler.md", langs[li].code);

			add(path, (int)li, "0001-01-01", "Filler", "");
			free(path);
		}
	}
	built = 1;
	return archive_build(&cfg, NULL, &cp, locs, &ar);
}

/*
 * Builds the archive over the corpus as it is, in a child process: a
 * crash there fails the test instead of ending the whole run.
 */
static void
build_in_child(void)
{
	pid_t pid;
	int st;

	fflush(NULL);
	pid = fork();
	assert_true(pid != -1);
	if (pid == 0) {
		struct archive a;
		int rc = archive_build(&cfg, NULL, &cp, locs, &a);

		archive_free(&a);
		corpus_free(&cp);
		_exit(rc == 0 ? 0 : 1);
	}
	assert_int_equal(waitpid(pid, &st, 0), pid);
	if (!WIFEXITED(st))
		fail_msg("archive_build died of signal %d", WTERMSIG(st));
	assert_int_equal(WEXITSTATUS(st), 0);
}

/* Checks that the periods cover 0..n in order, without gap or overlap. */
static void
check_periods(const struct period *p, size_t np, size_t n)
{
	size_t i, at = 0;

	if (n == 0) {
		assert_int_equal(np, 0);
		return;
	}
	assert_true(np > 0);
	for (i = 0; i < np; i++) {
		assert_int_equal(p[i].start, at);
		assert_true(p[i].end > p[i].start);
		at = p[i].end;
	}
	assert_int_equal(at, n);
}

static void
test_order_newest_first(void **state)
{
	const struct lang_archive *la;

	add("en/c.md", EN, "2020-11-03", "Cee", "");
	add("en/b.md", EN, "2020-11-03", "Bee", "");
	add("en/old.md", EN, "2020-10-15", "Old", "");
	add("en/new.md", EN, "2021-01-01", "New", "");
	/* Written on the 4th in Riyadh, the 3rd 22:00 UTC: filed under the 4th. */
	add("en/riyadh.md", EN, "2020-11-04T01:00:00+03:00", "Riyadh", "");
	/* Written on the 3rd in New York, the 4th 04:00 UTC: the 3rd's newest. */
	add("en/ny.md", EN, "2020-11-03T23:00:00-05:00", "NY", "");
	add("fr/x.md", FR, "2022-01-01", "X", "");
	assert_int_equal(build(), 0);
	la = &ar.langs[EN];
	assert_int_equal(la->n, 6);
	assert_string_equal(la->arts[0]->path, "en/new.md");
	assert_string_equal(la->arts[1]->path, "en/riyadh.md");
	assert_string_equal(la->arts[2]->path, "en/ny.md");
	assert_string_equal(la->arts[3]->path, "en/b.md");	/* tie: by path */
	assert_string_equal(la->arts[4]->path, "en/c.md");
	assert_string_equal(la->arts[5]->path, "en/old.md");
	assert_int_equal(ar.langs[FR].n, 1);
	assert_string_equal(la->arts[3]->url, "en/2020/11/03/bee/");
	assert_string_equal(la->arts[1]->url, "en/2020/11/04/riyadh/");
	assert_string_equal(ar.langs[FR].arts[0]->url, "fr/2022/01/01/x/");
}

static void
test_order_independent_of_input(void **state)
{
	static const char *paths[] = { "en/e.md", "en/a.md", "en/d.md",
	    "en/c.md", "en/b.md" };
	const struct lang_archive *la;
	size_t i;

	for (i = 0; i < 5; i++)
		add(paths[i], EN, "2020-11-03", paths[i] + 3, "");
	assert_int_equal(build(), 0);
	la = &ar.langs[EN];
	for (i = 0; i < 5; i++) {
		char want[16];

		snprintf(want, sizeof(want), "en/%c.md", (char)('a' + i));
		assert_string_equal(la->arts[i]->path, want);
	}
}

static void
test_periods(void **state)
{
	const struct lang_archive *la;

	add("en/1.md", EN, "2021-01-01", "One", "");
	add("en/2.md", EN, "2020-11-04", "Two", "");
	add("en/3.md", EN, "2020-11-03", "Three", "");
	add("en/4.md", EN, "2020-11-03", "Four", "");
	add("en/5.md", EN, "2020-10-15", "Five", "");
	add("en/6.md", EN, "2019-12-31", "Six", "");
	add("ar/1.md", AR, "2020-11-03", "واحد", "");
	assert_int_equal(build(), 0);
	la = &ar.langs[EN];
	check_periods(la->years, la->nyears, la->n);
	check_periods(la->months, la->nmonths, la->n);
	check_periods(la->days, la->ndays, la->n);
	assert_int_equal(la->nyears, 3);
	assert_int_equal(la->years[0].y, 2021);
	assert_int_equal(la->years[0].m, 0);
	assert_int_equal(la->years[0].d, 0);
	assert_int_equal(la->years[1].y, 2020);
	assert_int_equal(la->years[1].end - la->years[1].start, 4);
	assert_int_equal(la->years[2].y, 2019);
	assert_int_equal(la->nmonths, 4);
	assert_int_equal(la->months[1].y, 2020);
	assert_int_equal(la->months[1].m, 11);
	assert_int_equal(la->months[1].d, 0);
	assert_int_equal(la->months[1].end - la->months[1].start, 3);
	assert_int_equal(la->months[2].m, 10);
	assert_int_equal(la->ndays, 5);
	assert_int_equal(la->days[2].d, 3);
	assert_int_equal(la->days[2].m, 11);
	assert_int_equal(la->days[2].end - la->days[2].start, 2);
	la = &ar.langs[AR];
	assert_int_equal(la->nyears, 1);
	assert_int_equal(la->ndays, 1);
	check_periods(la->days, la->ndays, la->n);
}

static void
test_periods_follow_the_day_as_written(void **state)
{
	const struct lang_archive *la;

	/* The instants interleave, the days as written do not. */
	add("en/a.md", EN, "2020-11-03T23:30:00-05:00", "A", "");
	add("en/b.md", EN, "2020-11-04T02:00:00+03:00", "B", "");
	add("en/c.md", EN, "2020-11-03T01:00:00Z", "C", "");
	add("en/d.md", EN, "2020-11-04T06:00:00+03:00", "D", "");
	assert_int_equal(build(), 0);
	la = &ar.langs[EN];
	assert_int_equal(la->ndays, 2);
	check_periods(la->days, la->ndays, la->n);
	assert_int_equal(la->days[0].d, 4);
	assert_int_equal(la->days[1].d, 3);
}

static void
test_newer_older(void **state)
{
	const struct lang_archive *la;
	struct article *f;
	size_t i;

	add("en/1.md", EN, "2020-01-01", "One", "");
	add("en/2.md", EN, "2020-01-02", "Two", "");
	add("en/3.md", EN, "2020-01-03", "Three", "");
	f = add("fr/1.md", FR, "2020-01-02", "Un", "");
	assert_int_equal(build(), 0);
	la = &ar.langs[EN];
	assert_null(la->arts[0]->newer);
	assert_null(la->arts[la->n - 1]->older);
	for (i = 0; i + 1 < la->n; i++) {
		assert_ptr_equal(la->arts[i]->older, la->arts[i + 1]);
		assert_ptr_equal(la->arts[i + 1]->newer, la->arts[i]);
	}
	/* Never across languages. */
	assert_null(f->newer);
	assert_null(f->older);
}

static void
test_translation_groups(void **state)
{
	struct article *en, *fr, *arb, *lone, *solo;

	en = add("en/w.md", EN, "2020-11-03", "Water", "translation_key: water\n");
	fr = add("fr/w.md", FR, "2020-11-04", "Eau", "translation_key: water\n");
	arb = add("ar/w.md", AR, "2020-11-03", "مياه", "translation_key: water\n");
	lone = add("en/l.md", EN, "2020-11-03", "Lone", "");
	solo = add("fr/s.md", FR, "2020-11-03", "Seul", "translation_key: solo\n");
	assert_int_equal(build(), 0);
	assert_non_null(en->trans);
	assert_ptr_equal(en->trans[EN], en);
	assert_ptr_equal(en->trans[FR], fr);
	assert_ptr_equal(en->trans[AR], arb);
	assert_ptr_equal(fr->trans[EN], en);
	assert_ptr_equal(fr->trans[AR], arb);
	assert_ptr_equal(arb->trans[FR], fr);
	assert_ptr_equal(arb->trans[EN], en);
	assert_null(lone->trans);
	assert_non_null(solo->trans);
	assert_ptr_equal(solo->trans[FR], solo);
	assert_null(solo->trans[EN]);
	assert_null(solo->trans[AR]);
	assert_int_equal(hmap_count(ar.groups), 2);
}

static void
test_translation_key_twice(void **state)
{
	add("en/first.md", EN, "2020-11-04", "First", "translation_key: water\n");
	add("en/second.md", EN, "2020-11-03", "Second",
	    "translation_key: water\n");
	add("fr/w.md", FR, "2020-11-03", "Eau", "translation_key: water\n");
	assert_int_equal(build(), -1);
	assert_int_equal(diag_errors(), 1);
	/* At the later one's translation_key, naming the other file. */
	assert_said("en/second.md:4:18: error: translation_key 'water'");
	assert_said("en/first.md");
}

static void
test_same_key_other_languages_fine(void **state)
{
	add("en/a.md", EN, "2020-11-04", "A", "translation_key: k\n");
	add("fr/a.md", FR, "2020-11-04", "A", "translation_key: k\n");
	add("ar/a.md", AR, "2020-11-04", "ا", "translation_key: k\n");
	assert_int_equal(build(), 0);
	assert_int_equal(diag_errors(), 0);
}

static void
test_two_articles_one_url(void **state)
{
	struct article *a, *b;

	/* An explicit slug: wins over a derived one, which gets -2. */
	a = add("en/a.md", EN, "2020-11-03", "Water", "");
	b = add("en/b.md", EN, "2020-11-03T10:00:00Z", "Other", "slug: water\n");
	assert_int_equal(build(), 0);
	assert_int_equal(diag_errors(), 0);
	assert_string_equal(b->url, "en/2020/11/03/water/");
	assert_string_equal(a->url, "en/2020/11/03/water-2/");
	assert_said("en/a.md:2:8: warning: this article and en/b.md both make "
	    "/en/2020/11/03/water/; the one with slug: keeps it and this one "
	    "is published at /en/2020/11/03/water-2/");
}

static void
test_two_explicit_slugs_one_url(void **state)
{
	add("en/a.md", EN, "2020-11-03", "A", "slug: water\n");
	add("en/b.md", EN, "2020-11-03T10:00:00Z", "B", "slug: water\n");
	assert_int_equal(build(), -1);
	assert_int_equal(diag_errors(), 1);
	/* The earlier keeps the URL; the later is reported at its slug. */
	assert_said("en/b.md:4:7: error: this article and en/a.md both claim "
	    "/en/2020/11/03/water/");
}

/* The same headlines in any input order: the same URLs. */
static void
test_derived_clash_order_independent(void **state)
{
	static const char *paths[] = { "en/c.md", "en/a.md", "en/b.md" };
	char got[2][3][64];
	int run, i, k;

	for (run = 0; run < 2; run++) {
		struct article *v[3];

		for (i = 0; i < 3; i++) {
			k = run == 0 ? i : 2 - i;
			v[k] = add(paths[k], EN, k == 0 ? "2020-11-03T08:00:00Z" :
			    "2020-11-03T09:00:00Z", "Daily bulletin", "");
		}
		/* "daily-bulletin-2" is someone's own title: skipped. */
		add("en/d.md", EN, "2020-11-03", "Daily bulletin 2", "");
		assert_int_equal(build(), 0);
		for (i = 0; i < 3; i++)
			snprintf(got[run][i], sizeof(got[run][i]), "%s",
			    v[i]->url);
		assert_int_equal(diag_warnings(), 2);
		archive_free(&ar);
		corpus_free(&cp);
		memset(&ar, 0, sizeof(ar));
		built = 0;
		diag_reset();
	}
	/* c is earliest; a before b by path at the same instant. */
	assert_string_equal(got[0][0], "en/2020/11/03/daily-bulletin/");
	assert_string_equal(got[0][1], "en/2020/11/03/daily-bulletin-3/");
	assert_string_equal(got[0][2], "en/2020/11/03/daily-bulletin-4/");
	for (i = 0; i < 3; i++)
		assert_string_equal(got[0][i], got[1][i]);
}

static void
test_alias_on_a_page_refused(void **state)
{
	add("en/a.md", EN, "2020-11-03", "Water", "");
	add("en/b.md", EN, "2020-11-04", "Other",
	    "aliases: [/en/2020/11/03/water/, \"/en/2020/\", old/x.html]\n");
	assert_int_equal(build(), -1);
	assert_int_equal(diag_errors(), 2);
	assert_said("en/b.md:4:10: error: alias /en/2020/11/03/water/ is the "
	    "URL of en/a.md");
	assert_said("alias /en/2020/ cannot be used: a year of the archive");
}

/*
 * A slug that is a name of the layout is refused at the line that gives
 * it: slug: written by hand, or the title it was derived from.
 */
static void
test_slug_reserved_refused(void **state)
{
	add("en/a.md", EN, "2020-11-03", "Page", "");
	add("en/b.md", EN, "2020-11-03", "Entities", "");
	add("en/c.md", EN, "2020-11-03", "T", "slug: index.html\n");
	add("en/d.md", EN, "2020-11-03", "T2", "slug: feed.xml\n");
	add("en/e.md", EN, "2020-11-03", "T3", "slug: sitemap.xml\n");
	add("en/f.md", EN, "2020-11-03", "T4", "slug: pages\n");
	assert_int_equal(build(), -1);
	assert_int_equal(diag_errors(), 5);
	assert_said("en/a.md:2:8: error: the slug 'page' cannot be used: that "
	    "name is reserved for pages arshif makes; set another slug:");
	assert_said("en/b.md:2:8: error: the slug 'entities' cannot be used");
	assert_said("en/c.md:4:7: error: slug 'index.html' cannot be used: "
	    "that name is reserved for pages arshif makes; use letters, "
	    "digits and '-'");
	assert_said("en/d.md:4:7: error: slug 'feed.xml' cannot be used");
	assert_said("en/e.md:4:7: error: slug 'sitemap.xml' cannot be used");
	assert_null(strstr(said(), "'pages'"));
}

/* Search, the sitemaps and robots.txt are pages of the layout too. */
static void
test_alias_on_a_layout_page_refused(void **state)
{
	add("en/a.md", EN, "2020-11-03", "Water", "aliases: [/en/search/, "
	    "/fr/search/s/, /sitemap-en-pages-1.xml, /sitemap-news.xml, "
	    "/en/tags/, /old/search/]\n");
	assert_int_equal(build(), -1);
	assert_int_equal(diag_errors(), 5);
	assert_said("en/a.md:4:10: error: alias /en/search/ cannot be used: "
	    "arshif writes the language's search page and its index there; "
	    "remove it from aliases:");
	assert_said("alias /fr/search/s/ cannot be used: arshif writes the "
	    "language's search page");
	assert_said("alias /sitemap-en-pages-1.xml cannot be used: arshif "
	    "writes a part of the sitemap there");
	assert_said("alias /sitemap-news.xml cannot be used: arshif writes "
	    "the news sitemap there");
	assert_said("alias /en/tags/ cannot be used: arshif writes a page of "
	    "the language there");
}

static void
test_alias_redirects(void **state)
{
	struct article *a;

	a = add("en/a.md", EN, "2020-11-03", "Water", "aliases: [/old/water/, "
	    "/en/2020/11/03/water/, old/water.html]\n");
	assert_int_equal(build(), 0);
	assert_said("alias /en/2020/11/03/water/ is the article's own URL; it "
	    "is ignored");
	assert_int_equal(a->naliases, 3);
	assert_non_null(a->redirects);
	assert_string_equal(a->redirects[0], "old/water/");
	assert_string_equal(a->redirects[1], "old/water.html");
	assert_null(a->redirects[2]);
}

static void
test_alias_twice_refused(void **state)
{
	add("en/a.md", EN, "2020-11-03", "A", "aliases: [/old/]\n");
	add("en/b.md", EN, "2020-11-04", "B", "aliases: [\"old\"]\n");
	assert_int_equal(build(), -1);
	/* The older article's claim is the one named. */
	assert_said("en/b.md:4:10: error: alias /old/ is also an alias of "
	    "en/a.md");
}

static void
test_atom_id_stable(void **state)
{
	struct article *a, *b;
	char *id;

	a = add("./content/ar/2019/water.md", AR, "2019-03-12", "قمة المياه",
	    "translation_key: water-2019\n");
	b = add("./content/en/x y.md", EN, "2019-03-12T09:30:00+03:00",
	    "Water", "");
	id = archive_atom_id(&cfg, a);
	assert_string_equal(id, "tag:example.org,2019-03-12:ar/water-2019");
	free(id);
	id = archive_atom_id(&cfg, b);
	assert_string_equal(id, "tag:example.org,2019-03-12:./content/en/x%20y.md");
	free(id);
	/* The title has no part in it. */
	free(a->title);
	a->title = xstrdup("Another headline");
	id = archive_atom_id(&cfg, a);
	assert_string_equal(id, "tag:example.org,2019-03-12:ar/water-2019");
	free(id);
	cfg.base_url = (char *)"https://User@Archive.Example.org:8443/news/";
	id = archive_atom_id(&cfg, a);
	assert_string_equal(id,
	    "tag:archive.example.org,2019-03-12:news/ar/water-2019");
	free(id);
	cfg.base_url = (char *)"https://example.org/";
}

static void
test_same_slug_other_day_or_language_fine(void **state)
{
	add("en/a.md", EN, "2020-11-03", "Water", "");
	add("en/b.md", EN, "2020-11-04", "Water", "");
	add("fr/a.md", FR, "2020-11-03", "Water", "");
	assert_int_equal(build(), 0);
	assert_int_equal(diag_errors(), 0);
}

static struct entity *
find_entity(const struct lang_archive *la, const char *slug)
{
	size_t i;

	for (i = 0; i < la->nents; i++)
		if (strcmp(la->ents[i]->slug, slug) == 0)
			return la->ents[i];
	return NULL;
}

static void
test_entities_merged_across_spellings(void **state)
{
	struct article *a, *b, *c;
	const struct lang_archive *la;
	struct entity *e;

	a = add("ar/a.md", AR, "2020-11-03", "أ", "entities: [أحمد, فاطمة]\n");
	b = add("ar/b.md", AR, "2020-11-04", "ب", "entities: [احمد, فاطمه]\n");
	c = add("ar/c.md", AR, "2020-11-05", "ج",
	    "entities:\n  people: [أَحْمَد, مصطفى]\n");
	assert_int_equal(build(), 0);
	la = &ar.langs[AR];
	assert_int_equal(la->nents, 3);		/* Ahmad, Fatima, Mustafa */
	assert_non_null(a->entity);
	assert_ptr_equal(a->entity[0], b->entity[0]);
	assert_ptr_equal(a->entity[0], c->entity[0]);
	assert_ptr_equal(a->entity[1], b->entity[1]);
	e = a->entity[0];
	assert_int_equal(e->n, 3);
	/* Newest first. */
	assert_ptr_equal(e->arts[0], c);
	assert_ptr_equal(e->arts[1], b);
	assert_ptr_equal(e->arts[2], a);
	assert_string_equal(e->key, "احمد");
	assert_true(strcmp(e->name, "أحمد") == 0 ||
	    strcmp(e->name, "احمد") == 0 || strcmp(e->name, "أَحْمَد") == 0);
	assert_int_equal(a->entity[1]->n, 2);
}

/*
 * archive.h: an entity's name is "as first written (in date order)":
 * the spelling of its oldest article.  Its slug comes from that name,
 * so a newer article that spells the name another way must not move
 * the entity's page to another URL.
 */
static void
test_entity_name_is_the_first_written(void **state)
{
	struct article *old;

	old = add("ar/old.md", AR, "2019-01-01", "قديم", "entities: [أحمد]\n");
	add("ar/new.md", AR, "2020-11-03", "جديد", "entities: [احمد]\n");
	assert_int_equal(build(), 0);
	assert_int_equal(ar.langs[AR].nents, 1);
	assert_string_equal(old->entity[0]->name, "أحمد");
	assert_string_equal(old->entity[0]->slug, "أحمد");
}

static void
test_entity_named_twice_counts_once(void **state)
{
	struct article *a;

	a = add("ar/a.md", AR, "2020-11-03", "أ", "entities: [أحمد, احمد]\n");
	assert_int_equal(build(), 0);
	assert_int_equal(ar.langs[AR].nents, 1);
	/* Two spellings of one entity: listed once on the article. */
	assert_int_equal(a->nentity, 1);
	assert_int_equal(a->entity[0]->n, 1);
}

static void
test_entities_per_language(void **state)
{
	add("en/a.md", EN, "2020-11-03", "A", "entities: [Paris]\n");
	add("fr/a.md", FR, "2020-11-03", "A", "entities: [Paris]\n");
	assert_int_equal(build(), 0);
	assert_int_equal(ar.langs[EN].nents, 1);
	assert_int_equal(ar.langs[FR].nents, 1);
	assert_ptr_not_equal(ar.langs[EN].ents[0], ar.langs[FR].ents[0]);
}

static void
test_entity_slug_collisions_numbered(void **state)
{
	const struct lang_archive *la;
	size_t i, k;

	/* Different names (they fold apart) with one ASCII slug. */
	add("en/a.md", EN, "2020-11-03", "A", "entities: [\"C\", \"C++\"]\n");
	add("en/b.md", EN, "2020-11-04", "B", "entities: [\"C#\", Élysée]\n");
	add("en/c.md", EN, "2020-11-05", "C", "entities: [Elysee, c]\n");
	assert_int_equal(build(), 0);
	la = &ar.langs[EN];
	assert_int_equal(la->nents, 5);
	assert_non_null(find_entity(la, "c"));
	assert_non_null(find_entity(la, "c-2"));
	assert_non_null(find_entity(la, "c-3"));
	assert_non_null(find_entity(la, "elysee"));
	assert_non_null(find_entity(la, "elysee-2"));
	for (i = 0; i < la->nents; i++)
		for (k = i + 1; k < la->nents; k++)
			assert_string_not_equal(la->ents[i]->slug,
			    la->ents[k]->slug);
}

static void
test_entity_without_letters(void **state)
{
	struct article *a;

	a = add("en/a.md", EN, "2020-11-03", "A", "entities: [Ok, \"€\"]\n");
	assert_int_equal(build(), 0);
	assert_int_equal(diag_errors(), 0);
	assert_said("en/a.md:4:16: warning: the entity name '€' has no letter "
	    "or digit; it is skipped");
	assert_int_equal(a->nentity, 1);
}

/* Group ids never repeat; letters that collate alike share a group. */
static void
test_entity_index_groups(void **state)
{
	const struct lang_archive *la;
	size_t i;
	char *id;

	add("en/a.md", EN, "2020-11-03", "A", "entities: [\"'Omar\", "
	    "Oslo, \"Östberg\", \"#hashtag\", \"1984 group\", \"✓\", "
	    "lisbon, London]\n");
	assert_int_equal(build(), 0);
	la = &ar.langs[EN];
	for (i = 0; i < la->nents; i++) {
		const struct entity *e = la->ents[i];

		if (i > 0)
			assert_true(e->group == la->ents[i - 1]->group ||
			    e->group == la->ents[i - 1]->group + 1);
		if (strcmp(e->name, "'Omar") == 0 ||
		    strcmp(e->name, "Östberg") == 0 ||
		    strcmp(e->name, "Oslo") == 0)
			assert_string_equal(e->letter, "O");
		if (strcmp(e->name, "1984 group") == 0)
			assert_string_equal(e->letter, "0\u20139");
		if (strcmp(e->name, "✓") == 0)
			assert_string_equal(e->letter, "#");
		if (strcmp(e->name, "lisbon") == 0)
			assert_string_equal(e->letter, "L");
	}
	/* One O group for 'Omar, Oslo and Östberg (English collation). */
	{
		size_t g = (size_t)-1, groups_o = 0;

		for (i = 0; i < la->nents; i++)
			if (strcmp(la->ents[i]->letter, "O") == 0 &&
			    la->ents[i]->group != g) {
				g = la->ents[i]->group;
				groups_o++;
			}
		assert_int_equal(groups_o, 1);
	}
	id = archive_group_id(la->ents[0]);
	assert_string_equal(id, "letter-1");
	free(id);
	id = archive_group_id(la->ents[la->nents - 1]);
	assert_true(strncmp(id, "letter-", 7) == 0 &&
	    strspn(id + 7, "0123456789") == strlen(id + 7));
	free(id);
}

/* Arabic names are filed without "ال". */
static void
test_entity_filing_article(void **state)
{
	static char *al[] = { (char *)"\u0627\u0644", NULL };
	const struct lang_archive *la;
	size_t i, urdun = 0, baghdad = 0, amman = 0;

	langs[AR].filing = al;
	add("ar/a.md", AR, "2020-11-03", "ا", "entities: [\"الأردن\", "
	    "\"بغداد\", \"عمّان\"]\n");
	assert_int_equal(build(), 0);
	langs[AR].filing = NULL;
	la = &ar.langs[AR];
	assert_int_equal(la->nents, 3);
	for (i = 0; i < la->nents; i++) {
		if (strcmp(la->ents[i]->name, "الأردن") == 0) {
			urdun = i;
			assert_string_equal(la->ents[i]->letter, "ا");
		} else if (strcmp(la->ents[i]->name, "بغداد") == 0)
			baghdad = i;
		else
			amman = i;
	}
	/* أردن < بغداد < عمّان: the article does not file it under ع... */
	assert_true(urdun < baghdad);
	assert_true(baghdad < amman);
}

static void
test_entity_index_collation_order(void **state)
{
	const struct lang_archive *la;

	add("fr/a.md", FR, "2020-11-03", "A",
	    "entities: [Zola, émile, Eric, abricot, Ésope]\n");
	add("ar/a.md", AR, "2020-11-03", "ا",
	    "entities: [ياسر, بيروت, أحمد, تونس, عمان]\n");
	assert_int_equal(build(), 0);
	la = &ar.langs[FR];
	assert_int_equal(la->nents, 5);
	assert_string_equal(la->ents[0]->name, "abricot");
	assert_string_equal(la->ents[1]->name, "émile");
	assert_string_equal(la->ents[2]->name, "Eric");
	assert_string_equal(la->ents[3]->name, "Ésope");
	assert_string_equal(la->ents[4]->name, "Zola");
	la = &ar.langs[AR];
	assert_int_equal(la->nents, 5);
	assert_string_equal(la->ents[0]->name, "أحمد");
	assert_string_equal(la->ents[1]->name, "بيروت");
	assert_string_equal(la->ents[2]->name, "تونس");
	assert_string_equal(la->ents[3]->name, "عمان");
	assert_string_equal(la->ents[4]->name, "ياسر");
}

static void
test_entity_types_kept(void **state)
{
	struct article *a;

	a = add("en/a.md", EN, "2020-11-03", "A",
	    "entities:\n  people: [Rania]\n  organizations: [UNESCO]\n");
	assert_int_equal(build(), 0);
	assert_string_equal(a->entity[0]->type, "people");
	assert_string_equal(a->entity[1]->type, "organisations");
	assert_string_equal(a->entity[1]->slug, "unesco");
}

/* A type whose index would be the search page or the entity index. */
static void
test_entity_type_on_a_layout_page_refused(void **state)
{
	struct article *a;

	a = add("fr/a.md", FR, "2020-11-03", "A",
	    "entities:\n  search: [Rania]\n  entities: [UNESCO]\n"
	    "  people: [Karim]\n");
	assert_int_equal(build(), -1);
	assert_int_equal(diag_errors(), 2);
	assert_said("fr/a.md:5:12: error: entity type 'search' cannot be "
	    "used: arshif writes the language's search page at /fr/search/; "
	    "choose another type");
	assert_said("entity type 'entities' cannot be used: arshif writes "
	    "the index of every entity at /fr/entities/");
	assert_int_equal(a->nentity, 1);
	assert_string_equal(a->entity[0]->type, "people");
}

/* A language may have no article yet (a new translation of the site). */
static void
test_language_without_articles(void **state)
{
	add("en/a.md", EN, "2020-11-03", "A", "entities: [Paris]\n");
	build_in_child();
}

static void
test_empty_corpus(void **state)
{
	build_in_child();
}

/* A term of taxonomy t in language li by name, or NULL. */
static const struct term *
term_named(size_t li, enum taxonomy t, const char *name)
{
	size_t i;

	for (i = 0; i < ar.langs[li].nterms[t]; i++)
		if (strcmp(ar.langs[li].terms[t][i]->name, name) == 0)
			return ar.langs[li].terms[t][i];
	return NULL;
}

static void
test_terms_newest_first_and_folded(void **state)
{
	const struct term *e;
	struct article *old, *mid, *new;

	old = add("en/a.md", EN, "2020-01-01", "Old", "tags: [Gaza, ports]\n");
	mid = add("en/b.md", EN, "2021-01-01", "Mid", "tags: [gaza]\n");
	new = add("en/c.md", EN, "2022-01-01", "New", "tags: [GAZA, Gaza]\n");
	assert_int_equal(build(), 0);
	/* One term for three spellings, named as first written. */
	assert_null(term_named(EN, TAX_TAG, "gaza"));
	e = term_named(EN, TAX_TAG, "Gaza");
	assert_non_null(e);
	assert_string_equal(e->slug, "gaza");
	assert_int_equal(e->n, 3);
	assert_ptr_equal(e->arts[0], new);
	assert_ptr_equal(e->arts[1], mid);
	assert_ptr_equal(e->arts[2], old);
	/* Named twice in one article: linked once. */
	assert_int_equal(new->nterms[TAX_TAG], 1);
	assert_int_equal(ar.langs[EN].nterms[TAX_TAG], 2);
	/* A taxonomy no article uses has no terms. */
	assert_int_equal(ar.langs[EN].nterms[TAX_SECTION], 0);
	assert_int_equal(ar.langs[FR].nterms[TAX_TAG], 0);
}

static void
test_terms_collation_order(void **state)
{
	add("fr/a.md", FR, "2020-01-01", "A", "tags: [zèbre, Église, eau]\n");
	assert_int_equal(build(), 0);
	assert_int_equal(ar.langs[FR].nterms[TAX_TAG], 3);
	/* French collation: accents and case second, so Église between eau and zèbre. */
	assert_string_equal(ar.langs[FR].terms[TAX_TAG][0]->name, "eau");
	assert_string_equal(ar.langs[FR].terms[TAX_TAG][1]->name, "Église");
	assert_string_equal(ar.langs[FR].terms[TAX_TAG][2]->name, "zèbre");
	assert_int_equal(ar.langs[FR].terms[TAX_TAG][2]->idx, 2);
}

static void
test_section_forms_and_first_of_list(void **state)
{
	struct article *a, *b;

	a = add("en/a.md", EN, "2020-01-01", "A", "categories: [Economy, Sport]\n");
	b = add("en/b.md", EN, "2020-01-02", "B", "category: economy\n");
	assert_said("'Economy' is used and the 1 other of 'categories' ignored");
	assert_string_equal(a->section, "Economy");
	assert_string_equal(b->section, "economy");
	assert_int_equal(build(), 0);
	assert_int_equal(ar.langs[EN].nterms[TAX_SECTION], 1);
	assert_ptr_equal(a->terms[TAX_SECTION][0], b->terms[TAX_SECTION][0]);
}

static void
test_sections_map_links_languages(void **state)
{
	struct section_def sd;
	char *names[NL] = { (char *)"اقتصاد", (char *)"Economy",
	    (char *)"Économie" };
	const struct term *ea, *ee, *ef;

	sd.key = (char *)"economy";
	sd.name = names;
	cfg.sections = &sd;
	cfg.nsections = 1;
	add("ar/a.md", AR, "2020-01-01", "أ", "section: اقتصاد\n");
	add("en/a.md", EN, "2020-01-01", "A", "section: economy\n");
	add("fr/a.md", FR, "2020-01-01", "A", "section: ÉCONOMIE\n");
	assert_int_equal(build(), 0);
	cfg.sections = NULL;
	cfg.nsections = 0;
	ea = term_named(AR, TAX_SECTION, "اقتصاد");
	ee = term_named(EN, TAX_SECTION, "Economy");
	ef = term_named(FR, TAX_SECTION, "Économie");
	assert_non_null(ea);
	assert_non_null(ee);
	assert_non_null(ef);
	assert_ptr_equal(ea->same, ee->same);
	assert_ptr_equal(ee->same, ef->same);
	assert_ptr_equal(ee->same[AR], ea);
	assert_ptr_equal(ee->same[FR], ef);
	assert_string_equal(ee->slug, "economy");
}

static void
test_authors_list_and_byline(void **state)
{
	struct article *a;
	const struct term *e;

	a = add("en/a.md", EN, "2020-01-01", "A",
	    "author: [\"Dana Weiss\", \" Ana  Lima \"]\n");
	add("fr/a.md", FR, "2020-01-01", "A", "author: Dana Weiss\n");
	assert_int_equal(a->nauthors, 2);
	assert_string_equal(a->authors[1], "Ana Lima");
	assert_string_equal(a->author, "Dana Weiss, Ana Lima");
	assert_int_equal(build(), 0);
	assert_int_equal(a->nterms[TAX_AUTHOR], 2);
	/* The same name in two languages: one author. */
	e = term_named(EN, TAX_AUTHOR, "Dana Weiss");
	assert_non_null(e);
	assert_non_null(e->same[FR]);
	assert_null(e->same[AR]);
	assert_string_equal(e->same[FR]->slug, "dana-weiss");
}

static void
test_term_without_letters(void **state)
{
	struct article *a;

	a = add("en/a.md", EN, "2020-01-01", "A", "tags: [\"€\", rail]\n");
	assert_int_equal(build(), 0);
	assert_said("the tag '€' has no letter or digit");
	assert_int_equal(a->nterms[TAX_TAG], 1);
	assert_string_equal(a->terms[TAX_TAG][0]->name, "rail");
}

int
main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_order_newest_first),
		T(test_terms_newest_first_and_folded),
		T(test_terms_collation_order),
		T(test_section_forms_and_first_of_list),
		T(test_sections_map_links_languages),
		T(test_authors_list_and_byline),
		T(test_term_without_letters),
		T(test_order_independent_of_input),
		T(test_periods),
		T(test_periods_follow_the_day_as_written),
		T(test_newer_older),
		T(test_translation_groups),
		T(test_translation_key_twice),
		T(test_same_key_other_languages_fine),
		T(test_two_articles_one_url),
		T(test_two_explicit_slugs_one_url),
		T(test_derived_clash_order_independent),
		T(test_alias_on_a_page_refused),
		T(test_alias_on_a_layout_page_refused),
		T(test_slug_reserved_refused),
		T(test_alias_redirects),
		T(test_alias_twice_refused),
		T(test_atom_id_stable),
		T(test_same_slug_other_day_or_language_fine),
		T(test_entities_merged_across_spellings),
		T(test_entity_name_is_the_first_written),
		T(test_entity_named_twice_counts_once),
		T(test_entities_per_language),
		T(test_entity_slug_collisions_numbered),
		T(test_entity_without_letters),
		T(test_entity_index_groups),
		T(test_entity_filing_article),
		T(test_entity_index_collation_order),
		T(test_entity_types_kept),
		T(test_entity_type_on_a_layout_page_refused),
		T(test_language_without_articles),
		T(test_empty_corpus),
	};
	int rc = cmocka_run_group_tests(tests, group_setup, group_teardown);

	text_cleanup();
	return rc;
}
