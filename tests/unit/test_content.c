/*
 * test_content.c: content.h, one article parsed from memory.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/util.h"
#include "text/text.h"
#include "input/config.h"
#include "content/content.h"
#include "site/links.h"
#include "said.h"

/* A site in four languages, made by hand (no site.yaml). */
static char *nocal[] = { NULL };
static struct language langs[4];
static struct config cfg;

static void
init_cfg(void)
{
	static const struct { const char *code, *name; int rtl;
	    enum slug_policy slugs; } l[4] = {
		{ "ar", "العربية", 1, SLUG_UNICODE },
		{ "en", "English", 0, SLUG_ASCII },
		{ "fr", "Français", 0, SLUG_ASCII },
		{ "fa", "فارسی", 1, SLUG_UNICODE },
	};
	size_t i;

	memset(langs, 0, sizeof(langs));
	for (i = 0; i < 4; i++) {
		langs[i].code = (char *)l[i].code;
		langs[i].name = (char *)l[i].name;
		langs[i].locale = (char *)l[i].code;
		langs[i].calendars = nocal;
		langs[i].rtl = l[i].rtl;
		langs[i].slugs = l[i].slugs;
		langs[i].title = (char *)"Archive";
	}
	memset(&cfg, 0, sizeof(cfg));
	cfg.source = (char *)".";
	cfg.path = (char *)"site.yaml";
	cfg.base_url = (char *)"https://example.org/";
	cfg.langs = langs;
	cfg.nlangs = 4;
	cfg.deflang = 0;
	cfg.paginate = 10;
	cfg.feed_size = 50;
}


static int
setup(void **state)
{
	init_cfg();
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

static struct article *
parse(const char *text, int lang)
{
	return article_parse(&cfg, "t.md", text, strlen(text), lang);
}

/* Parses text, which must be accepted without any diagnostic. */
static struct article *
good(const char *text, int lang)
{
	struct article *a = parse(text, lang);

	if (a == NULL || diag_errors() != 0)
		fail_msg("refused:\n%s\ndiagnostics:\n%s", text, said());
	return a;
}

/* Parses text, which must be refused; the diagnostics hold want. */
static void
refused(const char *text, int lang, const char *want)
{
	struct article *a = parse(text, lang);

	if (a != NULL) {
		article_free(a);
		fail_msg("accepted:\n%s", text);
	}
	assert_true(diag_errors() > 0);
	assert_said(want);
}

#define FM(body) "---\ntitle: Hello World\ndate: 2020-11-03\n---\n" body

/* ------------------------------------------------------------- basics */

static void
test_minimal_article(void **state)
{
	struct article *a = good(FM("Body text here.\n"), 1);

	assert_string_equal(a->path, "t.md");
	assert_string_equal(a->title, "Hello World");
	assert_int_equal(a->date.y, 2020);
	assert_int_equal(a->date.m, 11);
	assert_int_equal(a->date.d, 3);
	assert_int_equal(a->has_updated, 0);
	assert_int_equal(a->lang, 1);
	assert_string_equal(a->slug, "hello-world");
	assert_string_equal(a->summary, "Body text here.");
	assert_string_equal(a->html, "<p>Body text here.</p>\n");
	assert_non_null(strstr(a->text, "Body text here."));
	assert_null(a->author);
	assert_null(a->tkey);
	assert_int_equal(a->draft, 0);
	assert_int_equal(a->ntags, 0);
	assert_int_equal(a->nents, 0);
	assert_non_null(a->extra);
	assert_null(a->extra[0]);
	article_free(a);
}

static void
test_all_known_keys(void **state)
{
	struct article *a = good("---\ntitle: T\ndate: 2020-11-03T09:30:00+03:00\n"
	    "updated: 2020-11-04\nauthor: Rania\ntranslation_key: water-2020\n"
	    "draft: true\nsummary: \"  Given   summary \"\n---\nBody.\n", 1);

	assert_int_equal(a->date.has_offset, 1);
	assert_int_equal(a->date.offset_min, 180);
	assert_int_equal(a->has_updated, 1);
	assert_int_equal(a->updated.d, 4);
	assert_string_equal(a->author, "Rania");
	assert_string_equal(a->tkey, "water-2020");
	assert_int_equal(a->tkey_line, 6);
	assert_int_equal(a->tkey_col, 18);
	assert_int_equal(a->draft, 1);
	assert_string_equal(a->summary, "Given summary");
	article_free(a);
}

static void
test_front_matter_closed_by_dots(void **state)
{
	struct article *a = good("--- \ntitle: T\ndate: 2020-11-03\n...\nBody.\n",
	    1);

	assert_string_equal(a->title, "T");
	article_free(a);
}

static void
test_title_required(void **state)
{
	refused("---\ndate: 2020-11-03\n---\nBody\n", 1,
	    "t.md:2:1: error: no 'title'");
}

static void
test_date_required(void **state)
{
	refused("---\ntitle: T\n---\nBody\n", 1, "t.md:2:1: error: no 'date'");
}

static void
test_every_error_reported(void **state)
{
	refused("---\nauthor: x\ndraft: maybe\n---\nBody\n", 1, "no 'title'");
	assert_said("no 'date'");
	assert_said("t.md:3:8: error: 'draft' must be true or false");
	assert_int_equal(diag_errors(), 3);
}

static void
test_empty_title(void **state)
{
	refused("---\ntitle: \"   \"\ndate: 2020-11-03\n---\n", 1,
	    "t.md:2:8: error: 'title' is empty");
}

static void
test_bad_date_position(void **state)
{
	/* The column is the column of the wrong part of the date. */
	refused("---\ntitle: T\ndate: 2020-13-01\n---\n", 1,
	    "t.md:3:12: error: bad date '2020-13-01'");
	sb_reset(&cap);
	refused("---\ntitle: T\ndate: \"2020-11-31\"\n---\n", 1,
	    "t.md:3:16: error: bad date '2020-11-31'");
	sb_reset(&cap);
	refused("---\ntitle: T\ndate: 2020-11-03\nupdated: 3 Nov\n---\n", 1,
	    "error: bad updated '3 Nov'");
	assert_true(strstr(said(), "t.md:4:10: error:") != NULL ||
	    strstr(said(), "t.md:4:11: error:") != NULL);
	sb_reset(&cap);
	refused("---\ntitle: T\ndate: [2020]\n---\n", 1,
	    "t.md:3:7: error: 'date' must be a date");
}

static void
test_wrong_types(void **state)
{
	refused("---\ntitle: [a, b]\ndate: 2020-11-03\n---\n", 1,
	    "t.md:2:8: error: 'title' must be a text value, not a list");
	sb_reset(&cap);
	refused("---\ntitle: {a: b}\ndate: 2020-11-03\n---\n", 1,
	    "t.md:2:8: error: 'title' must be a text value, not a map");
	sb_reset(&cap);
	/* A list of authors is fine (test_archive.c), a map is not. */
	refused("---\ntitle: T\ndate: 2020-11-03\nauthor: {a: b}\n---\n", 1,
	    "t.md:4:9: error: 'author' must be a list, not a map");
	sb_reset(&cap);
	refused("---\ntitle: T\ndate: 2020-11-03\ntags: {a: 1}\n---\n", 1,
	    "t.md:4:7: error: 'tags' must be a list");
}

/* ---------------------------------------------------------- language */

static void
test_lang_from_folder(void **state)
{
	struct article *a = good(FM("x\n"), 2);

	assert_int_equal(a->lang, 2);
	assert_string_equal(a->slug, "hello-world");
	article_free(a);
	a = good(FM("x\n"), -1);	/* no folder: the default language */
	assert_int_equal(a->lang, 0);
	article_free(a);
	cfg.deflang = 3;
	a = good(FM("x\n"), -1);
	assert_int_equal(a->lang, 3);
	article_free(a);
}

static void
test_lang_front_matter_wins(void **state)
{
	struct article *a = good("---\ntitle: Été\ndate: 2020-11-03\nlang: fr\n"
	    "---\nx\n", 1);

	assert_int_equal(a->lang, 2);
	assert_string_equal(a->slug, "ete");	/* French: ASCII slugs */
	article_free(a);
	a = good("---\ntitle: T\ndate: 2020-11-03\nlang: ar\n---\nx\n", -1);
	assert_int_equal(a->lang, 0);
	article_free(a);
}

static void
test_lang_unknown(void **state)
{
	refused("---\ntitle: T\ndate: 2020-11-03\nlang: de\n---\n", 1,
	    "t.md:4:7: error: language 'de' is not in site.yaml");
}

/* -------------------------------------------------------------- slugs */

static void
test_slug_derived_arabic(void **state)
{
	struct article *a = good("---\ntitle: \"مـــيـــاه الشرب في دمشق\"\n"
	    "date: 2020-11-03\n---\nنص.\n", 0);

	assert_string_equal(a->slug, "مياه-الشرب-في-دمشق");
	assert_int_equal(a->slug_line, 2);
	assert_int_equal(a->slug_col, 8);
	article_free(a);
	/* Persian keeps its letters and gets ASCII digits. */
	a = good("---\ntitle: \"تهران ۱۳۹۹\"\ndate: 2020-11-03\n---\n", 3);
	assert_string_equal(a->slug, "تهران-1399");
	article_free(a);
}

static void
test_slug_derived_french(void **state)
{
	struct article *a = good("---\ntitle: \"Élysée : l’accord\"\n"
	    "date: 2020-11-03\n---\n", 2);

	assert_string_equal(a->slug, "elysee-l-accord");
	article_free(a);
}

static void
test_slug_derived_empty(void **state)
{
	/* Reported at the title the slug comes from. */
	refused("---\ntitle: \"!!!\"\ndate: 2020-11-03\n---\n", 1,
	    "t.md:2:8: error: the title '!!!' gives no letter or digit");
}

static void
test_slug_explicit_ok(void **state)
{
	struct article *a = good("---\ntitle: T\ndate: 2020-11-03\n"
	    "slug: my-own-slug\n---\n", 1);

	assert_string_equal(a->slug, "my-own-slug");
	assert_int_equal(a->slug_line, 4);
	assert_int_equal(a->slug_col, 7);
	article_free(a);
	a = good("---\ntitle: T\ndate: 2020-11-03\nslug: مياه\n---\n", 0);
	assert_string_equal(a->slug, "مياه");
	article_free(a);
}

static void
slug_refused(const char *yaml_value)
{
	char *text = xasprintf("---\ntitle: T\ndate: 2020-11-03\nslug: %s\n"
	    "---\n", yaml_value);
	struct article *a;

	sb_reset(&cap);
	diag_reset();
	a = parse(text, 1);
	free(text);
	if (a != NULL) {
		print_error("slug %s accepted as \"%s\"\n", yaml_value, a->slug);
		article_free(a);
		fail();
	}
	assert_said("t.md:4:7: error: slug '");
	assert_said("cannot be used");
}

static void
test_slug_explicit_refused(void **state)
{
	slug_refused("a/b");
	slug_refused("\"..\"");
	slug_refused(".hidden");
	slug_refused("\".\"");
	slug_refused("x y");
	slug_refused("\"a\\\\b\"");
	slug_refused("\"a?b\"");
	slug_refused("\"a#b\"");
	slug_refused("\"50%\"");
}

static void
test_slug_control_characters(void **state)
{
	slug_refused("\"a\\tb\"");
	slug_refused("\"a\\x01b\"");
	slug_refused("\"a\\x7fb\"");
}

/*
 * C1 control characters (U+0080..U+009F, category Cc, e.g. U+0085 NEXT
 * LINE) are control characters too: a folder name must not hold them.
 */
static void
test_slug_c1_control_characters(void **state)
{
	slug_refused("\"a\\x85b\"");
	slug_refused("\"a\\u009bb\"");
}

static void
test_slug_empty_refused(void **state)
{
	refused("---\ntitle: T\ndate: 2020-11-03\nslug: \"\"\n---\n", 1,
	    "t.md:4:7: error: slug '' cannot be used: it is empty");
}

/* ----------------------------------------------------------- entities */

static void
test_entities_list_form(void **state)
{
	struct article *a = good("---\ntitle: T\ndate: 2020-11-03\n"
	    "entities: [أحمد, \"  Paris   Hilton \", \"e\xcc\x81mile\"]\n---\n", 1);

	assert_int_equal(a->nents, 3);
	assert_string_equal(a->ents[0].type, "other");
	assert_string_equal(a->ents[0].name, "أحمد");
	assert_int_equal(a->ents[0].line, 4);
	assert_int_equal(a->ents[0].col, 12);
	assert_string_equal(a->ents[1].name, "Paris Hilton");
	assert_string_equal(a->ents[2].name, "émile");	/* NFC */
	article_free(a);
}

static void
test_entities_map_form(void **state)
{
	struct article *a = good("---\ntitle: T\ndate: 2020-11-03\nentities:\n"
	    "  people: [Ahmed, Rania]\n  organizations: [UN]\n"
	    "  persons:\n    - Zaid\n  places: []\n  events:\n---\n", 1);

	assert_int_equal(a->nents, 4);
	assert_string_equal(a->ents[0].type, "people");
	assert_string_equal(a->ents[1].type, "people");
	assert_string_equal(a->ents[1].name, "Rania");
	assert_string_equal(a->ents[2].type, "organisations");
	assert_string_equal(a->ents[2].name, "UN");
	assert_string_equal(a->ents[3].type, "people");
	assert_string_equal(a->ents[3].name, "Zaid");
	assert_int_equal(a->ents[3].line, 8);
	assert_int_equal(a->ents[3].col, 7);
	article_free(a);
}

static void
test_entities_bad_type(void **state)
{
	refused("---\ntitle: T\ndate: 2020-11-03\nentities:\n  People: [A]\n"
	    "---\n", 1, "t.md:5:3: error: entity type 'People' must be");
	sb_reset(&cap);
	refused("---\ntitle: T\ndate: 2020-11-03\nentities:\n  people: Ahmed\n"
	    "---\n", 1, "t.md:5:11: error: the people of 'entities' must be a "
	    "list");
	sb_reset(&cap);
	refused("---\ntitle: T\ndate: 2020-11-03\nentities: [[a]]\n---\n", 1,
	    "t.md:4:12: error: 'entities' must be a text value");
}

/* --------------------------------------------------------------- tags */

static void
test_tags(void **state)
{
	struct article *a = good("---\ntitle: T\ndate: 2020-11-03\n"
	    "tags: [économie, \"Politique\"]\n---\n", 1);

	assert_int_equal(a->ntags, 2);
	assert_string_equal(a->tags[0], "économie");
	assert_string_equal(a->tags[1], "Politique");
	assert_null(a->tags[2]);
	article_free(a);
	a = good("---\ntitle: T\ndate: 2020-11-03\ntags: one\n---\n", 1);
	assert_int_equal(a->ntags, 1);
	assert_string_equal(a->tags[0], "one");
	article_free(a);
	a = good("---\ntitle: T\ndate: 2020-11-03\ntags: \"e\xcc\x81te\xcc\x81\"\n"
	    "---\n", 1);
	assert_string_equal(a->tags[0], "été");
	article_free(a);
}

/* ------------------------------------------------------------ summary */

static void
test_summary_from_first_paragraph(void **state)
{
	struct article *a = good(FM("# A heading\n\n"
	    "First *para* with [a link](https://x.org/) and `code`\n"
	    "over <b>two</b> lines.\n\nSecond paragraph.\n"), 1);

	assert_string_equal(a->summary,
	    "First para with a link and code over two lines.");
	assert_null(strchr(a->summary, '<'));
	assert_null(strchr(a->summary, '*'));
	assert_null(strchr(a->summary, '`'));
	assert_null(strchr(a->summary, '\n'));
	article_free(a);
}

static void
test_summary_empty_body(void **state)
{
	struct article *a = good(FM(""), 1);

	assert_string_equal(a->summary, "");
	article_free(a);
}

static void
test_summary_truncated(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct article *a;
	size_t n;
	int i;

	sb_adds(&sb, FM(""));
	for (i = 0; i < 120; i++)
		sb_adds(&sb, "word ");
	sb_adds(&sb, "\n");
	a = good(sb_str(&sb), 1);
	sb_free(&sb);
	n = strlen(a->summary);
	assert_true(n <= 300 + strlen("…"));
	assert_true(n > 150);
	assert_true(has_suffix(a->summary, "…"));
	assert_true(has_suffix(a->summary, "word…"));	/* cut at a space */
	article_free(a);
}

static void
test_summary_truncated_no_spaces(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct article *a;
	int i;

	sb_adds(&sb, FM("a"));
	for (i = 0; i < 200; i++)
		sb_adds(&sb, "東");		/* 3 bytes each, no space */
	sb_adds(&sb, "\n");
	a = good(sb_str(&sb), 1);
	sb_free(&sb);
	assert_true(strlen(a->summary) <= 300 + strlen("…"));
	assert_true(has_suffix(a->summary, "東…"));
	assert_int_equal(text_utf8_valid(a->summary, strlen(a->summary), NULL),
	    1);
	article_free(a);
}

/* --------------------------------------------------------------- html */

static void
test_raw_html_removed(void **state)
{
	struct article *a = good(FM("<script>alert(1)</script>\n\n"
	    "Text <span onclick=\"x()\">hi</span>\n"), 1);

	assert_null(strstr(a->html, "<script"));
	assert_null(strstr(a->html, "onclick"));
	assert_null(strstr(a->html, "<span"));
	assert_non_null(strstr(a->html, "hi"));
	article_free(a);
}

static void
test_raw_html_kept_when_unsafe(void **state)
{
	struct article *a;

	cfg.unsafe_html = 1;
	a = good(FM("<figure class=\"x\">F</figure>\n\nText <span>hi</span>\n"),
	    1);
	assert_non_null(strstr(a->html, "<figure class=\"x\">"));
	assert_non_null(strstr(a->html, "<span>hi</span>"));
	article_free(a);
}

static void
test_javascript_links_removed(void **state)
{
	struct article *a = good(FM("[click](javascript:alert(1)) "
	    "[up](JavaScript:alert(2)) [vb](vbscript:msgbox) "
	    "![img](javascript:alert(3)) [ok](https://example.org/)\n"), 1);

	assert_null(strcasestr(a->html, "javascript:"));
	assert_null(strcasestr(a->html, "vbscript:"));
	assert_non_null(strstr(a->html, "href=\"https://example.org/\""));
	assert_non_null(strstr(a->html, "click"));
	article_free(a);
}

/* ----------------------------------------------------------- encoding */

static void
test_bom_and_crlf(void **state)
{
	struct article *a = good("\xef\xbb\xbf---\r\ntitle: Hello\r\n"
	    "date: 2020-11-03\r\ntags: [a, b]\r\n---\r\nLine one\r\nline two\r\n"
	    "\r\nMore.\r\n", 1);

	assert_string_equal(a->title, "Hello");
	assert_string_equal(a->tags[1], "b");
	assert_string_equal(a->summary, "Line one line two");
	assert_null(strchr(a->html, '\r'));
	assert_null(strchr(a->title, '\r'));
	article_free(a);
}

static void
test_crlf_error_positions(void **state)
{
	refused("---\r\ntitle: T\r\ndate: 2020-13-01\r\n---\r\n", 1,
	    "t.md:3:12: error: bad date");
}

static void
test_invalid_utf8_body(void **state)
{
	const char *text = FM("ééé\xff rest\n");
	char *want = xasprintf("t.md:5:4: error: invalid UTF-8 at byte %zu",
	    (size_t)(strchr(text, '\xff') - text));

	refused(text, 1, want);
	free(want);
	assert_said("0xff");
}

static void
test_invalid_utf8_front_matter(void **state)
{
	const char *text = "---\ntitle: caf\xe9\ndate: 2020-11-03\n---\n";

	refused(text, 1, "t.md:2:11: error: invalid UTF-8 at byte 14");
}

static void
test_invalid_utf8_after_bom(void **state)
{
	/* The byte offset counts from the start of the file, BOM included. */
	refused("\xef\xbb\xbf---\n\xc0\xaf\n", 1,
	    "t.md:2:1: error: invalid UTF-8 at byte 7");
}

static void
test_nul_byte(void **state)
{
	static const char text[] = "---\ntitle: T\ndate: 2020-11-03\n---\nab\0c\n";
	struct article *a = article_parse(&cfg, "t.md", text, sizeof(text) - 1,
	    1);

	assert_null(a);
	assert_said("t.md:5:3: error: the file holds a NUL byte");
}

static void
test_empty_file(void **state)
{
	refused("", 1, "t.md:1:1: error: the file is empty");
	sb_reset(&cap);
	refused(" \n\t\r\n", 1, "t.md:1:1: error: the file is empty");
	sb_reset(&cap);
	refused("\xef\xbb\xbf", 1, "t.md:1:1: error: the file is empty");
}

static void
test_no_front_matter(void **state)
{
	refused("Just text.\n", 1, "t.md:1:1: error: no front matter");
	sb_reset(&cap);
	refused("----\ntitle: T\n---\n", 1, "t.md:1:1: error: no front matter");
}

static void
test_front_matter_not_closed(void **state)
{
	refused("---\ntitle: T\ndate: 2020-11-03\nBody\n", 1,
	    "t.md:1:1: error: the front matter opened here is never closed");
	sb_reset(&cap);
	refused("---", 1, "t.md:1:1: error: the front matter opened here");
}

static void
test_front_matter_empty(void **state)
{
	refused("---\n---\nBody\n", 1, "t.md:1:1: error: the front matter is empty");
}

static void
test_front_matter_a_list(void **state)
{
	refused("---\n- title\n- date\n---\nBody\n", 1,
	    "t.md:2:1: error: front matter must be a map of keys");
	sb_reset(&cap);
	refused("---\njust a sentence\n---\nBody\n", 1,
	    "t.md:2:1: error: front matter must be a map");
}

static void
test_front_matter_yaml_error(void **state)
{
	refused("---\ntitle: T\ndate: 2020-11-03\ntitle: U\n---\n", 1,
	    "t.md:4:1: error: duplicate key 'title' (first at line 2)");
	sb_reset(&cap);
	refused("---\ntitle: \"T\ndate: 2020-11-03\n---\n", 1, "t.md:");
	assert_said("error: YAML:");
}

static void
test_front_matter_aliases_refused(void **state)
{
	refused("---\ntitle: &t Water\ndate: 2020-11-03\nsummary: *t\n---\n", 1,
	    "t.md:2:8: error: YAML anchors are not allowed");
}

static void
test_extra_keys_kept(void **state)
{
	struct article *a = good("---\ntitle: T\nsource: Reuters\ndate: 2020-11-03\n"
	    "weight: 3\nlist: [1, 2]\nmap: {a: 1}\nplace: \"Dami\xcc\x87\"\n---\n",
	    1);

	assert_non_null(a->extra);
	assert_string_equal(a->extra[0], "source");
	assert_string_equal(a->extra[1], "Reuters");
	assert_string_equal(a->extra[2], "weight");
	assert_string_equal(a->extra[3], "3");
	assert_string_equal(a->extra[4], "place");
	assert_null(a->extra[6]);
	/* Known keys never show up in extra. */
	assert_true(strcmp(a->extra[0], "title") != 0);
	article_free(a);
}

/* ------------------------------------------------------- content_load */

static void
write_file(const char *dir, const char *rel, const char *text)
{
	char *p = path_join(dir, rel), *slash = strrchr(p, '/');
	FILE *f;

	*slash = '\0';
	assert_int_equal(mkdir_p(p), 0);
	*slash = '/';
	f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(p);
}

static void
test_content_load_folders(void **state)
{
	char tmpl[] = "/tmp/arshif-content-XXXXXX";
	char *dir = mkdtemp(tmpl);
	struct corpus cp = { 0 };
	size_t i;
	int rc;

	assert_non_null(dir);
	cfg.source = dir;
	write_file(dir, "content/fr/a.md", "---\ntitle: Un\ndate: 2020-11-03\n"
	    "---\nx\n");
	write_file(dir, "content/ar/2020/b.md", "---\ntitle: اثنان\n"
	    "date: 2020-11-04\n---\nx\n");
	write_file(dir, "content/misc/c.md", "---\ntitle: Three\n"
	    "date: 2020-11-05\nlang: en\n---\nx\n");
	write_file(dir, "content/fr/d.md", "---\ntitle: Brouillon\n"
	    "date: 2020-11-06\ndraft: true\n---\nx\n");
	write_file(dir, "content/fr/notes.txt", "not an article");
	write_file(dir, "content/fr/.hidden.md", "junk");
	rc = content_load(&cfg, NULL, 0, NULL, &cp);
	assert_int_equal(rc, 0);
	assert_int_equal(cp.n, 3);
	for (i = 0; i < cp.n; i++) {
		const struct article *a = cp.arts[i];

		if (strcmp(a->title, "Un") == 0)
			assert_int_equal(a->lang, 2);
		else if (strcmp(a->title, "اثنان") == 0)
			assert_int_equal(a->lang, 0);
		else if (strcmp(a->title, "Three") == 0)
			assert_int_equal(a->lang, 1);
		else
			fail_msg("unexpected article %s", a->title);
	}
	corpus_free(&cp);
	rc = content_load(&cfg, NULL, 1, NULL, &cp);	/* with drafts */
	assert_int_equal(rc, 0);
	assert_int_equal(cp.n, 4);
	corpus_free(&cp);
	write_file(dir, "content/en/bad.md", "---\ntitle: x\n---\n");
	rc = content_load(&cfg, NULL, 0, NULL, &cp);
	assert_int_equal(rc, -1);
	assert_int_equal(cp.n, 3);	/* the others still parsed */
	assert_said("content/en/bad.md:2:1: error: no 'date'");
	corpus_free(&cp);
	assert_int_equal(rm_rf(dir), 0);
}

/* --------------------------------------------------- robust archives */

static void
test_misspelled_keys_warn(void **state)
{
	struct article *a = good("---\ntitle: T\ndate: 2020-11-03\n"
	    "darft: true\nDraft: true\ntitel: x\nentites: [a]\n"
	    "photographer: Rami\nsection: news\n---\nx\n", 1);

	assert_int_equal(a->draft, 0);
	assert_said("t.md:4:1: warning: unknown key 'darft'; did you mean "
	    "'draft'?");
	assert_said("t.md:5:1: warning: unknown key 'Draft'; did you mean "
	    "'draft'?");
	assert_said("t.md:6:1: warning: unknown key 'titel'; did you mean "
	    "'title'?");
	assert_said("t.md:7:1: warning: unknown key 'entites'; did you mean "
	    "'entities'?");
	/* A key of the site's own, and one another part knows: quiet. */
	assert_int_equal(diag_warnings(), 4);
	article_free(a);
}

static void
test_aliases_normalised(void **state)
{
	struct article *a = good("---\ntitle: T\ndate: 2020-11-03\n"
	    "aliases:\n  - /ar/2019/03/12/old-slug/\n  - ar/2019/03/12/other\n"
	    "  - https://example.org/news//x/index.html\n  - /old/page.html\n"
	    "  - /%D8%B9%D9%85%D8%A7%D9%86/\n  - /old/page.html\n---\nx\n", 1);

	assert_int_equal(a->naliases, 5);
	assert_string_equal(a->aliases[0], "ar/2019/03/12/old-slug/");
	assert_string_equal(a->aliases[1], "ar/2019/03/12/other/");
	assert_string_equal(a->aliases[2], "news/x/");
	assert_string_equal(a->aliases[3], "old/page.html");
	assert_string_equal(a->aliases[4], "عمان/");
	assert_null(a->aliases[5]);
	assert_said("t.md:10:5: warning: alias '/old/page.html' is listed twice");
	article_free(a);
	a = good(FM("x\n"), 1);
	assert_non_null(a->aliases);
	assert_int_equal(a->naliases, 0);
	article_free(a);
}

static void
test_aliases_refused(void **state)
{
	refused("---\ntitle: T\ndate: 2020-11-03\naliases: [/a/../../etc/]\n"
	    "---\nx\n", 1, "t.md:4:11: error: alias '/a/../../etc/' cannot be "
	    "used: a part of it starts with '.'");
	refused("---\ntitle: T\ndate: 2020-11-03\naliases: [/a/%2e%2e/b/]\n"
	    "---\nx\n", 1, "starts with '.'");
	refused("---\ntitle: T\ndate: 2020-11-03\naliases: [\"https://evil."
	    "example/x/\"]\n---\nx\n", 1, "it is an address on another site");
	refused("---\ntitle: T\ndate: 2020-11-03\naliases: [\"/\"]\n"
	    "---\nx\n", 1, "it is the home page of the site");
	refused("---\ntitle: T\ndate: 2020-11-03\naliases: [\"/a?b=1\"]\n"
	    "---\nx\n", 1, "it holds a control character or one of");
	refused("---\ntitle: T\ndate: 2020-11-03\naliases: [\"/a%00b/\"]\n"
	    "---\nx\n", 1, "its escapes do not decode to UTF-8 text");
	refused("---\ntitle: T\ndate: 2020-11-03\naliases: [\"/a%zz/\"]\n"
	    "---\nx\n", 1, "a '%' is not followed by two hex digits");
	refused("---\ntitle: T\ndate: 2020-11-03\naliases: {a: b}\n"
	    "---\nx\n", 1, "'aliases' must be a list");
}

static void
test_empty_body_warns(void **state)
{
	struct article *a = good(FM(""), 1);

	assert_int_equal(a->empty_body, 1);
	assert_said("t.md:4:1: warning: the article has no body");
	article_free(a);
	diag_reset();
	sb_reset(&cap);
	a = good(FM("\n\n  \n"), 1);
	assert_int_equal(a->empty_body, 1);
	article_free(a);
	diag_reset();
	sb_reset(&cap);
	a = good(FM("![x](a.png)\n"), 1);
	assert_int_equal(a->empty_body, 0);
	assert_int_equal(diag_warnings(), 0);
	article_free(a);
}

static void
test_slug_from_file(void **state)
{
	struct article *a;
	const char *text = "---\ntitle: A headline edited later\n"
	    "date: 2020-11-03\n---\nx\n";

	langs[1].slug_from_file = 1;
	a = article_parse(&cfg, "content/en/2020/Water Summit.md", text,
	    strlen(text), 1);
	assert_non_null(a);
	assert_string_equal(a->slug, "water-summit");
	assert_int_equal(a->slug_given, 0);
	article_free(a);
	a = article_parse(&cfg, "content/en/2020/summit/index.md", text,
	    strlen(text), 1);
	assert_non_null(a);
	assert_string_equal(a->slug, "summit");
	article_free(a);
	/* slug: still wins. */
	text = "---\ntitle: T\ndate: 2020-11-03\nslug: mine\n---\nx\n";
	a = article_parse(&cfg, "content/en/x.md", text, strlen(text), 1);
	assert_non_null(a);
	assert_string_equal(a->slug, "mine");
	assert_int_equal(a->slug_given, 1);
	article_free(a);
	text = "---\ntitle: T\ndate: 2020-11-03\n---\nx\n";
	a = article_parse(&cfg, "content/en/___.md", text, strlen(text), 1);
	assert_null(a);
	assert_said("content/en/___.md: error: the file name '___' gives no "
	    "letter or digit");
	langs[1].slug_from_file = 0;
}

static void
test_drop_future(void **state)
{
	struct corpus cp = { 0 };
	static const char *dates[] = { "2020-11-03", "2030-01-02",
	    "2020-11-04T23:00:00-05:00", "2030-01-01T10:00:00Z", NULL };
	size_t i;

	for (i = 0; dates[i]; i++) {
		char *t = xasprintf("---\ntitle: T\ndate: %s\n---\nx\n",
		    dates[i]);
		char *p = xasprintf("a%zu.md", i);

		cp.arts = xreallocarray(cp.arts, cp.n + 1, sizeof(*cp.arts));
		cp.arts[cp.n++] = article_parse(&cfg, p, t, strlen(t), 1);
		free(t);
		free(p);
	}
	/* now: 2020-11-05T05:00:00Z; the third is 04:00Z that day. */
	assert_int_equal(corpus_drop_future(&cp, 1604552400LL), 2);
	assert_int_equal(cp.n, 2);
	assert_string_equal(cp.arts[0]->path, "a0.md");
	assert_string_equal(cp.arts[1]->path, "a2.md");
	assert_said("note: 2 articles dated after now are not published "
	    "(the next: a3.md, 2030-01-01T10:00:00Z); --future builds them");
	corpus_free(&cp);
}

static void
test_links_out_refused(void **state)
{
	char tmpl[] = "/tmp/arshif-links-XXXXXX", out[] = "/tmp/arshif-out-XXXXXX";
	char *dir = mkdtemp(tmpl), *elsewhere = mkdtemp(out), *p, *q;
	struct corpus cp = { 0 };
	int rc;

	assert_non_null(dir);
	assert_non_null(elsewhere);
	cfg.source = dir;
	write_file(dir, "content/en/a.md", "---\ntitle: A\ndate: 2020-11-03\n"
	    "---\nx\n");
	write_file(elsewhere, "secret.md", "---\ntitle: S\ndate: 2020-11-03\n"
	    "---\nsecret\n");
	write_file(dir, "static/style.css", "x");
	p = xasprintf("%s/secret.md", elsewhere);
	q = xasprintf("%s/content/en/s.md", dir);
	assert_int_equal(symlink(p, q), 0);
	free(q);
	/* A link inside the site is fine. */
	q = xasprintf("%s/content/en/b.md", dir);
	assert_int_equal(symlink("a.md", q), 0);
	free(q);
	q = xasprintf("%s/static/passwd", dir);
	assert_int_equal(symlink("/etc/passwd", q), 0);
	free(q);
	rc = content_load(&cfg, NULL, 0, NULL, &cp);
	assert_int_equal(rc, -1);
	assert_int_equal(cp.n, 2);
	assert_said("content/en/s.md: error: this symbolic link leads out of "
	    "the site folder (to ");
	corpus_free(&cp);
	q = xasprintf("%s/static", dir);
	assert_int_equal(links_ok(&cfg, q, "static"), -1);
	assert_said("static/passwd: error: this symbolic link leads out of "
	    "the site folder (to /etc/passwd)");
	cfg.follow_symlinks = 1;
	diag_reset();
	assert_int_equal(links_ok(&cfg, q, "static"), 0);
	assert_int_equal(content_load(&cfg, NULL, 0, NULL, &cp), 0);
	assert_int_equal(cp.n, 3);
	corpus_free(&cp);
	cfg.follow_symlinks = 0;
	free(q);
	free(p);
	assert_int_equal(rm_rf(dir), 0);
	assert_int_equal(rm_rf(elsewhere), 0);
}

/* ---------------------------------------------------- drop_paragraphs */

static void
test_drop_paragraphs(void **state)
{
	/* As config.c stores it: NFC, trimmed. */
	static char *drop[] = { (char *)"\u0627\u0642\u0631\u0623 "
	    "\u0627\u0644\u0645\u0632\u064a\u062f", NULL };
	struct article *a;

	langs[0].drop = drop;
	langs[0].ndrop = 1;
	/* The first one in NFD (alef + hamza above): the body becomes NFC. */
	a = good("---\ntitle: t\ndate: 2020-11-03\n---\n"
	    "\u0627\u0642\u0631\u0627\u0654 \u0627\u0644\u0645\u0632\u064a\u062f\n\n"
	    "\u0646\u0635 \u0627\u0644\u0645\u0642\u0627\u0644.\n\n"
	    "  **\u0627\u0642\u0631\u0623 \u0627\u0644\u0645\u0632\u064a\u062f**  \n\n"
	    "\u0627\u0642\u0631\u0623 \u0627\u0644\u0645\u0632\u064a\u062f "
	    "\u0639\u0646 \u0630\u0644\u0643.\n", 0);
	langs[0].drop = NULL;
	langs[0].ndrop = 0;
	/* Gone: the bare line and the emphasised one; kept: a longer one. */
	assert_null(strstr(a->html, "<p>\u0627\u0642\u0631\u0623 "
	    "\u0627\u0644\u0645\u0632\u064a\u062f</p>"));
	assert_null(strstr(a->html, "<strong>"));
	assert_non_null(strstr(a->html, "\u0639\u0646 \u0630\u0644\u0643"));
	/* The summary is the first paragraph that stays. */
	assert_string_equal(a->summary, "\u0646\u0635 \u0627\u0644\u0645\u0642\u0627\u0644.");
	article_free(a);
	/* Other languages keep it. */
	a = good(FM("Read more\n"), 1);
	assert_non_null(strstr(a->html, "Read more"));
	article_free(a);
}


/* Local images: found once, named beside the page, rewritten when they climb. */
static void
test_images_found(void **state)
{
	static const char text[] = "---\ntitle: T\ndate: 2021-03-04\n"
	    "image: hero.png\n---\n\nFirst ![a](pic.png) and\n"
	    "![b](sub/my%20pic.png) ![c](../up.gif \"t\")\n\n"
	    "![d](https://example.org/y.png) ![e](/abs.png) ![f](pic.png)\n";
	struct article *a = article_parse(&cfg, "content/en/2021/x.md", text,
	    sizeof(text) - 1, -1);

	assert_non_null(a);
	assert_int_equal(a->nimages, 4);
	assert_string_equal(a->images[0].src, "pic.png");
	assert_string_equal(a->images[0].out, "pic.png");
	assert_int_equal(a->images[0].line, 7);
	assert_int_equal(a->images[0].col, 7);
	assert_string_equal(a->images[1].out, "sub/my pic.png");
	assert_int_equal(a->images[1].line, 8);
	assert_string_equal(a->images[2].src, "../up.gif");
	assert_string_equal(a->images[2].out, "_up1/up.gif");
	assert_int_equal(a->images[3].hero, 1);
	assert_string_equal(article_hero(a)->out, "hero.png");
	assert_int_equal(a->images[3].line, 4);
	assert_int_equal(a->images[3].col, 8);
	assert_non_null(strstr(a->html, "src=\"sub/my%20pic.png\""));
	assert_non_null(strstr(a->html, "src=\"_up1/up.gif\""));
	assert_non_null(strstr(a->html, "src=\"https://example.org/y.png\""));
	assert_non_null(strstr(a->html, "src=\"/abs.png\""));
	article_free(a);
}

static void
test_images_outside_refused(void **state)
{
	static const char text[] = "---\ntitle: T\ndate: 2021-03-04\n---\n\n"
	    "ok ![a](../../en/x.png) no ![b](../../../etc/x.png)\n";

	assert_null(article_parse(&cfg, "content/en/2021/x.md", text,
	    sizeof(text) - 1, -1));
	assert_said("content/en/2021/x.md:6:28: error: the image "
	    "'../../../etc/x.png' lies outside content/");
	assert_int_equal(diag_errors(), 1);
}

static void
put(const char *dir, const char *name, const void *b, size_t n)
{
	char *p = path_join(dir, name);
	FILE *f = fopen(p, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(b, 1, n, f), n);
	fclose(f);
	free(p);
}

/* Width and height from the first bytes of each format arshif reads. */
static void
test_image_sizes(void **state)
{
	static const unsigned char png[] = { 0x89, 'P', 'N', 'G', '\r', '\n',
	    0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 1, 0x40, 0, 0,
	    0, 0xb4, 8, 2, 0, 0, 0 };
	static const unsigned char gif[] = { 'G', 'I', 'F', '8', '9', 'a', 3,
	    1, 2, 0, 0 };
	/* SOI, an APP0 of 4 bytes, SOF2 (progressive): 600 x 400. */
	static const unsigned char jpg[] = { 0xff, 0xd8, 0xff, 0xe0, 0, 4, 0,
	    0, 0xff, 0xc2, 0, 11, 8, 0x01, 0x90, 0x02, 0x58, 3, 0, 0, 0, 0 };
	static const unsigned char webp[] = { 'R', 'I', 'F', 'F', 0, 0, 0, 0,
	    'W', 'E', 'B', 'P', 'V', 'P', '8', 'X', 10, 0, 0, 0, 0, 0, 0, 0,
	    0x1f, 0x03, 0, 0x57, 0x02, 0, 0, 0 };
	static const char svg[] = "<?xml version=\"1.0\"?>\n<svg xmlns="
	    "\"http://www.w3.org/2000/svg\" width=\"64px\" height=\"48\">";
	static const char junk[] = "not an image at all";
	static const char *const names[] = { "a.png", "b.gif", "c.jpg",
	    "d.webp", "e.svg", "f.png" };
	static const int want[][2] = { { 320, 180 }, { 259, 2 }, { 600, 400 },
	    { 800, 600 }, { 64, 48 }, { 0, 0 } };
	char tmpl[] = "/tmp/arshif-img.XXXXXX", *dir = mkdtemp(tmpl), *md;
	struct strbuf sb = STRBUF_INIT;
	struct article *a;
	size_t i;
	int w, h;

	assert_non_null(dir);
	put(dir, names[0], png, sizeof(png));
	put(dir, names[1], gif, sizeof(gif));
	put(dir, names[2], jpg, sizeof(jpg));
	put(dir, names[3], webp, sizeof(webp));
	put(dir, names[4], svg, sizeof(svg) - 1);
	put(dir, names[5], junk, sizeof(junk) - 1);
	sb_adds(&sb, "---\ntitle: T\ndate: 2021-03-04\n---\n\n");
	for (i = 0; i < 6; i++)
		sb_addf(&sb, "![x](%s)\n", names[i]);
	md = path_join(dir, "x.md");
	a = article_parse(&cfg, md, sb_str(&sb), sb.len, 1);
	assert_non_null(a);
	assert_int_equal(a->nimages, 6);
	for (i = 0; i < 6; i++) {
		int rc = content_image_size(a, &a->images[i], &w, &h);

		if (want[i][0] == 0) {
			assert_int_equal(rc, -1);
			continue;
		}
		if (rc != 0 || w != want[i][0] || h != want[i][1])
			fail_msg("%s: %d x %d (rc %d), want %d x %d", names[i],
			    w, h, rc, want[i][0], want[i][1]);
	}
	{
		struct corpus cp = { &a, 1, 0, 0, 0, 0 };
		char *g;

		assert_int_equal(content_images(&cfg, &cp), 0);
		assert_int_equal(a->images[0].found, 1);
		assert_int_equal(a->images[0].size, (long long)sizeof(png));
		g = path_join(dir, "b.gif");
		unlink(g);
		free(g);
		assert_int_equal(content_images(&cfg, &cp), -1);
		assert_said("the image 'b.gif' is not found");
	}
	article_free(a);
	free(md);
	sb_free(&sb);
	assert_int_equal(rm_rf(dir), 0);
}

int
main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_minimal_article),
		T(test_drop_paragraphs),
		T(test_all_known_keys),
		T(test_front_matter_closed_by_dots),
		T(test_title_required),
		T(test_date_required),
		T(test_every_error_reported),
		T(test_empty_title),
		T(test_bad_date_position),
		T(test_wrong_types),
		T(test_lang_from_folder),
		T(test_lang_front_matter_wins),
		T(test_lang_unknown),
		T(test_slug_derived_arabic),
		T(test_slug_derived_french),
		T(test_slug_derived_empty),
		T(test_slug_explicit_ok),
		T(test_slug_explicit_refused),
		T(test_slug_control_characters),
		T(test_slug_c1_control_characters),
		T(test_slug_empty_refused),
		T(test_entities_list_form),
		T(test_entities_map_form),
		T(test_entities_bad_type),
		T(test_tags),
		T(test_summary_from_first_paragraph),
		T(test_summary_empty_body),
		T(test_summary_truncated),
		T(test_summary_truncated_no_spaces),
		T(test_raw_html_removed),
		T(test_raw_html_kept_when_unsafe),
		T(test_javascript_links_removed),
		T(test_bom_and_crlf),
		T(test_crlf_error_positions),
		T(test_invalid_utf8_body),
		T(test_invalid_utf8_front_matter),
		T(test_invalid_utf8_after_bom),
		T(test_nul_byte),
		T(test_empty_file),
		T(test_no_front_matter),
		T(test_front_matter_not_closed),
		T(test_front_matter_empty),
		T(test_front_matter_a_list),
		T(test_front_matter_yaml_error),
		T(test_front_matter_aliases_refused),
		T(test_extra_keys_kept),
		T(test_content_load_folders),
		T(test_misspelled_keys_warn),
		T(test_aliases_normalised),
		T(test_aliases_refused),
		T(test_empty_body_warns),
		T(test_slug_from_file),
		T(test_drop_future),
		T(test_links_out_refused),
		T(test_images_found),
		T(test_images_outside_refused),
		T(test_image_sizes),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	sb_free(&cap);
	text_cleanup();
	return rc;
}
