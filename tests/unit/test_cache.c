/*
 * test_cache.c: the build cache (cache.h), an article's records in it
 * (content/codec.c), and content_load() over it.
 */
#define _GNU_SOURCE
#include <sys/stat.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <lmdb.h>
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "base/util.h"
#include "text/text.h"
#include "input/config.h"
#include "input/registry.h"
#include "content/content.h"
#include "cache/cache.h"
#include "content/content_int.h"
#include "said.h"

static char *nocal[] = { NULL };
static struct language langs[2];
static struct config cfg;
static char tmpl[64];
static char *dir;		/* the site */
static char *cdir;		/* its cache */
static unsigned char fp[CACHE_HASH_LEN];

static void
write_file(const char *rel, const char *text)
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

static int
setup(void **state)
{
	(void)state;
	memset(langs, 0, sizeof(langs));
	langs[0].code = (char *)"ar";
	langs[0].name = (char *)"العربية";
	langs[0].rtl = 1;
	langs[0].slugs = SLUG_UNICODE;
	langs[1].code = (char *)"en";
	langs[1].name = (char *)"English";
	langs[1].slugs = SLUG_ASCII;
	langs[0].locale = langs[0].code;
	langs[1].locale = langs[1].code;
	langs[0].calendars = langs[1].calendars = nocal;
	langs[0].title = langs[1].title = (char *)"Archive";
	strcpy(tmpl, "/tmp/arshif-cache-XXXXXX");
	dir = mkdtemp(tmpl);
	assert_non_null(dir);
	memset(&cfg, 0, sizeof(cfg));
	cfg.source = dir;
	cfg.path = (char *)"site.yaml";
	cfg.base_url = (char *)"https://example.org/";
	cfg.langs = langs;
	cfg.nlangs = 2;
	cfg.paginate = 10;
	cfg.feed_size = 50;
	cfg.mentions = 1;
	cdir = path_join(dir, ".arshif-cache");
	write_file("site.yaml", "base_url: https://example.org/\n");
	cache_fingerprint(dir, fp);
	sb_reset(&cap);
	diag_reset();
	diag_capture(&cap);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	diag_capture(NULL);
	diag_set_strict(0);
	rm_rf(dir);
	free(cdir);
	return 0;
}

static struct article *
parse(const char *text, int lang, struct diag_list *dl)
{
	struct article *a;

	diag_record(dl);
	a = article_parse(&cfg, "content/en/t.md", text, strlen(text), lang);
	diag_record(NULL);
	return a;
}

static void
store_one(const unsigned char key[CACHE_HASH_LEN], const struct article *a,
    const struct diag_list *dl)
{
	struct cache *c = cache_open(cdir, fp);
	struct cache_batch *b;

	assert_non_null(c);
	b = cache_batch_begin(c);
	codec_body_put(b, key, a);
	codec_article_put(b, key, a, dl);
	assert_int_equal(cache_batch_commit(b), 0);
	cache_close(c);
}

#define ART "---\ntitle: \"Water\\u202e talks\"\ndate: 2019-03-12T09:30:00+03:00\n" \
	"updated: 2019-03-13\nslug: water\nauthor: Salma\ntags: [a, b]\n" \
	"translation_key: w-2019\nentities:\n  people: [\"Layla Haddad\"]\n" \
	"  places: [Amman]\nsource: Wire\naliases: [/old/water/, old.html]\n" \
	"---\nFirst *para*.\n\n`code` and " \
	"text.\n"

/* Every field article_parse() sets comes back, the body on demand. */
static void
test_article_round_trip(void **state)
{
	struct diag_list dl = { NULL, 0 }, back = { NULL, 0 };
	struct article *a = parse(ART, 1, &dl), *b;
	unsigned char key[CACHE_HASH_LEN];
	struct cache *c;
	const char *html, *text;
	size_t i;

	(void)state;
	assert_non_null(a);
	assert_int_equal(dl.n, 1);	/* the bidi override in the title */
	memset(key, 7, sizeof(key));
	store_one(key, a, &dl);
	c = cache_open(cdir, fp);
	assert_non_null(c);
	b = codec_article_get(c, key, "content/en/u.md", NULL, &back);
	assert_non_null(b);
	assert_string_equal(b->path, "content/en/u.md");
	assert_int_equal(b->lang, a->lang);
	assert_string_equal(b->title, a->title);
	assert_string_equal(b->slug, a->slug);
	assert_string_equal(b->summary, a->summary);
	assert_string_equal(b->author, a->author);
	assert_string_equal(b->tkey, a->tkey);
	assert_memory_equal(&b->date, &a->date, sizeof(a->date));
	assert_memory_equal(&b->updated, &a->updated, sizeof(a->updated));
	assert_int_equal(b->has_updated, 1);
	assert_int_equal(b->draft, 0);
	assert_int_equal(b->slug_line, a->slug_line);
	assert_int_equal(b->slug_col, a->slug_col);
	assert_int_equal(b->tkey_line, a->tkey_line);
	assert_int_equal(b->tkey_col, a->tkey_col);
	assert_int_equal(b->slug_given, 1);
	assert_int_equal(b->empty_body, 0);
	assert_int_equal(b->aliases_line, a->aliases_line);
	assert_int_equal(b->aliases_col, a->aliases_col);
	assert_int_equal(b->naliases, 2);
	assert_string_equal(b->aliases[0], "old/water/");
	assert_string_equal(b->aliases[1], "old.html");
	assert_null(b->aliases[2]);
	assert_int_equal(b->ntags, 2);
	assert_string_equal(b->tags[1], "b");
	assert_null(b->tags[2]);
	assert_int_equal(b->nents, a->nents);
	for (i = 0; i < a->nents; i++) {
		assert_string_equal(b->ents[i].type, a->ents[i].type);
		assert_string_equal(b->ents[i].name, a->ents[i].name);
		assert_int_equal(b->ents[i].line, a->ents[i].line);
		assert_int_equal(b->ents[i].col, a->ents[i].col);
	}
	for (i = 0; a->extra[i]; i++)
		assert_string_equal(b->extra[i], a->extra[i]);
	assert_null(b->extra[i]);
	assert_int_equal(back.n, 1);
	assert_int_equal(back.v[0].level, dl.v[0].level);
	assert_int_equal(back.v[0].line, dl.v[0].line);
	assert_string_equal(back.v[0].msg, dl.v[0].msg);
	/* The big fields are not loaded with the rest. */
	assert_null(b->html);
	assert_null(b->text);
	assert_int_equal(codec_body_get(c, key, &html, &text), 0);
	assert_string_equal(html, a->html);
	assert_string_equal(text, a->text);
	/* Another key holds nothing. */
	key[0] ^= 1;
	assert_null(codec_article_get(c, key, "x", NULL, &back));
	assert_int_equal(codec_body_get(c, key, &html, &text), -1);
	article_free(b);
	cache_close(c);
	article_free(a);
	diag_list_free(&dl);
	diag_list_free(&back);
}

/* Flips one byte in the value of the first record of table name. */
static void
damage(const char *name, size_t at)
{
	MDB_env *env;
	MDB_txn *txn;
	MDB_dbi dbi;
	MDB_cursor *cur;
	MDB_val k, v;
	char *copy;

	assert_int_equal(mdb_env_create(&env), 0);
	mdb_env_set_maxdbs(env, 8);
	assert_int_equal(mdb_env_open(env, cdir, 0, 0644), 0);
	assert_int_equal(mdb_txn_begin(env, NULL, 0, &txn), 0);
	assert_int_equal(mdb_dbi_open(txn, name, 0, &dbi), 0);
	assert_int_equal(mdb_cursor_open(txn, dbi, &cur), 0);
	assert_int_equal(mdb_cursor_get(cur, &k, &v, MDB_FIRST), 0);
	mdb_cursor_close(cur);
	assert_true(at < v.mv_size);
	copy = xmalloc(v.mv_size);
	memcpy(copy, v.mv_data, v.mv_size);
	copy[at] ^= 0x20;
	v.mv_data = copy;
	assert_int_equal(mdb_put(txn, dbi, &k, &v, 0), 0);
	assert_int_equal(mdb_txn_commit(txn), 0);
	mdb_env_close(env);
	free(copy);
}

/* A damaged record is never used, and the next write starts afresh. */
static void
test_damaged_record(void **state)
{
	struct diag_list dl = { NULL, 0 };
	struct article *a = parse(ART, 1, &dl), *b;
	unsigned char key[CACHE_HASH_LEN];
	struct cache *c;
	const char *html, *text;

	(void)state;
	memset(key, 3, sizeof(key));
	store_one(key, a, &dl);
	damage("parse", 10);
	c = cache_open(cdir, fp);
	assert_non_null(c);
	assert_null(codec_article_get(c, key, "x", NULL, &dl));
	/* The body is whole, but goes with the rest. */
	assert_int_equal(codec_body_get(c, key, &html, &text), 0);
	assert_int_equal(diag_warnings(), 0);
	cache_close(c);
	assert_said(": warning: the build cache holds a damaged record; it "
	    "will be rebuilt");
	c = cache_open(cdir, fp);
	assert_int_equal(codec_body_get(c, key, &html, &text), -1);
	cache_close(c);
	/* A damaged body is found as well. */
	store_one(key, a, &dl);
	damage("body", 5);
	c = cache_open(cdir, fp);
	b = codec_article_get(c, key, "x", NULL, &dl);
	assert_non_null(b);
	assert_int_equal(codec_body_get(c, key, &html, &text), -1);
	article_free(b);
	cache_close(c);
	article_free(a);
	diag_list_free(&dl);
}

/* Writes a version record as another arshif would have. */
static void
old_version(const char *version)
{
	MDB_env *env;
	MDB_txn *txn;
	MDB_dbi dbi;
	MDB_val k = { 4, "meta" }, v;
	unsigned char rec[128], *p = rec;
	uint32_t n = (uint32_t)strlen(version), fmt = CACHE_FORMAT;
	uint64_t s;
	int i;

	memcpy(p, "arshif build cache", 19);
	p += 19;
	for (i = 0; i < 4; i++)
		*p++ = (unsigned char)(fmt >> (8 * i));
	for (i = 0; i < 4; i++)
		*p++ = (unsigned char)(n >> (8 * i));
	memcpy(p, version, n + 1);
	p += n + 1;
	s = XXH3_64bits_withSeed(rec, (size_t)(p - rec), XXH3_64bits("meta",
	    4));
	for (i = 0; i < 8; i++)
		*p++ = (unsigned char)(s >> (8 * i));
	assert_int_equal(mdb_env_create(&env), 0);
	mdb_env_set_maxdbs(env, 8);
	assert_int_equal(mdb_env_open(env, cdir, 0, 0644), 0);
	assert_int_equal(mdb_txn_begin(env, NULL, 0, &txn), 0);
	assert_int_equal(mdb_dbi_open(txn, "meta", 0, &dbi), 0);
	v.mv_size = (size_t)(p - rec);
	v.mv_data = rec;
	assert_int_equal(mdb_put(txn, dbi, &k, &v, 0), 0);
	assert_int_equal(mdb_txn_commit(txn), 0);
	mdb_env_close(env);
}

/* A cache from another version is reported and replaced by an empty one. */
static void
test_version_mismatch(void **state)
{
	struct diag_list dl = { NULL, 0 };
	struct article *a = parse(ART, 1, &dl);
	unsigned char key[CACHE_HASH_LEN];
	struct cache *c;

	(void)state;
	memset(key, 5, sizeof(key));
	store_one(key, a, &dl);
	old_version("0.0.1");
	c = cache_open(cdir, fp);
	assert_non_null(c);
	{
		char want[128];

		snprintf(want, sizeof(want), "warning: the build cache is not "
		    "usable (it was made by arshif 0.0.1, cache format %d)",
		    CACHE_FORMAT);
		assert_said(want);
	}
	assert_null(codec_article_get(c, key, "x", NULL, &dl));
	cache_close(c);
	/* Replaced: the next open is silent. */
	diag_reset();
	c = cache_open(cdir, fp);
	assert_non_null(c);
	assert_int_equal(diag_warnings(), 0);
	cache_close(c);
	/* Not a database at all. */
	write_file(".arshif-cache/data.mdb", "not a database, not at all\n");
	c = cache_open(cdir, fp);
	assert_non_null(c);
	assert_said("warning: the build cache cannot be read");
	cache_close(c);
	/* A folder that cannot be made: no cache, a warning. */
	diag_reset();
	{
		char *bad = path_join(dir, "site.yaml/cache");

		assert_null(cache_open(bad, fp));
		free(bad);
	}
	assert_int_equal(diag_warnings(), 1);
	assert_said("site.yaml/cache: warning: cannot use a build cache here");
	article_free(a);
	diag_list_free(&dl);
}

/* A record is trusted only for the very same stat, and only when trusted. */
static void
test_stat_shortcut(void **state)
{
	struct cache_stat st = { 120, 1, 99, 1000, 2000 }, o;
	unsigned char h[CACHE_HASH_LEN], got[CACHE_HASH_LEN];
	struct cache *c = cache_open(cdir, fp);
	struct cache_batch *b;

	(void)state;
	memset(h, 9, sizeof(h));
	b = cache_batch_begin(c);
	cache_batch_file(b, "en/a.md", &st, h, 1);
	cache_batch_file(b, "en/racy.md", &st, h, 0);
	assert_int_equal(cache_batch_commit(b), 0);
	cache_close(c);
	c = cache_open(cdir, fp);
	assert_int_equal(cache_file_count(c), 2);
	assert_int_equal(cache_file_match(c, "en/a.md", &st, got), 1);
	assert_memory_equal(got, h, sizeof(h));
	assert_int_equal(cache_file_match(c, "en/racy.md", &st, got), 0);
	assert_int_equal(cache_file_match(c, "en/b.md", &st, got), 0);
	o = st, o.size++;
	assert_int_equal(cache_file_match(c, "en/a.md", &o, got), 0);
	o = st, o.ino++;
	assert_int_equal(cache_file_match(c, "en/a.md", &o, got), 0);
	o = st, o.mtime_ns++;
	assert_int_equal(cache_file_match(c, "en/a.md", &o, got), 0);
	o = st, o.ctime_ns++;
	assert_int_equal(cache_file_match(c, "en/a.md", &o, got), 0);
	o = st, o.dev++;
	assert_int_equal(cache_file_match(c, "en/a.md", &o, got), 0);
	cache_close(c);
}

static struct registry *
load_registry(void)
{
	struct registry *reg = NULL;

	write_file("entities.yaml", "- id: layla-haddad\n  type: people\n"
	    "  names: {ar: \"ليلى حداد\", en: \"Layla Haddad\"}\n");
	assert_int_equal(registry_load(&cfg, &reg), 0);
	assert_non_null(reg);
	return reg;
}

static struct cache *loaded;

/* One content_load() with a cache open on the site's, as a build does. */
static int
load(const struct registry *reg, int drafts, struct corpus *cp)
{
	cache_fingerprint(dir, fp);
	loaded = cache_open(cdir, fp);
	assert_non_null(loaded);
	memset(cp, 0, sizeof(*cp));
	return content_load(&cfg, reg, drafts, loaded, cp);
}

/* The articles first: cached bodies live in the cache's map. */
static void
unload(struct corpus *cp)
{
	corpus_free(cp);
	cache_close(loaded);
	loaded = NULL;
}

static const char *
body_of(struct corpus *cp, const char *title)
{
	size_t i;

	for (i = 0; i < cp->n; i++)
		if (strcmp(cp->arts[i]->title, title) == 0)
			return article_html(cp->arts[i]);
	fail_msg("no article '%s'", title);
	return NULL;
}

/*
 * Through content_load(): unchanged files come from the cache with their
 * mentions, edited ones are parsed, deleted ones leave the cache.
 */
static void
test_load_edit_delete(void **state)
{
	struct registry *reg;
	struct corpus cp;
	char *gone;
	struct stat st;

	(void)state;
	reg = load_registry();
	write_file("content/en/a.md", "---\ntitle: A\ndate: 2020-01-01\n---\n"
	    "Layla Haddad spoke.\n");
	write_file("content/en/b.md", "---\ntitle: B\ndate: 2020-01-02\n---\n"
	    "Nobody.\n");
	write_file("content/ar/c.md", "---\ntitle: ج\ndate: 2020-01-03\n"
	    "draft: true\n---\nليلى حداد\n");
	assert_int_equal(load(reg, 0, &cp), 0);
	assert_int_equal(cp.n, 2);
	assert_int_equal(cp.nparsed, 3);
	assert_int_equal(cp.ncached, 0);
	unload(&cp);
	/* Unchanged: nothing parsed (hashed at most: just written). */
	assert_int_equal(load(reg, 1, &cp), 0);
	assert_int_equal(cp.n, 3);	/* the draft too, from the cache */
	assert_int_equal(cp.nparsed, 0);
	assert_int_equal(cp.ncached, 3);
	assert_int_equal(cp.arts[0]->nmentions, 1);	/* ar/c.md */
	assert_string_equal(cp.arts[0]->mentions[0]->id, "layla-haddad");
	assert_int_equal(cp.arts[1]->nmentions, 1);
	assert_ptr_equal(cp.arts[1]->mentions[0], registry_by_id(reg,
	    "layla-haddad"));
	assert_int_equal(cp.arts[2]->nmentions, 0);
	assert_string_equal(body_of(&cp, "A"), "<p>Layla Haddad spoke.</p>\n");
	unload(&cp);
	/* Edited: the same size, other bytes. */
	write_file("content/en/b.md", "---\ntitle: B\ndate: 2020-01-02\n---\n"
	    "Anyone.\n");
	assert_int_equal(load(reg, 0, &cp), 0);
	assert_int_equal(cp.nparsed, 1);
	assert_int_equal(cp.ncached, 2);
	assert_string_equal(body_of(&cp, "B"), "<p>Anyone.</p>\n");
	unload(&cp);
	/* Deleted: its records go. */
	gone = path_join(dir, "content/en/b.md");
	assert_int_equal(stat(gone, &st), 0);
	assert_int_equal(unlink(gone), 0);
	free(gone);
	assert_int_equal(load(reg, 0, &cp), 0);
	assert_int_equal(cp.n, 1);
	unload(&cp);
	{
		struct cache *c = cache_open(cdir, fp);
		unsigned char h[CACHE_HASH_LEN], key[CACHE_HASH_LEN];
		const char *b = "---\ntitle: B\ndate: 2020-01-02\n---\n"
		    "Anyone.\n";
		struct diag_list dl = { NULL, 0 };

		assert_int_equal(cache_file_count(c), 2);
		cache_hash(b, strlen(b), h);
		cache_parse_key(c, h, 1, key);
		assert_null(codec_article_get(c, key, "x", reg, &dl));
		cache_close(c);
	}
	/* A new registry changes the fingerprint: everything is parsed. */
	registry_free(reg);
	write_file("entities.yaml", "- id: layla\n  type: people\n"
	    "  names: {en: \"Layla Haddad\"}\n");
	assert_int_equal(registry_load(&cfg, &reg), 0);
	assert_int_equal(load(reg, 1, &cp), 0);
	assert_int_equal(cp.nparsed, 2);
	assert_string_equal(cp.arts[1]->mentions[0]->id, "layla");
	unload(&cp);
	registry_free(reg);
}

/* A cached parse reports what the parse reported, --strict applied now. */
static void
test_replayed_diagnostics(void **state)
{
	struct corpus cp;
	struct strbuf first = STRBUF_INIT;

	(void)state;
	write_file("content/en/w.md", "---\ntitle: \"W\\u0007x\"\ndate: "
	    "2020-01-01\ntags: [\"a\\u202eb\"]\n---\nBody \x01 here.\n");
	write_file("content/en/z.md", "---\ntitle: \"Z\\u202e\"\ndate: "
	    "2020-01-02\n---\nx\n");
	assert_int_equal(load(NULL, 0, &cp), 0);
	assert_int_equal(cp.nparsed, 2);
	unload(&cp);
	assert_int_equal(diag_warnings(), 4);
	sb_adds(&first, sb_str(&cap));
	sb_reset(&cap);
	diag_reset();
	assert_int_equal(load(NULL, 0, &cp), 0);
	assert_int_equal(cp.ncached, 2);
	unload(&cp);
	assert_string_equal(sb_str(&cap), sb_str(&first));
	assert_int_equal(diag_warnings(), 4);
	/* --strict: the same four, now errors. */
	sb_reset(&cap);
	diag_reset();
	diag_set_strict(1);
	assert_int_equal(load(NULL, 0, &cp), 0);
	assert_int_equal(cp.ncached, 2);
	unload(&cp);
	diag_set_strict(0);
	assert_int_equal(diag_errors(), 4);
	assert_said("content/en/w.md:2:8: error: 'title' held 1 invisible");
	sb_free(&first);
}

/* An article with an error is never cached. */
static void
test_errors_not_cached(void **state)
{
	struct corpus cp;

	(void)state;
	write_file("content/en/bad.md", "---\ntitle: x\n---\n");
	assert_int_equal(load(NULL, 0, &cp), -1);
	unload(&cp);
	sb_reset(&cap);
	assert_int_equal(load(NULL, 0, &cp), -1);
	assert_int_equal(cp.nparsed, 1);
	assert_said("content/en/bad.md:2:1: error: no 'date'");
	unload(&cp);
}

/*
 * Through content_load(): a file whose stat matches a trusted record is
 * not read at all.  Shown by a record that claims other bytes: their
 * parse is what comes back.
 */
static void
test_stat_trusted_unread(void **state)
{
	const char *claimed = "---\ntitle: Claimed\ndate: 2020-01-01\n---\nx\n";
	struct diag_list dl = { NULL, 0 };
	unsigned char h[CACHE_HASH_LEN], key[CACHE_HASH_LEN];
	struct cache_stat cs;
	struct cache_batch *b;
	struct corpus cp;
	struct stat st;
	struct cache *c;
	struct article *a;
	char *p;

	(void)state;
	write_file("content/en/a.md", "---\ntitle: On disk\ndate: 2020-01-01\n"
	    "---\nx\n");
	p = path_join(dir, "content/en/a.md");
	assert_int_equal(stat(p, &st), 0);
	free(p);
	cs.size = (uint64_t)st.st_size;
	cs.dev = (uint64_t)st.st_dev;
	cs.ino = (uint64_t)st.st_ino;
	cs.mtime_ns = (int64_t)st.st_mtim.tv_sec * 1000000000LL +
	    st.st_mtim.tv_nsec;
	cs.ctime_ns = (int64_t)st.st_ctim.tv_sec * 1000000000LL +
	    st.st_ctim.tv_nsec;
	a = parse(claimed, 1, &dl);
	assert_non_null(a);
	c = cache_open(cdir, fp);
	cache_hash(claimed, strlen(claimed), h);
	cache_parse_key(c, h, 1, key);
	b = cache_batch_begin(c);
	codec_body_put(b, key, a);
	codec_article_put(b, key, a, &dl);
	cache_batch_file(b, "en/a.md", &cs, h, 1);
	assert_int_equal(cache_batch_commit(b), 0);
	cache_close(c);
	article_free(a);
	assert_int_equal(load(NULL, 0, &cp), 0);
	assert_int_equal(cp.ncached, 1);
	assert_string_equal(cp.arts[0]->title, "Claimed");
	unload(&cp);
	/* Untrusted, the same record makes it read: the truth comes back. */
	c = cache_open(cdir, fp);
	b = cache_batch_begin(c);
	cache_batch_file(b, "en/a.md", &cs, h, 0);
	assert_int_equal(cache_batch_commit(b), 0);
	cache_close(c);
	assert_int_equal(load(NULL, 0, &cp), 0);
	assert_int_equal(cp.nparsed, 1);
	assert_string_equal(cp.arts[0]->title, "On disk");
	unload(&cp);
	diag_list_free(&dl);
}

/* Named blobs, each write durable; a damaged one reads as absent. */
static void
test_blobs(void **state)
{
	struct cache *c = cache_open(cdir, fp);
	char *d = NULL;
	size_t n = 0;

	(void)state;
	assert_int_equal(cache_blob_get(c, "plan", &d, &n), -1);
	assert_int_equal(cache_blob_put(c, "plan", "a\0b", 3), 0);
	assert_int_equal(cache_blob_get(c, "plan", &d, &n), 0);
	assert_int_equal(n, 3);
	assert_memory_equal(d, "a\0b", 3);
	free(d);
	cache_close(c);
	damage("blob", 1);
	c = cache_open(cdir, fp);
	assert_int_equal(cache_blob_get(c, "plan", &d, &n), -1);
	assert_int_equal(cache_blob_del(c, "plan"), 0);	/* replaces all */
	assert_int_equal(cache_blob_put(c, "x", "", 0), 0);
	assert_int_equal(cache_blob_get(c, "x", &d, &n), 0);
	assert_int_equal(n, 0);
	free(d);
	assert_int_equal(cache_blob_del(c, "x"), 0);
	assert_int_equal(cache_blob_get(c, "x", &d, &n), -1);
	cache_close(c);
}

/*
 * Search's words records: per language, pruned per language (another
 * language's and a longer code's survive), a damaged one never read.
 */
static void
test_words(void **state)
{
	unsigned char h[3][CACHE_HASH_LEN], keep[2][CACHE_HASH_LEN];
	struct cache *c = cache_open(cdir, fp);
	struct cache_batch *b;
	const char *d;
	size_t n, i;

	(void)state;
	for (i = 0; i < 3; i++)
		cache_hash(&i, sizeof(i), h[i]);
	assert_int_equal(cache_words_get(c, "ar", h[0], &d, &n), -1);
	b = cache_batch_begin(c);
	cache_batch_words(b, "ar", h[0], "w0", 3);
	cache_batch_words(b, "ar", h[1], "w1", 3);
	cache_batch_words(b, "ar", h[2], "w2", 3);
	cache_batch_words(b, "fr", h[0], "f0", 3);
	cache_batch_words(b, "arz", h[1], "z1", 3);
	assert_int_equal(cache_batch_commit(b), 0);
	/* The snapshot is the one the cache opened with: reopen to see them. */
	cache_close(c);
	c = cache_open(cdir, fp);
	assert_int_equal(cache_words_get(c, "ar", h[1], &d, &n), 0);
	assert_int_equal(n, 3);
	assert_string_equal(d, "w1");
	assert_int_equal(cache_words_get(c, "fr", h[1], &d, &n), -1);
	b = cache_batch_begin(c);
	memcpy(keep[0], h[2], CACHE_HASH_LEN);
	memcpy(keep[1], h[0], CACHE_HASH_LEN);
	cache_batch_words_prune(b, "ar", keep, 2);
	assert_int_equal(cache_batch_commit(b), 0);
	cache_close(c);
	c = cache_open(cdir, fp);
	assert_int_equal(cache_words_get(c, "ar", h[0], &d, &n), 0);
	assert_string_equal(d, "w0");
	assert_int_equal(cache_words_get(c, "ar", h[1], &d, &n), -1);
	assert_int_equal(cache_words_get(c, "ar", h[2], &d, &n), 0);
	assert_string_equal(d, "w2");
	assert_int_equal(cache_words_get(c, "fr", h[0], &d, &n), 0);
	assert_string_equal(d, "f0");
	assert_int_equal(cache_words_get(c, "arz", h[1], &d, &n), 0);
	assert_string_equal(d, "z1");
	cache_close(c);
	damage("words", 0);
	c = cache_open(cdir, fp);
	/* "ar" sorts before "arz" and "fr": its first record is the damaged one. */
	assert_int_equal((cache_words_get(c, "ar", h[0], &d, &n) == 0) +
	    (cache_words_get(c, "ar", h[2], &d, &n) == 0), 1);
	cache_close(c);
	/* Found damaged, the cache was rebuilt on closing: empty now. */
	c = cache_open(cdir, fp);
	assert_int_equal(cache_words_get(c, "fr", h[0], &d, &n), -1);
	assert_int_equal(cache_words_get(c, "ar", h[2], &d, &n), -1);
	cache_close(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_article_round_trip),
		T(test_damaged_record),
		T(test_version_mismatch),
		T(test_stat_shortcut),
		T(test_stat_trusted_unread),
		T(test_load_edit_delete),
		T(test_replayed_diagnostics),
		T(test_errors_not_cached),
		T(test_blobs),
		T(test_words),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	text_cleanup();
	return rc;
}
