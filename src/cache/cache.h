/*
 * cache.h: the persistent build cache, an LMDB environment in a folder
 * (SOURCE/.arshif-cache/ unless --cache-dir says otherwise).
 *
 * It keeps, between builds, what each article parsed to, so that an
 * unchanged file is neither read nor parsed again, and named blobs for
 * the steps after parsing.  Nothing in it is needed: a missing, foreign,
 * old or damaged cache is reported with a warning and replaced, and the
 * output is the same bytes with or without one.  Several arshif
 * processes may use one cache at once (LMDB's own locking): each build
 * reads one snapshot, taken when it opens the cache, and writes in
 * transactions of its own.
 */
#ifndef CACHE_H
#define CACHE_H

#include <stddef.h>
#include <stdint.h>

struct article;
struct registry;
struct diag_list;

/* Raised whenever what the cache stores, or how, changes. */
#define CACHE_FORMAT	7	/* 2: body_sig; 3: slug_given, empty_body, aliases;
				   4: counts first; 5: authors, section; 6: images;
				   7: search words */
#define CACHE_HASH_LEN	16
/* Longest language code a words record is kept for (BCP 47 tags are shorter). */
#define CACHE_LANG_MAX	35

struct cache;

/* What a content file's stat says, compared to trust it without reading it. */
struct cache_stat {
	uint64_t	size, dev, ino;
	int64_t		mtime_ns, ctime_ns;
};

/* XXH3 128-bit hash of len bytes, into out. */
void	 cache_hash(const void *, size_t, unsigned char out[CACHE_HASH_LEN]);

/*
 * The parse fingerprint of the site in source: a hash of everything
 * besides a file's bytes that changes what it parses to (the cache
 * format, arshif's version and its libraries', the whole of site.yaml
 * and of entities.yaml when there is one).
 */
void	 cache_fingerprint(const char *source, unsigned char fp[CACHE_HASH_LEN]);

/*
 * Opens the cache in dir, creating it if need be, for a site whose
 * fingerprint is fp.  A foreign, unreadable or old-version cache is
 * replaced with a warning.  Returns NULL, after a warning, when no cache
 * can be used (a read-only folder): the build goes on without one.
 * Free with cache_close(), after every article loaded from it.
 */
struct cache *cache_open(const char *dir, const unsigned char fp[CACHE_HASH_LEN]);
void	 cache_close(struct cache *);
/* The folder, as given. */
const char *cache_dir(const struct cache *);

/*
 * Whether a file's stat matches its record: returns 1 and sets hash to
 * its content hash when the record says it may be trusted unread, else
 * 0.  rel is the path below content/.  Thread-safe.
 */
int	 cache_file_match(struct cache *, const char *rel,
	    const struct cache_stat *, unsigned char hash[CACHE_HASH_LEN]);
/* Number of file records in the snapshot (to know whether any went). */
size_t	 cache_file_count(struct cache *);

/* The key of a parse: content hash, folder language and fingerprint. */
void	 cache_parse_key(const struct cache *,
	    const unsigned char hash[CACHE_HASH_LEN], int lang,
	    unsigned char key[CACHE_HASH_LEN]);

/*
 * The article stored under key, with path as its path and the
 * diagnostics its parse emitted appended to dl; its html and text are
 * not loaded (article_html() does that), and its strings point into
 * the snapshot (a->borrowed): free it before cache_close().  Returns NULL when there is
 * none, or when the record is damaged (then the cache is marked for
 * rebuilding) or names an entity reg does not have.  Thread-safe.
 */
struct article *cache_article_get(struct cache *,
	    const unsigned char key[CACHE_HASH_LEN], const char *path,
	    const struct registry *reg, struct diag_list *dl);
/*
 * The html and text of the parse under key, pointing into the cache's
 * snapshot (valid until cache_close(), never freed by the caller).
 * Returns 0, or -1 when absent or damaged (the cache is then marked for
 * rebuilding).  Thread-safe.
 */
int	 cache_body_get(struct cache *, const unsigned char key[CACHE_HASH_LEN],
	    const char **html, const char **text);
/* Marks the cache damaged: the next write replaces everything. */
void	 cache_mark_damaged(struct cache *);

/*
 * A batch of writes, one LMDB write transaction.  A failure is reported
 * once (warning) and the rest of the batch is then ignored; the cache is
 * left as it was.  Not thread-safe: one batch at a time per cache.
 */
struct cache_batch;

struct cache_batch *cache_batch_begin(struct cache *);
/* Records a file's stat and content hash; trusted 0 makes the next build hash it. */
void	 cache_batch_file(struct cache_batch *, const char *rel,
	    const struct cache_stat *, const unsigned char hash[CACHE_HASH_LEN],
	    int trusted);
/*
 * Stores what a file parsed to: every field article_parse() sets, the
 * mentions and the diagnostics; its html and text go apart, with
 * cache_batch_body().  A parse is found only once both are there.
 */
void	 cache_batch_article(struct cache_batch *,
	    const unsigned char key[CACHE_HASH_LEN], const struct article *,
	    const struct diag_list *);
void	 cache_batch_body(struct cache_batch *,
	    const unsigned char key[CACHE_HASH_LEN], const struct article *);
/*
 * Removes every file record whose path is not among rels, and every
 * parse whose key is not among keys (both arrays are sorted in place).
 */
void	 cache_batch_prune(struct cache_batch *, char **rels, size_t nrels,
	    unsigned char (*keys)[CACHE_HASH_LEN], size_t nkeys);
/* Commits (durably) and frees the batch.  Returns 0 or -1. */
int	 cache_batch_commit(struct cache_batch *);

/*
 * Search's words of one article of language lang, under the hash of
 * what it tokenised (search.c makes both; the cache only keeps them).
 * cache_words_get() points data into the snapshot, valid until
 * cache_close(); returns 0, or -1 when there is none (or it is
 * damaged: the cache is then marked for rebuilding).  Thread-safe.
 */
int	 cache_words_get(struct cache *, const char *lang,
	    const unsigned char hash[CACHE_HASH_LEN], const char **data,
	    size_t *len);
void	 cache_batch_words(struct cache_batch *, const char *lang,
	    const unsigned char hash[CACHE_HASH_LEN], const void *data,
	    size_t len);
/* Removes every words record of lang whose hash is not among hashes (sorted in place). */
void	 cache_batch_words_prune(struct cache_batch *, const char *lang,
	    unsigned char (*hashes)[CACHE_HASH_LEN], size_t n);

/*
 * Named blobs, for the page plan and the output manifests.  Each call is
 * its own transaction and reads the newest committed state.
 */
/* Returns 0 and a copy the caller frees, or -1 when absent or unreadable. */
int	 cache_blob_get(struct cache *, const char *key, char **data,
	    size_t *len);
/* Stores data under key; durable on return.  Returns 0 or -1. */
int	 cache_blob_put(struct cache *, const char *key, const void *data,
	    size_t len);
/* Returns 0 (also when there was none) or -1. */
int	 cache_blob_del(struct cache *, const char *key);

#endif /* CACHE_H */
