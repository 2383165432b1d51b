/*
 * words.c: the words of each article of a language, as the index
 * reads them: every key, how often it comes in each field, and the
 * form it was first written in.  Tokenising runs on every processor
 * (parallel_run()); with a build cache, an article's words are a
 * record of their own there, found by a hash of what tokenising
 * reads, and the records of the articles tokenised anew are written
 * by a thread of their own while the index is built.
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "base/util.h"
#include "base/parallel.h"
#include "text/text.h"
#include "content/content.h"
#include "model/archive.h"
#include "cache/cache.h"
#include "search/search_int.h"

/* A word's two forms, cached per worker: most words recur. */
struct forms2 {
	char	*key, *stem;
};

struct tok_job {
	struct article	**arts;		/* of one language, oldest first */
	size_t		  n;
	struct doc_words *out;
	struct cache	 *cache;	/* or NULL */
	const char	 *lang;
	unsigned char	(*hash)[CACHE_HASH_LEN];	/* each article's words key */
	struct strbuf	 *enc;		/* words to store: those not found */
	atomic_size_t	  next;
	atomic_size_t	  nfound;
};

static void
count_field(struct hmap *cache, struct hmap *here, struct doc_words *dw,
    const char *text, enum field f)
{
	struct text_word *w;
	size_t n, i;

	if (text == NULL || *text == '\0')
		return;
	n = text_words(text, &w);
	for (i = 0; i < n; i++) {
		char *raw = xstrndup(text + w[i].off, w[i].len);
		struct forms2 *fm = hmap_get(cache, raw);
		struct occ *o;
		void *at;

		if (fm == NULL) {
			fm = xmalloc(sizeof(*fm));
			text_search_forms(raw, &fm->key, &fm->stem);
			hmap_put(cache, raw, fm);
		}
		free(raw);
		if (fm->key[0] == '\0')
			continue;
		at = hmap_get(here, fm->key);
		if (at == NULL) {
			dw->v = xreallocarray(dw->v, dw->n + 1, sizeof(*dw->v));
			o = &dw->v[dw->n];
			memset(o, 0, sizeof(*o));
			o->key = xstrdup(fm->key);
			o->stem = xstrdup(fm->stem);
			dw->n++;
			/* Positions, not pointers: v moves as it grows. */
			hmap_put(here, fm->key, (void *)(uintptr_t)dw->n);
		} else
			o = &dw->v[(uintptr_t)at - 1];
		o->cnt[f]++;
	}
	free(w);
}

static void
tokenize_article(struct hmap *cache, const struct article *a,
    struct doc_words *dw)
{
	struct hmap *here = hmap_new();
	size_t i;

	count_field(cache, here, dw, a->title, F_TITLE);
	count_field(cache, here, dw, a->summary, F_SUMMARY);
	for (i = 0; i < a->nentity; i++)
		count_field(cache, here, dw, a->entity[i]->name, F_ENTITY);
	count_field(cache, here, dw, article_text(a), F_BODY);
	hmap_free(here);
}

/*
 * The key of an article's words in the build cache: a hash of all that
 * tokenize_article() reads, and of what decides how (this encoding,
 * arshif's version, ICU's word breaks and folding).
 */
#define WORDS_FORMAT	"arshif search words 1"

static void
hash_field(XXH3_state_t *h, const char *s)
{
	uint64_t n = s ? strlen(s) : 0;

	XXH3_128bits_update(h, &n, sizeof(n));
	XXH3_128bits_update(h, s ? s : "", n);
}

static void
words_hash(const struct article *a, unsigned char out[CACHE_HASH_LEN])
{
	XXH3_state_t h;
	XXH128_canonical_t ch;
	size_t i;

	XXH3_128bits_reset(&h);
	hash_field(&h, WORDS_FORMAT);
	hash_field(&h, arshif_version);
	hash_field(&h, text_version());
	hash_field(&h, a->title);
	hash_field(&h, a->summary);
	hash_field(&h, NULL);	/* the names, counted: no name ends another */
	XXH3_128bits_update(&h, &a->nentity, sizeof(a->nentity));
	for (i = 0; i < a->nentity; i++)
		hash_field(&h, a->entity[i]->name);
	hash_field(&h, article_text(a));
	XXH128_canonicalFromHash(&ch, XXH3_128bits_digest(&h));
	memcpy(out, ch.digest, CACHE_HASH_LEN);
}

/*
 * The encoding of a words record: the number of keys, then for each
 * its four field counts, the key and a NUL, then 0 when the stem is
 * the key or 1, the stem and a NUL.  Numbers are LEB128.
 */
static void
put_uleb(struct strbuf *sb, size_t v)
{
	do {
		sb_addc(sb, (char)((v & 0x7f) | (v > 0x7f ? 0x80 : 0)));
		v >>= 7;
	} while (v > 0);
}

static void
encode_words(struct strbuf *sb, const struct doc_words *dw)
{
	size_t i, f;

	put_uleb(sb, dw->n);
	for (i = 0; i < dw->n; i++) {
		const struct occ *o = &dw->v[i];

		for (f = 0; f < F__MAX; f++)
			put_uleb(sb, o->cnt[f]);
		sb_add(sb, o->key, strlen(o->key) + 1);
		if (strcmp(o->stem, o->key) == 0)
			sb_addc(sb, 0);
		else {
			sb_addc(sb, 1);
			sb_add(sb, o->stem, strlen(o->stem) + 1);
		}
	}
}

static int
get_uleb(const char **p, const char *end, size_t *v)
{
	unsigned sh = 0;

	*v = 0;
	while (*p < end && sh < 8 * sizeof(*v)) {
		unsigned char c = (unsigned char)*(*p)++;

		*v |= (size_t)(c & 0x7f) << sh;
		if (!(c & 0x80))
			return 0;
		sh += 7;
	}
	return -1;
}

/* A NUL-terminated string at *p, in place; NULL when the record ends first. */
static const char *
get_cstr(const char **p, const char *end)
{
	const char *s = *p, *z = memchr(s, '\0', (size_t)(end - s));

	if (z == NULL)
		return NULL;
	*p = z + 1;
	return s;
}

/* Decodes a record into dw, pointing into it; -1 (dw empty) when it is not one. */
static int
decode_words(const char *p, size_t len, struct doc_words *dw)
{
	const char *end = p + len;
	size_t n, i, f, v;

	memset(dw, 0, sizeof(*dw));
	/* Every key takes at least seven bytes: a bound before allocating. */
	if (get_uleb(&p, end, &n) == -1 || n > len / 7)
		return -1;
	dw->v = xcalloc(n + 1, sizeof(*dw->v));
	dw->borrowed = 1;
	for (i = 0; i < n; i++) {
		struct occ *o = &dw->v[i];

		for (f = 0; f < F__MAX; f++) {
			if (get_uleb(&p, end, &v) == -1 || v > UINT32_MAX)
				goto bad;
			o->cnt[f] = (unsigned)v;
		}
		if ((o->key = (char *)get_cstr(&p, end)) == NULL ||
		    o->key[0] == '\0' || p == end)
			goto bad;
		if (*p++ == 0)
			o->stem = o->key;
		else if ((o->stem = (char *)get_cstr(&p, end)) == NULL)
			goto bad;
	}
	if (p != end)
		goto bad;
	dw->n = n;
	return 0;
bad:
	free(dw->v);
	memset(dw, 0, sizeof(*dw));
	return -1;
}

void
words_doc_free(struct doc_words *dw)
{
	size_t k;

	for (k = 0; !dw->borrowed && k < dw->n; k++) {
		free(dw->v[k].key);
		free(dw->v[k].stem);
	}
	free(dw->v);
}

static void *
tok_worker(void *arg)
{
	struct tok_job *j = arg;
	struct hmap *cache = hmap_new();
	const char *rec;
	size_t i, len;

	while ((i = atomic_fetch_add(&j->next, 1)) < j->n) {
		if (j->cache != NULL) {
			words_hash(j->arts[i], j->hash[i]);
			if (cache_words_get(j->cache, j->lang, j->hash[i], &rec,
			    &len) == 0 && decode_words(rec, len, &j->out[i]) == 0) {
				atomic_fetch_add(&j->nfound, 1);
				continue;
			}
		}
		tokenize_article(cache, j->arts[i], &j->out[i]);
		if (j->cache != NULL)
			encode_words(&j->enc[i], &j->out[i]);
	}
	for (i = 0; i < hmap_count(cache); i++) {
		struct forms2 *fm = hmap_value_at(cache, i);

		free(fm->key);
		free(fm->stem);
		free(fm);
	}
	hmap_free(cache);
	text_thread_done();
	return NULL;
}

/* Words to store in the build cache, by a thread of their own. */
struct words_store {
	struct cache	 *cache;
	const char	 *lang;
	unsigned char	(*hash)[CACHE_HASH_LEN];	/* every article's */
	struct strbuf	 *enc;		/* those to store, else empty */
	size_t		  n;
	pthread_t	  th;
	int		  running;
};

static void *
store_words(void *arg)
{
	struct words_store *w = arg;
	struct cache_batch *b = cache_batch_begin(w->cache);
	size_t i;

	for (i = 0; i < w->n; i++)
		if (w->enc[i].len > 0)
			cache_batch_words(b, w->lang, w->hash[i],
			    sb_str(&w->enc[i]), w->enc[i].len);
	/* Records of articles gone or changed go with the first new ones. */
	cache_batch_words_prune(b, w->lang, w->hash, w->n);
	cache_batch_commit(b);
	return NULL;
}

/* Waits for the store (if any) and frees it. */
void
words_store_finish(struct words_store *w)
{
	size_t i;

	if (w == NULL)
		return;
	if (w->running)
		pthread_join(w->th, NULL);
	for (i = 0; i < w->n; i++)
		sb_free(&w->enc[i]);
	free(w->enc);
	free(w->hash);
	free(w);
}

/*
 * Every article's words, on every processor; out[i] is arts[i]'s.
 * With a cache, the words of an article tokenised by an earlier build
 * come from it, and those of the others go into it, written while the
 * caller goes on: *store is then set, for words_store_finish().
 */
struct doc_words *
words_tokenize_all(struct article **arts, size_t n,
    struct cache *cache, const char *lang, struct words_store **store)
{
	struct tok_job j;

	*store = NULL;
	memset(&j, 0, sizeof(j));
	j.arts = arts;
	j.n = n;
	j.out = xcalloc(n + 1, sizeof(*j.out));
	j.cache = cache;
	j.lang = lang;
	if (cache != NULL) {
		j.hash = xcalloc(n + 1, sizeof(*j.hash));
		j.enc = xcalloc(n + 1, sizeof(*j.enc));
	}
	atomic_init(&j.next, 0);
	atomic_init(&j.nfound, 0);
	parallel_run(n, tok_worker, &j);
	if (cache == NULL)
		return j.out;
	*store = xcalloc(1, sizeof(**store));
	(*store)->cache = cache;
	(*store)->lang = lang;
	(*store)->hash = j.hash;
	(*store)->enc = j.enc;
	(*store)->n = n;
	/* Every article found: nothing to write (what went stays till then). */
	if (atomic_load(&j.nfound) == n)
		return j.out;
	if (pthread_create(&(*store)->th, NULL, store_words, *store) == 0)
		(*store)->running = 1;
	else
		store_words(*store);
	return j.out;
}
