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

struct strbuf;

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
 * The parse record and the body record under key, as stored (what is
 * in them is content/codec.c's business: the cache keeps bytes).  data
 * points into the snapshot, valid until cache_close(), never freed by
 * the caller.  Returns 0, or -1 when there is none, or when it is
 * damaged (the cache is then marked for rebuilding).  Thread-safe.
 */
int	 cache_parse_get(struct cache *, const unsigned char key[CACHE_HASH_LEN],
	    const void **data, size_t *len);
int	 cache_body_get(struct cache *, const unsigned char key[CACHE_HASH_LEN],
	    const void **data, size_t *len);
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
 * Stores the parse record under key (a copy of len bytes of data), and
 * its body record, made of n pieces laid end to end (each copied once,
 * straight into the file: a body is most of the bytes).  A parse is
 * found only once both are there.
 */
struct cache_span {
	const void	*p;
	size_t		 len;
};

void	 cache_batch_parse(struct cache_batch *,
	    const unsigned char key[CACHE_HASH_LEN], const void *data,
	    size_t len);
void	 cache_batch_body(struct cache_batch *,
	    const unsigned char key[CACHE_HASH_LEN], const struct cache_span *,
	    size_t n);
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
 * what it tokenised (search/words.c makes both; the cache only keeps them).
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

/*
 * The fields of a record, as every record is written: integers
 * little-endian whatever the machine, a string (or NULL) as its length
 * (all ones for NULL), its bytes and a NUL.  Shared with the codec of
 * what the cache stores for others (content/codec.c), so that there
 * is one encoding.
 */
void	 cache_put_u64(struct strbuf *, uint64_t);
void	 cache_put_u32(struct strbuf *, uint32_t);
void	 cache_put_int(struct strbuf *, int);
void	 cache_put_str(struct strbuf *, const char *);

/*
 * A reader of a record's fields.  A field that does not fit in what
 * is left sets bad and reads as 0 or NULL, and so does every one after
 * it: a decoder checks bad once, at the end.
 */
struct cache_rd {
	const unsigned char	*p, *end;
	int			 bad;
};

uint64_t cache_get_u64(struct cache_rd *);
uint32_t cache_get_u32(struct cache_rd *);
int	 cache_get_int(struct cache_rd *);
/* A string in place, in the record (NULL for a stored NULL, or when bad). */
const char *cache_get_str(struct cache_rd *);
/* A count of items each at least min bytes long: bounded by what is left. */
size_t	 cache_get_count(struct cache_rd *, size_t min);

#endif /* CACHE_H */
