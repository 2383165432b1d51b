/*
 * test_registry.c: registry.h, the entity registry (entities.yaml) read
 * from a temporary site folder, name lookup, and the table of mentions:
 * which registry names registry_mentions() finds in article text.
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
#include "input/registry.h"
#include "said.h"

enum { AR, EN, FR, FA };

static const char site_yaml[] =
    "title: {ar: \"أرشيف\", en: \"Archive\", fr: \"Archives\", fa: \"بایگانی\"}\n"
    "base_url: \"https://archive.example.org/\"\n"
    "default_language: ar\n"
    "languages:\n"
    "  - code: ar\n"
    "  - code: en\n"
    "  - code: fr\n"
    "  - code: fa\n";

static char dirbuf[64];
static const char *dir;		/* the temporary site folder */
static struct config *cfg;

/* Occurrences of s in the diagnostics. */
static int
said_times(const char *s)
{
	const char *p = said();
	int n = 0;

	while ((p = strstr(p, s)) != NULL) {
		n++;
		p += strlen(s);
	}
	return n;
}

static void
write_file(const char *rel, const char *text)
{
	char *p = path_join(dir, rel);
	FILE *f = fopen(p, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(p);
}

static int
setup(void **state)
{
	(void)state;
	strcpy(dirbuf, "/tmp/arshif-registry-XXXXXX");
	dir = mkdtemp(dirbuf);
	assert_non_null(dir);
	write_file("site.yaml", site_yaml);
	sb_reset(&cap);
	diag_reset();
	diag_capture(&cap);
	cfg = config_load(dir);
	assert_non_null(cfg);
	assert_int_equal(diag_errors(), 0);
	assert_int_equal(cfg->nlangs, 4);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	diag_capture(NULL);
	config_free(cfg);
	cfg = NULL;
	assert_int_equal(rm_rf(dir), 0);
	return 0;
}

/* Loads text as SITE/entities.yaml; it must load without any error. */
static struct registry *
load_good(const char *text)
{
	struct registry *r = NULL;

	write_file("entities.yaml", text);
	if (registry_load(cfg, &r) != 0 || diag_errors() != 0) {
		registry_free(r);
		fail_msg("refused:\n%s\ndiagnostics:\n%s", text, said());
	}
	assert_non_null(r);
	return r;
}

/* Loads text, which must be refused with a diagnostic holding want. */
static void
load_bad(const char *text, const char *want)
{
	struct registry *r = (struct registry *)1;

	write_file("entities.yaml", text);
	if (registry_load(cfg, &r) != -1) {
		registry_free(r);
		fail_msg("accepted:\n%s\ndiagnostics:\n%s", text, said());
	}
	assert_null(r);
	assert_true(diag_errors() > 0);
	assert_said(want);
}

/* "SITE/entities.yaml:" followed by rest, as diagnostics print it. */
static char *
at(const char *rest)
{
	return xasprintf("%s/entities.yaml:%s", dir, rest);
}

#define assert_said_at(rest) do {					\
	char *w_ = at(rest);						\
	if (strstr(said(), w_) == NULL)					\
		fail_msg("diagnostics lack \"%s\"; got:\n%s", w_, said()); \
	free(w_);							\
} while (0)

static const struct reg_entity *
by_id(const struct registry *r, const char *id)
{
	size_t i;

	for (i = 0; i < registry_count(r); i++)
		if (strcmp(registry_at(r, i)->id, id) == 0)
			return registry_at(r, i);
	fail_msg("no entity '%s'", id);
	return NULL;
}

/* ------------------------------------------------------------ loading */

static void
test_no_file(void **state)
{
	struct registry *r = (struct registry *)1;

	assert_int_equal(registry_load(cfg, &r), 0);
	assert_null(r);
	assert_int_equal(diag_errors(), 0);
	assert_int_equal(diag_warnings(), 0);
	assert_int_equal(registry_count(NULL), 0);
	registry_free(NULL);
}

static void
test_empty_file(void **state)
{
	struct registry *r = load_good("# nothing yet\n");

	assert_int_equal(registry_count(r), 0);
	registry_free(r);
}

static void
test_good_file(void **state)
{
	struct registry *r = load_good(
	    "# comment\n"
	    "- id: layla-haddad\n"
	    "  type: people\n"
	    "  names: {ar: \"ليلى حداد\", en: \"Layla Haddad\", fr: \"Leïla Haddad\"}\n"
	    "  aliases: {ar: [\"Layla Haddad\"], en: [\"L. Haddad\", \"Minister Haddad\"]}\n"
	    "  description:\n"
	    "    en: \"Jordanian *Minister* of Water.\"\n"
	    "  wikidata: Q42\n"
	    "- id: un\n"
	    "  type: organizations\n"
	    "  names:\n"
	    "    ar: \"الأمم المتحدة\"\n"
	    "    en: \"United Nations\"\n");
	const struct reg_entity *e;

	assert_int_equal(diag_warnings(), 0);
	assert_int_equal(registry_count(r), 2);
	e = registry_at(r, 0);
	assert_string_equal(e->id, "layla-haddad");
	assert_string_equal(e->type, "people");
	assert_string_equal(e->name[AR], "ليلى حداد");
	assert_string_equal(e->name[EN], "Layla Haddad");
	assert_string_equal(e->name[FR], "Leïla Haddad");
	assert_null(e->name[FA]);
	assert_non_null(e->desc_html[EN]);
	assert_non_null(strstr(e->desc_html[EN], "<em>Minister</em>"));
	assert_null(e->desc_html[AR]);
	assert_string_equal(e->wikidata, "Q42");
	assert_int_equal(e->line, 2);
	assert_int_equal(registry_index(r, e), 0);
	e = registry_at(r, 1);
	assert_string_equal(e->id, "un");
	assert_string_equal(e->type, "organisations");	/* one spelling */
	assert_null(e->wikidata);
	assert_int_equal(e->line, 9);
	assert_int_equal(registry_index(r, e), 1);
	{
		char *p = at("");

		p[strlen(p) - 1] = '\0';
		assert_string_equal(registry_path(r), p);
		free(p);
	}
	registry_free(r);
}

static void
test_names_stored_nfc(void **state)
{
	/* "Genève" with a combining grave accent: kept as NFC. */
	struct registry *r = load_good("- id: geneva\n  type: places\n"
	    "  names: {fr: \"Gene\xcc\x80ve\"}\n");

	assert_string_equal(registry_at(r, 0)->name[FR], "Gen\xc3\xa8ve");
	registry_free(r);
}

static void
test_not_a_list(void **state)
{
	load_bad("id: x\ntype: people\nnames: {en: X}\n",
	    "error: entities.yaml is a list of entities");
	assert_said_at("1:1: error:");
}

static void
test_entity_not_a_map(void **state)
{
	load_bad("- id: a\n  type: people\n  names: {en: A}\n- just a name\n",
	    "error: each entity is a map with id, type and names");
	assert_said_at("4:3: error: each entity is a map");
}

static void
test_missing_id(void **state)
{
	load_bad("- type: people\n  names: {en: A}\n",
	    "error: every entity needs an id");
	assert_said_at("1:3: error: every entity needs an id");
}

static void
test_invalid_id(void **state)
{
	load_bad("- id: Layla Haddad\n  type: people\n  names: {en: A}\n",
	    "error: every entity needs an id");
	assert_said_at("1:7: error: every entity needs an id");
	sb_reset(&cap);
	diag_reset();
	load_bad("- id: \"\"\n  type: people\n  names: {en: A}\n",
	    "every entity needs an id");
	assert_said_at("1:7: error:");
	sb_reset(&cap);
	diag_reset();
	load_bad("- id: [a, b]\n  type: people\n  names: {en: A}\n",
	    "error:");
	assert_said_at("1:7: error:");
	/* One problem, one line: not also "'id' must be a text value". */
	assert_int_equal(diag_errors(), 1);
}

static void
test_duplicate_id(void **state)
{
	load_bad("- id: paris\n  type: places\n  names: {en: Paris}\n"
	    "- id: tunis\n  type: places\n  names: {en: Tunis}\n"
	    "- id: paris\n  type: places\n  names: {fr: Paris}\n",
	    "error: id 'paris' is also used at line 1; ids are unique");
	/*
	 * The later definition is at fault: the position is its id (the
	 * value at fault, as everywhere else), the message names the first.
	 */
	assert_said_at("7:7: error: id 'paris' is also used at line 1");
	assert_int_equal(diag_errors(), 1);
}

static void
test_missing_type(void **state)
{
	load_bad("- id: paris\n  names: {en: Paris}\n",
	    "error: entity 'paris' needs a type");
	assert_said_at("1:3: error: entity 'paris' needs a type");
	sb_reset(&cap);
	diag_reset();
	load_bad("- id: paris\n  type: Places\n  names: {en: Paris}\n",
	    "entity 'paris' needs a type");
	assert_said_at("2:9: error:");
	sb_reset(&cap);
	diag_reset();
	/* Types that would take the URL of another page. */
	load_bad("- id: paris\n  type: entities\n  names: {en: Paris}\n",
	    "entity 'paris' needs a type");
	sb_reset(&cap);
	diag_reset();
	load_bad("- id: paris\n  type: page\n  names: {en: Paris}\n",
	    "entity 'paris' needs a type");
}

static void
test_type_taking_a_year_url(void **state)
{
	/*
	 * A type is a URL segment, /<lang>/<type>/: like "entities" and
	 * "page", a year would take the URL of another page (the year
	 * archive /<lang>/2021/), which today fails only when writing, as
	 * "two pages claim this path", with no position in entities.yaml.
	 */
	load_bad("- id: x\n  type: \"2021\"\n  names: {en: Xavier}\n",
	    "entity 'x' needs a type");
	assert_said_at("2:9: error:");
}

static void
test_missing_names(void **state)
{
	load_bad("- id: a\n  type: people\n  names: {en: A}\n"
	    "- id: paris\n  type: places\n",
	    "error: entity 'paris' has no names");
	assert_said_at("4:3: error: entity 'paris' has no names");
}

static void
test_names_not_a_map(void **state)
{
	load_bad("- id: paris\n  type: places\n  names: Paris\n",
	    "error: 'names' must be a map of language to text");
	assert_said_at("3:10: error: 'names' must be a map");
	sb_reset(&cap);
	diag_reset();
	load_bad("- id: paris\n  type: places\n  names: [Paris, Parigi]\n",
	    "'names' must be a map");
	assert_said_at("3:10: error:");
	sb_reset(&cap);
	diag_reset();
	load_bad("- id: paris\n  type: places\n  names: {en: Paris}\n"
	    "  aliases: {en: {a: b}}\n",
	    "error: 'aliases' must be a list, not a map");
	assert_said_at("4:17: error:");
}

static void
test_unknown_language_warns(void **state)
{
	struct registry *r = load_good("- id: paris\n  type: places\n"
	    "  names: {en: Paris, de: Paris}\n"
	    "  aliases: {it: [Parigi]}\n");

	assert_int_equal(diag_warnings(), 2);
	assert_said_at("3:22: warning: language 'de' is not in site.yaml; "
	    "its names are ignored");
	assert_said_at("4:13: warning: language 'it' is not in site.yaml; "
	    "its aliases are ignored");
	assert_string_equal(registry_at(r, 0)->name[EN], "Paris");
	registry_free(r);
}

static void
test_unknown_language_in_ambiguous_warns_once(void **state)
{
	struct registry *r = load_good("- id: amal\n  type: people\n"
	    "  names: {en: Amal}\n"
	    "  ambiguous: {de: [Amal]}\n");

	registry_free(r);
	assert_said_at("4:15: warning: language 'de' is not in site.yaml");
	/* One problem, one line. */
	assert_int_equal(said_times("language 'de'"), 1);
	assert_int_equal(diag_warnings(), 1);
}

static void
test_unknown_key_warns(void **state)
{
	struct registry *r = load_good("- id: paris\n  type: places\n"
	    "  names: {en: Paris}\n  wikipedia: Paris\n");

	assert_int_equal(diag_warnings(), 1);
	assert_said_at("4:3: warning: unknown ");
	assert_said("'wikipedia' is ignored");
	assert_int_equal(registry_count(r), 1);
	registry_free(r);
}

static void
test_every_error_reported(void **state)
{
	load_bad("- id: a\n  type: people\n  names: {en: A}\n"
	    "- type: people\n  names: {en: B}\n"
	    "- id: c\n  names: {en: C}\n"
	    "- id: a\n  type: people\n  names: {en: D}\n",
	    "every entity needs an id");
	assert_said("entity 'c' needs a type");
	assert_said("id 'a' is also used at line 1");
	assert_int_equal(diag_errors(), 3);
}

static void
test_invalid_utf8(void **state)
{
	load_bad("- id: a\n  type: people\n  names: {ar: \"\xc7\xe1\"}\n",
	    "invalid UTF-8 at byte");
}

static void
test_yaml_error(void **state)
{
	load_bad("- id: a\n  type: people\n  names: {en: \"A}\n", "YAML");
}

/* ------------------------------------------------------------- lookup */

static char *mentions_of(const struct registry *, int, const char *);

static const char lookup_yaml[] =
    "- id: layla-haddad\n"
    "  type: people\n"
    "  names: {ar: \"ليلى حداد\", en: \"Layla Haddad\", fr: \"Leïla Haddad\", fa: \"لیلا حداد\"}\n"
    "  aliases: {en: [\"Minister Haddad\"]}\n"
    "- id: un\n"
    "  type: organisations\n"
    "  names: {ar: \"الأمم المتحدة\", en: \"United Nations\", fr: \"Nations unies\", fa: \"سازمان ملل متحد\"}\n"
    "  aliases: {en: [\"UN\"], fr: [\"ONU\"]}\n"
    "- id: cairo\n"
    "  type: places\n"
    "  names: {ar: \"القاهرة\", en: \"Cairo\", fr: \"Le Caire\", fa: \"قاهره\"}\n"
    "- id: amman\n"
    "  type: places\n"
    "  names: {ar: \"عمّان\", en: \"Amman\"}\n"
    "- id: reza-karimi\n"
    "  type: people\n"
    "  names: {ar: \"رضا كريمي\", fa: \"رضا کریمی\"}\n"
    "- id: amal-a\n"
    "  type: people\n"
    "  names: {en: \"Amal Saad\"}\n"
    "  aliases: {en: [\"Amal\"]}\n"
    "- id: amal-b\n"
    "  type: people\n"
    "  names: {en: \"Amal Nasser\"}\n"
    "  aliases: {en: [\"amal\"]}\n";

static void
expect_lookup(const struct registry *r, const char *name, const char *id)
{
	const struct reg_entity *other = (void *)1, *e;

	e = registry_lookup(r, name, &other);
	if (id == NULL) {
		if (e != NULL)
			fail_msg("'%s' found %s", name, e->id);
		assert_null(other);
		return;
	}
	if (e == NULL)
		fail_msg("'%s' found nothing, want %s", name, id);
	if (strcmp(e->id, id) != 0)
		fail_msg("'%s' found %s, want %s", name, e->id, id);
	if (other != NULL)
		fail_msg("'%s' is ambiguous (%s)", name, other->id);
}

static void
test_lookup_each_language(void **state)
{
	struct registry *r = load_good(lookup_yaml);

	expect_lookup(r, "ليلى حداد", "layla-haddad");
	expect_lookup(r, "Layla Haddad", "layla-haddad");
	expect_lookup(r, "Leïla Haddad", "layla-haddad");
	expect_lookup(r, "لیلا حداد", "layla-haddad");
	expect_lookup(r, "Le Caire", "cairo");
	expect_lookup(r, "قاهره", "cairo");
	expect_lookup(r, "Nations unies", "un");
	expect_lookup(r, "سازمان ملل متحد", "un");
	expect_lookup(r, "Oslo", NULL);
	expect_lookup(r, "", NULL);
	/* A part of a name is not the name. */
	expect_lookup(r, "Layla", NULL);
	expect_lookup(r, "Haddad", NULL);
	registry_free(r);
}

static void
test_lookup_aliases(void **state)
{
	struct registry *r = load_good(lookup_yaml);

	expect_lookup(r, "Minister Haddad", "layla-haddad");
	expect_lookup(r, "UN", "un");
	expect_lookup(r, "ONU", "un");
	/* An alias of one language names the entity from any language. */
	expect_lookup(r, "onu", "un");
	registry_free(r);
}

static void
test_lookup_folding(void **state)
{
	struct registry *r = load_good(lookup_yaml);

	/* Hamza on alef or not. */
	expect_lookup(r, "الامم المتحدة", "un");
	expect_lookup(r, "الإمم المتحدة", "un");
	/* Taa marbuta written haa. */
	expect_lookup(r, "القاهره", "cairo");
	expect_lookup(r, "الأمم المتحده", "un");
	/* Alef maqsura and yeh. */
	expect_lookup(r, "ليلي حداد", "layla-haddad");
	/* Harakat, shadda, and tatweel. */
	expect_lookup(r, "القَاهِرَةُ", "cairo");
	expect_lookup(r, "عمان", "amman");
	expect_lookup(r, "عَمّان", "amman");
	expect_lookup(r, "القاهـــرة", "cairo");
	/* Case, white space, NFD. */
	expect_lookup(r, "LAYLA HADDAD", "layla-haddad");
	expect_lookup(r, "united   nations", "un");
	expect_lookup(r, "Layla\nHaddad", "layla-haddad");
	expect_lookup(r, "Lei\xcc\x88la Haddad", "layla-haddad");
	/* Persian yeh and keheh against Arabic yeh and kaf, both ways. */
	expect_lookup(r, "رضا کریمی", "reza-karimi");
	expect_lookup(r, "رضا كريمي", "reza-karimi");
	expect_lookup(r, "رضا کريمى", "reza-karimi");
	registry_free(r);
}

static void
test_lookup_ambiguous(void **state)
{
	struct registry *r = load_good(lookup_yaml);
	const struct reg_entity *e, *other = NULL;

	/* "Amal" and "amal" fold to one name of two entities. */
	e = registry_lookup(r, "Amal", &other);
	assert_non_null(e);
	assert_non_null(other);
	assert_true(e != other);
	assert_true((strcmp(e->id, "amal-a") == 0 &&
	    strcmp(other->id, "amal-b") == 0) ||
	    (strcmp(e->id, "amal-b") == 0 && strcmp(other->id, "amal-a") == 0));
	/* Their full names are not ambiguous. */
	expect_lookup(r, "Amal Saad", "amal-a");
	expect_lookup(r, "Amal Nasser", "amal-b");
	registry_free(r);
}

/* Amman and Oman fold alike; the marks the writer wrote tell them apart. */
static void
test_lookup_marks_decide(void **state)
{
	struct registry *r = load_good("- id: amman\n  type: places\n"
	    "  names: {ar: \"عمّان\", en: \"Amman\"}\n"
	    "- id: oman\n  type: places\n"
	    "  names: {ar: \"عُمان\", en: \"Oman\"}\n");
	const struct reg_entity *e, *other = NULL;
	char *t;

	expect_lookup(r, "عمّان", "amman");
	expect_lookup(r, "عُمان", "oman");
	/* NFD input is the same name once normalised by the caller. */
	t = text_nfc("\xd8\xb9\xd9\x85\xd9\x91\xd8\xa7\xd9\x86");
	expect_lookup(r, t, "amman");
	free(t);
	/* Bare: both. */
	e = registry_lookup(r, "عمان", &other);
	assert_non_null(e);
	assert_non_null(other);
	assert_true(e != other);
	/* In text neither is found, with or without marks; Oman still is. */
	t = mentions_of(r, AR, "زار الوفد عمان ثم عمّان.");
	assert_string_equal(t, "");
	free(t);
	t = mentions_of(r, EN, "From Amman to Oman.");
	assert_string_equal(t, "amman oman");
	free(t);
	registry_free(r);
}

static void
test_lookup_same_name_twice_one_entity(void **state)
{
	/* One entity with the same name in three languages is no ambiguity. */
	struct registry *r = load_good("- id: karim\n  type: people\n"
	    "  names: {en: \"Karim Mansour\", fr: \"Karim Mansour\"}\n"
	    "  aliases: {ar: [\"Karim Mansour\", \"karim mansour\"]}\n");

	expect_lookup(r, "Karim Mansour", "karim");
	registry_free(r);
}

static void
test_lookup_ambiguous_list_still_names(void **state)
{
	/* A name marked ambiguous still identifies the entity in front matter. */
	struct registry *r = load_good("- id: amal\n  type: people\n"
	    "  names: {ar: \"أمل\", en: \"Amal\"}\n"
	    "  ambiguous: {ar: [\"أمل\"]}\n");

	expect_lookup(r, "أمل", "amal");
	expect_lookup(r, "امل", "amal");
	registry_free(r);
}

/* ----------------------------------------------------------- mentions */

/* The registry of the table: names chosen to collide with words. */
static const char mention_yaml[] =
    "- id: cairo\n"
    "  type: places\n"
    "  names: {ar: \"القاهرة\", en: \"Cairo\", fr: \"Le Caire\", fa: \"قاهره\"}\n"
    "  aliases: {fr: [\"Caire\"]}\n"
    "- id: amman\n"
    "  type: places\n"
    "  names: {ar: \"عمّان\", en: \"Amman\", fr: \"Amman\", fa: \"امان\"}\n"
    "  ambiguous: {fa: [\"امان\"]}\n"
    "- id: beirut\n"
    "  type: places\n"
    "  names: {ar: \"بيروت\", en: \"Beirut\", fr: \"Beyrouth\", fa: \"بیروت\"}\n"
    "- id: tunis\n"
    "  type: places\n"
    "  names: {ar: \"تونس\", en: \"Tunis\", fr: \"Tunis\", fa: \"تونس\"}\n"
    "- id: paris\n"
    "  type: places\n"
    "  names: {ar: \"باريس\", en: \"Paris\", fr: \"Paris\", fa: \"پاریس\"}\n"
    "- id: geneva\n"
    "  type: places\n"
    "  names: {ar: \"جنيف\", en: \"Geneva\", fr: \"Genève\", fa: \"ژنو\"}\n"
    "- id: un\n"
    "  type: organisations\n"
    "  names: {ar: \"الأمم المتحدة\", en: \"United Nations\", fr: \"Nations unies\", fa: \"سازمان ملل متحد\"}\n"
    "  aliases: {fr: [\"ONU\"]}\n"
    "- id: unsc\n"
    "  type: organisations\n"
    "  names: {ar: \"مجلس الأمن الدولي\", en: \"United Nations Security Council\", fr: \"Conseil de sécurité des Nations unies\"}\n"
    "  aliases: {ar: [\"مجلس الأمن\"], en: [\"Security Council\"]}\n"
    "- id: unesco\n"
    "  type: organisations\n"
    "  names: {ar: \"اليونسكو\", en: \"UNESCO\", fr: \"Unesco\", fa: \"یونسکو\"}\n"
    "- id: layla-haddad\n"
    "  type: people\n"
    "  names: {ar: \"ليلى حداد\", en: \"Layla Haddad\", fr: \"Leïla Haddad\", fa: \"لیلا حداد\"}\n"
    "- id: reza-karimi\n"
    "  type: people\n"
    "  names: {ar: \"رضا كريمي\", en: \"Reza Karimi\", fa: \"رضا کریمی\"}\n"
    "- id: amal\n"
    "  type: people\n"
    "  names: {ar: \"أمل\", en: \"Amal\", fr: \"Amal\"}\n"
    "  ambiguous: {ar: [\"أمل\"]}\n"
    "- id: g20\n"
    "  type: organisations\n"
    "  names: {ar: \"مجموعة العشرين\", en: \"G20\", fr: \"G20\"}\n"
    "- id: vision-2030\n"
    "  type: programmes\n"
    "  names: {ar: \"رؤية 2030\", en: \"Vision 2030\", fa: \"چشم\u200cانداز 2030\"}\n";

struct mention_row {
	int		 lang;
	const char	*text;
	const char	*want;	/* ids in order of first mention, space-separated */
};

static const struct mention_row mention_table[] = {
	/* Plain names, each language. */
	{ AR, "وصل الوفد إلى القاهرة مساء الخميس.", "cairo" },
	{ EN, "The delegation reached Cairo on Thursday.", "cairo" },
	{ FR, "La délégation est arrivée au Caire jeudi.", "cairo" },
	{ FR, "Le Caire accueille la conférence.", "cairo" },
	{ FA, "هیئت روز پنجشنبه به قاهره رسید.", "cairo" },
	/* Arabic proclitics: و ف ب ل ك, alone and combined, and لل. */
	{ AR, "زار الوزير بيروت وبالقاهرة التقى نظيره.", "beirut cairo" },
	{ AR, "وتونس تستضيف القمة.", "tunis" },
	{ AR, "فبيروت لم تنم تلك الليلة.", "beirut" },
	{ AR, "وصل الوفد بعمّان صباحًا.", "amman" },
	{ AR, "مدينة كالقاهرة لا تنام.", "cairo" },
	{ AR, "رسالة للأمم المتحدة من المجتمع المدني.", "un" },
	{ AR, "ووجه نداءً وللأمم المتحدة دور في ذلك.", "un" },
	{ AR, "فللقاهرة مكانة خاصة.", "cairo" },
	{ AR, "سافر لتونس ثم لباريس.", "tunis paris" },
	{ AR, "وبباريس عقد اللقاء.", "paris" },
	/* Not inside other words. */
	{ AR, "الحياة القاهرية في الخمسينيات.", "" },
	{ AR, "تحدث عن الدبلوماسية التونسية.", "" },
	{ EN, "A Tunisian delegation arrived.", "" },
	{ FR, "Le quotidien parisien titre sur la crise.", "" },
	{ FR, "Un Parisien interrogé hier.", "" },
	{ EN, "The Cairene press reacted.", "" },
	/* Longest match wins; a shorter name stays found elsewhere. */
	{ EN, "The United Nations Security Council met today.", "unsc" },
	{ EN, "The United Nations and the Security Council disagree.", "un unsc" },
	{ AR, "اجتمع مجلس الأمن الدولي بطلب من الأمم المتحدة.", "unsc un" },
	{ AR, "اجتمع مجلس الأمن أمس.", "unsc" },
	{ FR, "Le Conseil de sécurité des Nations unies siège à Genève.", "unsc geneva" },
	/* A name that is also a common word. */
	{ AR, "يحدوهم أمل كبير في التغيير.", "" },
	{ AR, "وأملهم كبير.", "" },
	{ EN, "Amal said the talks would resume.", "amal" },
	{ EN, "There is little amal left, the poet wrote.", "" },
	{ FR, "Amal a pris la parole.", "amal" },
	{ FA, "امان از دست این گرما.", "" },
	/* Case in Latin text: a capital where the name has one. */
	{ EN, "the paris climate deal", "" },
	{ EN, "PARIS AND GENEVA", "paris geneva" },
	/* French elision (' and ’), and accents. */
	{ FR, "Le directeur de l'UNESCO est arrivé.", "unesco" },
	{ FR, "La directrice de l’Unesco à Genève.", "unesco geneva" },
	{ FR, "Le représentant de l'ONU à Beyrouth.", "un beirut" },
	{ FR, "La conférence d'Amman s'ouvre.", "amman" },
	{ FR, "Les délégués qu’Amal a reçus.", "amal" },
	{ FR, "Aujourd'hui à Paris, jusqu'à Genève.", "paris geneva" },
	{ FR, "Une réunion à Genève.", "geneva" },
	{ FR, "Une réunion à Gen\xc3\xa8ve.", "geneva" },
	/* NFD input: e + combining grave, ï as i + diaeresis. */
	{ FR, "Une réunion à Gene\xcc\x80ve avec Lei\xcc\x88la Haddad.",
	    "geneva layla-haddad" },
	/* Persian spellings (yeh, keheh) of Arabic names and back. */
	{ AR, "صرّح رضا کریمی للصحفيين.", "reza-karimi" },
	{ FA, "رضا كريمي گفت.", "reza-karimi" },
	{ AR, "التقت ليلي حداد بالوفد.", "layla-haddad" },
	/* Folding in text: hamza, taa marbuta, harakat, tatweel. */
	{ AR, "بيان الامم المتحده الأخير.", "un" },
	{ AR, "في القَاهِرَةِ أمس.", "cairo" },
	{ AR, "في القاهـــرة أمس.", "cairo" },
	/* A name split across a line break, and across several spaces. */
	{ EN, "Talks with Layla\nHaddad ended.", "layla-haddad" },
	{ AR, "بيان من الأمم\nالمتحدة.", "un" },
	{ EN, "The United  \n Nations said.", "un" },
	/* Digits. */
	{ EN, "The G20 summit opened.", "g20" },
	{ EN, "The G200 is no such group.", "" },
	{ EN, "Vision 2030 was announced; Vision 2031 was not.", "vision-2030" },
	{ AR, "أعلنت رؤية 2030 أمس.", "vision-2030" },
	/* Persian: with or without the zero-width non-joiner. */
	{ FA, "سند چشم\u200cانداز 2030 منتشر شد.", "vision-2030" },
	{ FA, "سند چشمانداز 2030 منتشر شد.", "vision-2030" },
	/* Order of first mention, each entity once. */
	{ EN, "Paris, then Tunis, then Paris again, then Cairo.", "paris tunis cairo" },
	/* Names of another language are not looked for. */
	{ EN, "Reporting from القاهرة.", "" },
	{ AR, "Reporting from Cairo.", "" },
	/* Nothing to find. */
	{ EN, "", "" },
	{ AR, "   \n\n  ", "" },
};

/* The ids found, space-separated; caller frees. */
static char *
mentions_of(const struct registry *r, int lang, const char *text)
{
	const struct reg_entity **found = NULL;
	struct strbuf sb = STRBUF_INIT;
	size_t n, k;

	n = registry_mentions(r, (size_t)lang, text, &found, 0);
	for (k = 0; k < n; k++) {
		if (k > 0)
			sb_addc(&sb, ' ');
		sb_adds(&sb, found[k]->id);
	}
	free(found);
	return sb_detach(&sb);
}

/*
 * Rows that fail today (see the report of the registry tests):
 * - ICU's word rules keep a letter, an apostrophe and a letter together;
 *   the elided French article is now split off, but the English
 *   possessive ("Cairo's", "Beirut’s") still makes one word with the
 *   name, which is then never found;
 * - digits are not folded: a name written with Western digits is not
 *   found where the article uses Arabic-Indic or Persian ones (slugs
 *   fold them; names do not);
 * - one symbol that NFKC folds into letters (℃ -> °c, ㎞ -> km, № -> no)
 *   anywhere in a text gives the folded text one word more than the text
 *   as written; capital_at() then answers "no capital" for every word,
 *   and every name written with a capital is lost, in the whole article.
 */
static const struct mention_row mention_bugs[] = {
	{ EN, "Paris recorded 40 ℃ on Monday.", "paris" },
	{ FR, "À 5 ㎞ de Genève.", "geneva" },
	{ EN, "Cairo, № 3 on the list.", "cairo" },
	{ EN, "Cairo's mayor met Beirut’s governor.", "cairo beirut" },
	{ AR, "أعلنت رؤية ٢٠٣٠ أمس.", "vision-2030" },
	{ FA, "سند چشم\u200cانداز ۲۰۳۰ منتشر شد.", "vision-2030" },
};

static void
run_table(const struct mention_row *t, size_t n)
{
	struct registry *r = load_good(mention_yaml);
	static const char *code[] = { "ar", "en", "fr", "fa" };
	size_t i, bad = 0;

	assert_int_equal(diag_warnings(), 0);
	for (i = 0; i < n; i++) {
		const struct mention_row *m = &t[i];
		char *got = mentions_of(r, m->lang, m->text);

		if (strcmp(got, m->want) != 0) {
			print_error("row %zu (%s) \"%s\": found [%s], want [%s]\n",
			    i + 1, code[m->lang], m->text, got, m->want);
			bad++;
		}
		free(got);
	}
	registry_free(r);
	if (bad)
		fail_msg("%zu of %zu rows of the table failed", bad, n);
}

static void
test_mention_table(void **state)
{
	run_table(mention_table, sizeof(mention_table) / sizeof(mention_table[0]));
}

static void
test_mention_possessive_digits_symbols(void **state)
{
	run_table(mention_bugs, sizeof(mention_bugs) / sizeof(mention_bugs[0]));
}

static void
test_mentions_scalar_alias(void **state)
{
	/*
	 * A one-name alias may be written without brackets (the loader
	 * takes a scalar as a list of one): it names the entity in front
	 * matter, and must be found in text like a bracketed one.
	 */
	struct registry *r = load_good("- id: un\n  type: organisations\n"
	    "  names: {en: \"United Nations\", fr: \"Nations unies\"}\n"
	    "  aliases: {en: \"UN\", fr: [\"ONU\"]}\n");
	char *fr, *en;
	int ok;

	expect_lookup(r, "UN", "un");
	expect_lookup(r, "ONU", "un");
	fr = mentions_of(r, FR, "Une résolution de l'ONU.");
	en = mentions_of(r, EN, "A UN resolution.");
	ok = strcmp(fr, "un") == 0 && strcmp(en, "un") == 0;
	if (!ok)
		print_error("fr (bracketed alias) found [%s]; en (alias without "
		    "brackets) found [%s]; want [un] for both\n", fr, en);
	free(fr);
	free(en);
	registry_free(r);
	assert_true(ok);
}

static void
test_mentions_append(void **state)
{
	/* Entities already in the list are not added twice. */
	struct registry *r = load_good(mention_yaml);
	const struct reg_entity **found = NULL;
	size_t n;

	n = registry_mentions(r, EN, "Cairo and Paris.", &found, 0);
	assert_int_equal(n, 2);
	n = registry_mentions(r, EN, "Paris, Geneva and Cairo.", &found, n);
	assert_int_equal(n, 3);
	assert_ptr_equal(found[0], by_id(r, "cairo"));
	assert_ptr_equal(found[1], by_id(r, "paris"));
	assert_ptr_equal(found[2], by_id(r, "geneva"));
	free(found);
	registry_free(r);
}

static void
test_mentions_no_registry(void **state)
{
	const struct reg_entity **found = NULL;

	assert_int_equal(registry_mentions(NULL, EN, "Cairo", &found, 0), 0);
	assert_null(found);
}

static void
test_mentions_language_without_names(void **state)
{
	struct registry *r = load_good("- id: cairo\n  type: places\n"
	    "  names: {en: Cairo}\n");
	const struct reg_entity **found = NULL;

	assert_int_equal(registry_mentions(r, FR, "Cairo", &found, 0), 0);
	assert_int_equal(registry_mentions(r, EN, "Cairo", &found, 0), 1);
	free(found);
	registry_free(r);
}

static void
test_mentions_long_text(void **state)
{
	/* Many words, many names: every one found once, in order. */
	struct registry *r = load_good(mention_yaml);
	struct strbuf sb = STRBUF_INIT;
	char *got;
	int i;

	for (i = 0; i < 2000; i++)
		sb_adds(&sb, "Lorem ipsum dolor sit amet, the Tunisian press. ");
	sb_adds(&sb, "Geneva. ");
	for (i = 0; i < 2000; i++)
		sb_adds(&sb, "United Nations Security Council, Paris. ");
	got = mentions_of(r, EN, sb_str(&sb));
	assert_string_equal(got, "geneva unsc paris");
	free(got);
	sb_free(&sb);
	registry_free(r);
}

/* ------------------------------------------------------ index letters */

static void
expect_letter(const char *name, const char *want)
{
	char *got = text_index_letter(name), copy[32];
	int same = strcmp(got, want) == 0;

	snprintf(copy, sizeof(copy), "%s", got);
	free(got);
	if (!same)
		fail_msg("'%s' is filed under '%s', want '%s'", name, copy, want);
}

static void
test_entity_index_letters(void **state)
{
	/* The letter groups of /<lang>/entities/: marks off, alef variants one. */
	expect_letter("القاهرة", "ا");
	expect_letter("أمل", "ا");
	expect_letter("إيران", "ا");
	expect_letter("آمنة", "ا");
	expect_letter("عمّان", "ع");
	expect_letter("Hélène Marchand", "H");
	expect_letter("Éric Rohmer", "E");
	expect_letter("«ذاكرة»", "ذ");
	expect_letter("2030 Agenda", "#");
	/* An Arabic name keeps its Arabic letters. */
	expect_letter("كريم منصور", "ك");
	expect_letter("يوسف", "ي");
	/*
	 * A Persian name is filed under its Persian letter: keheh and Farsi
	 * yeh are letters of their own in a Persian index, not the Arabic kaf
	 * and yeh that name matching folds them to (the fa index of the
	 * sample shows "ك" over کریم منصور and "ي" over یونسکو).
	 */
	expect_letter("کریم منصور", "ک");
	expect_letter("یونسکو", "ی");
	expect_letter("گرگان", "گ");
	expect_letter("پاریس", "پ");
}

int
main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_no_file),
		T(test_empty_file),
		T(test_good_file),
		T(test_names_stored_nfc),
		T(test_not_a_list),
		T(test_entity_not_a_map),
		T(test_missing_id),
		T(test_invalid_id),
		T(test_duplicate_id),
		T(test_missing_type),
		T(test_type_taking_a_year_url),
		T(test_missing_names),
		T(test_names_not_a_map),
		T(test_unknown_language_warns),
		T(test_unknown_language_in_ambiguous_warns_once),
		T(test_unknown_key_warns),
		T(test_every_error_reported),
		T(test_invalid_utf8),
		T(test_yaml_error),
		T(test_lookup_each_language),
		T(test_lookup_aliases),
		T(test_lookup_folding),
		T(test_lookup_ambiguous),
		T(test_lookup_marks_decide),
		T(test_lookup_same_name_twice_one_entity),
		T(test_lookup_ambiguous_list_still_names),
		T(test_mention_table),
		T(test_mention_possessive_digits_symbols),
		T(test_mentions_scalar_alias),
		T(test_mentions_append),
		T(test_mentions_no_registry),
		T(test_mentions_language_without_names),
		T(test_mentions_long_text),
		T(test_entity_index_letters),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	sb_free(&cap);
	text_cleanup();
	return rc;
}
