/*
 * cache.c: see cache.h.
 *
 * Layout: six LMDB databases in one environment.
 *   meta   "meta" -> magic, format, arshif version (checked at open)
 *   files  path below content/ -> stat, content hash, trusted flag
 *   parse  parse key -> an article's small fields, mentions, diagnostics
 *   body   parse key -> its html and text (apart, so that loading every
 *          article does not touch the big fields); both in the encoding
 *          of content/codec.c, which the cache keeps as bytes
 *   blob   name -> bytes (for the later steps)
 *   words  language code, NUL, hash of what search tokenises -> that
 *          article's words, in search.c's encoding (so that a build
 *          tokenises only the articles whose words may have changed)
 * Every record ends with its own checksum (XXH3 64, seeded by its key),
 * so that a damaged record is found and never used.
 */
#define _GNU_SOURCE
#include <sys/stat.h>

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmark.h>
#include <lmdb.h>
#include <yaml.h>
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "base/util.h"
#include "text/text.h"
#include "cache/cache.h"

#ifndef ARSHIF_VERSION
#define ARSHIF_VERSION "0.1.0"
#endif

#define MAGIC	"arshif build cache"

struct cache {
	char		*dir;
	MDB_env		*env;
	MDB_txn		*snap;		/* the snapshot every lookup reads */
	MDB_dbi		 meta, files, parse, body, blob, words;
	unsigned char	 fp[CACHE_HASH_LEN];
	pthread_mutex_t	 lock;		/* one thread at a time in snap */
	atomic_int	 damaged;
	int		 warned;	/* a write failure was reported */
};

struct cache_batch {
	struct cache	*c;
	MDB_txn		*txn;
	int		 failed;
};

void
cache_hash(const void *p, size_t n, unsigned char out[CACHE_HASH_LEN])
{
	XXH128_canonical_t cn;

	XXH128_canonicalFromHash(&cn, XXH3_128bits(p, n));
	memcpy(out, cn.digest, CACHE_HASH_LEN);
}

/* The checksum that ends a record: of its bytes, seeded by its key. */
static uint64_t
sum(const void *key, size_t klen, const void *p, size_t n)
{
	return XXH3_64bits_withSeed(p, n, XXH3_64bits(key, klen));
}

static void
fp_add_file(XXH3_state_t *st, const char *source, const char *name)
{
	char *path = path_join(source, name), *buf;
	size_t len = 0;

	buf = file_read(path, 64 * 1024 * 1024, &len);
	/* Absent and empty differ: the length and a flag go in too. */
	XXH3_128bits_update(st, name, strlen(name) + 1);
	XXH3_128bits_update(st, buf ? "1" : "0", 1);
	XXH3_128bits_update(st, &len, sizeof(len));
	if (buf != NULL)
		XXH3_128bits_update(st, buf, len);
	free(buf);
	free(path);
}

void
cache_fingerprint(const char *source, unsigned char fp[CACHE_HASH_LEN])
{
	XXH3_state_t *st = XXH3_createState();
	XXH128_canonical_t cn;
	char *v;

	if (st == NULL)
		abort();
	XXH3_128bits_reset(st);
	v = xasprintf("%s %d arshif %s cmark %s yaml %s icu %s", MAGIC,
	    CACHE_FORMAT, ARSHIF_VERSION, cmark_version_string(),
	    yaml_get_version_string(), text_version());
	XXH3_128bits_update(st, v, strlen(v) + 1);
	free(v);
	fp_add_file(st, source, "site.yaml");
	fp_add_file(st, source, "entities.yaml");
	XXH128_canonicalFromHash(&cn, XXH3_128bits_digest(st));
	memcpy(fp, cn.digest, CACHE_HASH_LEN);
	XXH3_freeState(st);
}

/* Little-endian fixed-size fields, whatever the machine. */
void
cache_put_u64(struct strbuf *sb, uint64_t v)
{
	unsigned char b[8];
	int i;

	for (i = 0; i < 8; i++)
		b[i] = (unsigned char)(v >> (8 * i));
	sb_add(sb, (const char *)b, 8);
}

void
cache_put_u32(struct strbuf *sb, uint32_t v)
{
	unsigned char b[4];
	int i;

	for (i = 0; i < 4; i++)
		b[i] = (unsigned char)(v >> (8 * i));
	sb_add(sb, (const char *)b, 4);
}

void
cache_put_int(struct strbuf *sb, int v)
{
	cache_put_u32(sb, (uint32_t)v);
}

/* A string, or NULL: length (all ones for NULL), bytes, NUL. */
void
cache_put_str(struct strbuf *sb, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	cache_put_u32(sb, s ? (uint32_t)n : UINT32_MAX);
	if (s != NULL) {
		sb_add(sb, s, n);
		sb_addc(sb, '\0');
	}
}

uint64_t
cache_get_u64(struct cache_rd *d)
{
	uint64_t v = 0;
	int i;

	if (d->bad || d->end - d->p < 8) {
		d->bad = 1;
		return 0;
	}
	for (i = 0; i < 8; i++)
		v |= (uint64_t)d->p[i] << (8 * i);
	d->p += 8;
	return v;
}

uint32_t
cache_get_u32(struct cache_rd *d)
{
	uint32_t v = 0;
	int i;

	if (d->bad || d->end - d->p < 4) {
		d->bad = 1;
		return 0;
	}
	for (i = 0; i < 4; i++)
		v |= (uint32_t)d->p[i] << (8 * i);
	d->p += 4;
	return v;
}

int
cache_get_int(struct cache_rd *d)
{
	return (int)cache_get_u32(d);
}

/* A string in place (NULL for a stored NULL, or when bad). */
const char *
cache_get_str(struct cache_rd *d)
{
	uint32_t n = cache_get_u32(d);
	const char *s;

	if (d->bad || n == UINT32_MAX)
		return NULL;
	if ((size_t)(d->end - d->p) < (size_t)n + 1 || d->p[n] != '\0' ||
	    memchr(d->p, '\0', n) != NULL) {
		d->bad = 1;
		return NULL;
	}
	s = (const char *)d->p;
	d->p += (size_t)n + 1;
	return s;
}

/* A count of items each at least min bytes long: bounded by what is left. */
size_t
cache_get_count(struct cache_rd *d, size_t min)
{
	uint32_t n = cache_get_u32(d);

	if (!d->bad && (size_t)n * min > (size_t)(d->end - d->p))
		d->bad = 1;
	return d->bad ? 0 : n;
}

/* Checks and strips the trailing checksum; 0 when the record is whole. */
static int
check(const MDB_val *k, const MDB_val *v, struct cache_rd *d)
{
	const unsigned char *p = v->mv_data;
	struct cache_rd t;

	if (v->mv_size < 8)
		return -1;
	t.p = p + v->mv_size - 8;
	t.end = p + v->mv_size;
	t.bad = 0;
	if (cache_get_u64(&t) != sum(k->mv_data, k->mv_size, p, v->mv_size - 8))
		return -1;
	d->p = p;
	d->end = p + v->mv_size - 8;
	d->bad = 0;
	return 0;
}

/* The value of a record: bytes, then their checksum. */
static void
seal(const MDB_val *k, struct strbuf *sb)
{
	cache_put_u64(sb, sum(k->mv_data, k->mv_size, sb_str(sb), sb->len));
}

static void
meta_record(struct strbuf *sb)
{
	sb_adds(sb, MAGIC);
	sb_addc(sb, '\0');
	cache_put_u32(sb, CACHE_FORMAT);
	cache_put_str(sb, ARSHIF_VERSION);
}

static const char *
lmdb_err(int rc)
{
	return mdb_strerror(rc);
}

static void
env_close(struct cache *c)
{
	if (c->snap != NULL)
		mdb_txn_abort(c->snap);
	c->snap = NULL;
	if (c->env != NULL)
		mdb_env_close(c->env);
	c->env = NULL;
}

static int
env_open(struct cache *c)
{
	int rc, dead;

	if ((rc = mdb_env_create(&c->env)) != 0)
		return rc;
	mdb_env_set_maxdbs(c->env, 8);
	/*
	 * Address space, not disk: the file grows as records come.  The
	 * bodies of 100,000 articles take about 2 GiB.
	 */
	mdb_env_set_mapsize(c->env, sizeof(size_t) >= 8 ?
	    (size_t)1 << 37 : (size_t)1 << 30);
	/* MDB_NOTLS: read transactions are not tied to a thread. */
	if ((rc = mdb_env_open(c->env, c->dir, MDB_NOTLS, 0644)) != 0) {
		mdb_env_close(c->env);
		c->env = NULL;
		return rc;
	}
	/* Slots of killed processes (a SIGKILLed build) are freed. */
	mdb_reader_check(c->env, &dead);
	return 0;
}

enum state { ST_OK, ST_EMPTY, ST_FOREIGN, ST_OLD, ST_DAMAGED };

/* What the environment holds, read in txn; on ST_OK the handles are set. */
static enum state
inspect(struct cache *c, MDB_txn *txn, char **what)
{
	MDB_val k = { 4, "meta" }, v;
	MDB_stat ms;
	struct strbuf want = STRBUF_INIT;
	struct cache_rd d;
	const char *ver;
	int rc;

	if ((rc = mdb_dbi_open(txn, "meta", 0, &c->meta)) != 0) {
		MDB_dbi main;

		/* Empty, or another program's: its main table tells. */
		if (rc == MDB_NOTFOUND && mdb_dbi_open(txn, NULL, 0,
		    &main) == 0 && mdb_stat(txn, main, &ms) == 0 &&
		    ms.ms_entries == 0)
			return ST_EMPTY;
		*what = xstrdup("it is not an arshif build cache");
		return ST_FOREIGN;
	}
	if (mdb_get(txn, c->meta, &k, &v) != 0 || check(&k, &v, &d) == -1) {
		*what = xstrdup("its version record is damaged");
		return ST_DAMAGED;
	}
	meta_record(&want);
	if (d.end - d.p != (ptrdiff_t)want.len ||
	    memcmp(d.p, want.s, want.len) != 0) {
		if ((size_t)(d.end - d.p) < sizeof(MAGIC) ||
		    memcmp(d.p, MAGIC, sizeof(MAGIC)) != 0) {
			sb_free(&want);
			*what = xstrdup("it is not an arshif build cache");
			return ST_FOREIGN;
		}
		d.p += sizeof(MAGIC);
		rc = (int)cache_get_u32(&d);
		ver = cache_get_str(&d);
		*what = xasprintf("it was made by arshif %s, cache format %d",
		    ver ? ver : "?", rc);
		sb_free(&want);
		return ST_OLD;
	}
	sb_free(&want);
	if (mdb_dbi_open(txn, "files", 0, &c->files) != 0 ||
	    mdb_dbi_open(txn, "parse", 0, &c->parse) != 0 ||
	    mdb_dbi_open(txn, "body", 0, &c->body) != 0 ||
	    mdb_dbi_open(txn, "blob", 0, &c->blob) != 0 ||
	    mdb_dbi_open(txn, "words", 0, &c->words) != 0) {
		*what = xstrdup("some of its tables are missing");
		return ST_DAMAGED;
	}
	return ST_OK;
}

/* Makes the tables and the version record, unless another process just did. */
static int
init_tables(struct cache *c)
{
	MDB_txn *txn;
	MDB_val k = { 4, "meta" }, v;
	struct strbuf sb = STRBUF_INIT;
	char *what = NULL;
	int rc;

	if ((rc = mdb_txn_begin(c->env, NULL, 0, &txn)) != 0)
		return rc;
	/* Inside the write transaction: another arshif may have won the race. */
	if (inspect(c, txn, &what) == ST_OK) {
		free(what);
		return mdb_txn_commit(txn);
	}
	free(what);
	if ((rc = mdb_dbi_open(txn, "meta", MDB_CREATE, &c->meta)) != 0 ||
	    (rc = mdb_dbi_open(txn, "files", MDB_CREATE, &c->files)) != 0 ||
	    (rc = mdb_dbi_open(txn, "parse", MDB_CREATE, &c->parse)) != 0 ||
	    (rc = mdb_dbi_open(txn, "body", MDB_CREATE, &c->body)) != 0 ||
	    (rc = mdb_dbi_open(txn, "blob", MDB_CREATE, &c->blob)) != 0 ||
	    (rc = mdb_dbi_open(txn, "words", MDB_CREATE, &c->words)) != 0) {
		mdb_txn_abort(txn);
		return rc;
	}
	meta_record(&sb);
	seal(&k, &sb);
	v.mv_size = sb.len;
	v.mv_data = sb.s;
	rc = mdb_put(txn, c->meta, &k, &v, 0);
	sb_free(&sb);
	if (rc != 0) {
		mdb_txn_abort(txn);
		return rc;
	}
	return mdb_txn_commit(txn);
}

/* Removes the environment's files (only those: the folder may be the user's). */
static void
env_remove(struct cache *c)
{
	char *p = path_join(c->dir, "data.mdb"), *q = path_join(c->dir,
	    "lock.mdb");

	unlink(p);
	unlink(q);
	free(p);
	free(q);
}

static int
permission(int rc)
{
	return rc == EACCES || rc == EPERM || rc == EROFS;
}

/* Opens, checks, and (once) replaces; 0, or an LMDB/errno code. */
static int
open_checked(struct cache *c, int *replaced)
{
	MDB_txn *txn;
	enum state st;
	char *what = NULL;
	int rc;

	if (c->env == NULL && (rc = env_open(c)) != 0) {
		if (permission(rc) || *replaced)
			return rc;
		diag(DIAG_WARNING, c->dir, 0, 0, "the build cache cannot be "
		    "read (%s); it will be rebuilt", lmdb_err(rc));
		goto replace;
	}
	if ((rc = mdb_txn_begin(c->env, NULL, MDB_RDONLY, &txn)) != 0)
		return rc;
	st = inspect(c, txn, &what);
	/* Committed, so that the handles it opened stay with the environment. */
	if (st == ST_OK)
		return mdb_txn_commit(txn);
	mdb_txn_abort(txn);
	if (st == ST_EMPTY) {
		if ((rc = init_tables(c)) != 0)
			return rc;
		return open_checked(c, replaced);
	}
	if (*replaced) {
		free(what);
		return MDB_INVALID;
	}
	diag(DIAG_WARNING, c->dir, 0, 0, "the build cache is not usable (%s); "
	    "it will be rebuilt", what);
	free(what);
	env_close(c);
replace:
	*replaced = 1;
	env_remove(c);
	return open_checked(c, replaced);
}

struct cache *
cache_open(const char *dir, const unsigned char fp[CACHE_HASH_LEN])
{
	struct cache *c = xcalloc(1, sizeof(*c));
	int rc, replaced = 0;

	c->dir = xstrdup(dir);
	memcpy(c->fp, fp, CACHE_HASH_LEN);
	pthread_mutex_init(&c->lock, NULL);
	if (mkdir_p(dir) == -1) {
		rc = errno;
		goto fail;
	}
	if ((rc = open_checked(c, &replaced)) != 0)
		goto fail;
	if ((rc = mdb_txn_begin(c->env, NULL, MDB_RDONLY, &c->snap)) != 0)
		goto fail;
	return c;
fail:
	diag(DIAG_WARNING, dir, 0, 0, "cannot use a build cache here (%s); "
	    "building without one", rc > 0 ? strerror(rc) : lmdb_err(rc));
	cache_close(c);
	return NULL;
}

void
cache_close(struct cache *c)
{
	if (c == NULL)
		return;
	/*
	 * A damaged record found after the last write (a body, read while
	 * rendering): replaced now, or the next build would not know.
	 */
	if (c->env != NULL && atomic_load(&c->damaged))
		cache_batch_commit(cache_batch_begin(c));
	env_close(c);
	pthread_mutex_destroy(&c->lock);
	free(c->dir);
	free(c);
}

const char *
cache_dir(const struct cache *c)
{
	return c->dir;
}

void
cache_mark_damaged(struct cache *c)
{
	atomic_store(&c->damaged, 1);
}

/* A lookup in the snapshot; v points into it until cache_close(). */
static int
snap_get(struct cache *c, MDB_dbi dbi, MDB_val *k, MDB_val *v)
{
	int rc;

	pthread_mutex_lock(&c->lock);
	rc = mdb_get(c->snap, dbi, k, v);
	pthread_mutex_unlock(&c->lock);
	return rc;
}

int
cache_file_match(struct cache *c, const char *rel, const struct cache_stat *st,
    unsigned char hash[CACHE_HASH_LEN])
{
	MDB_val k = { strlen(rel), (void *)rel }, v;
	struct cache_stat was;
	struct cache_rd d;
	const unsigned char *h;
	int trusted;

	if (snap_get(c, c->files, &k, &v) != 0)
		return 0;
	if (check(&k, &v, &d) == -1) {
		cache_mark_damaged(c);
		return 0;
	}
	was.size = cache_get_u64(&d);
	was.dev = cache_get_u64(&d);
	was.ino = cache_get_u64(&d);
	was.mtime_ns = (int64_t)cache_get_u64(&d);
	was.ctime_ns = (int64_t)cache_get_u64(&d);
	trusted = cache_get_int(&d);
	h = d.p;
	if (d.bad || d.end - d.p != CACHE_HASH_LEN) {
		cache_mark_damaged(c);
		return 0;
	}
	if (!trusted || was.size != st->size || was.dev != st->dev ||
	    was.ino != st->ino || was.mtime_ns != st->mtime_ns ||
	    was.ctime_ns != st->ctime_ns)
		return 0;
	memcpy(hash, h, CACHE_HASH_LEN);
	return 1;
}

size_t
cache_file_count(struct cache *c)
{
	MDB_stat ms;
	int rc;

	pthread_mutex_lock(&c->lock);
	rc = mdb_stat(c->snap, c->files, &ms);
	pthread_mutex_unlock(&c->lock);
	return rc == 0 ? ms.ms_entries : 0;
}

void
cache_parse_key(const struct cache *c, const unsigned char hash[CACHE_HASH_LEN],
    int lang, unsigned char key[CACHE_HASH_LEN])
{
	unsigned char b[2 * CACHE_HASH_LEN + 4];
	int i;

	memcpy(b, c->fp, CACHE_HASH_LEN);
	memcpy(b + CACHE_HASH_LEN, hash, CACHE_HASH_LEN);
	for (i = 0; i < 4; i++)
		b[2 * CACHE_HASH_LEN + i] = (unsigned char)((unsigned)lang >>
		    (8 * i));
	cache_hash(b, sizeof(b), key);
}

/*
 * The bytes of the record under a parse key in dbi, in the snapshot,
 * its checksum checked and left off.
 */
static int
record_get(struct cache *c, MDB_dbi dbi, const unsigned char key[CACHE_HASH_LEN],
    const void **data, size_t *len)
{
	MDB_val k = { CACHE_HASH_LEN, (void *)key }, v;
	struct cache_rd d;

	if (snap_get(c, dbi, &k, &v) != 0)
		return -1;
	if (check(&k, &v, &d) == -1) {
		cache_mark_damaged(c);
		return -1;
	}
	*data = d.p;
	*len = (size_t)(d.end - d.p);
	return 0;
}

int
cache_parse_get(struct cache *c, const unsigned char key[CACHE_HASH_LEN],
    const void **data, size_t *len)
{
	return record_get(c, c->parse, key, data, len);
}

int
cache_body_get(struct cache *c, const unsigned char key[CACHE_HASH_LEN],
    const void **data, size_t *len)
{
	return record_get(c, c->body, key, data, len);
}

static void
batch_fail(struct cache_batch *b, int rc)
{
	if (b->failed)
		return;
	b->failed = 1;
	if (!b->c->warned)
		diag(DIAG_WARNING, b->c->dir, 0, 0, "cannot write the build "
		    "cache (%s); the next build will parse again what this "
		    "one parsed", lmdb_err(rc));
	b->c->warned = 1;
}

struct cache_batch *
cache_batch_begin(struct cache *c)
{
	struct cache_batch *b = xcalloc(1, sizeof(*b));
	int rc;

	b->c = c;
	if ((rc = mdb_txn_begin(c->env, NULL, 0, &b->txn)) != 0) {
		b->txn = NULL;
		batch_fail(b, rc);
		return b;
	}
	/* A damaged record was seen: start again from empty tables. */
	if (atomic_exchange(&c->damaged, 0)) {
		MDB_val k = { 4, "meta" }, v;
		struct strbuf sb = STRBUF_INIT;

		diag(DIAG_WARNING, c->dir, 0, 0, "the build cache holds a "
		    "damaged record; it will be rebuilt");
		meta_record(&sb);
		seal(&k, &sb);
		v.mv_size = sb.len;
		v.mv_data = sb.s;
		if ((rc = mdb_drop(b->txn, c->files, 0)) != 0 ||
		    (rc = mdb_drop(b->txn, c->parse, 0)) != 0 ||
		    (rc = mdb_drop(b->txn, c->body, 0)) != 0 ||
		    (rc = mdb_drop(b->txn, c->blob, 0)) != 0 ||
		    (rc = mdb_drop(b->txn, c->words, 0)) != 0 ||
		    (rc = mdb_put(b->txn, c->meta, &k, &v, 0)) != 0)
			batch_fail(b, rc);
		sb_free(&sb);
	}
	return b;
}

static void
batch_put(struct cache_batch *b, MDB_dbi dbi, MDB_val *k, struct strbuf *sb)
{
	MDB_val v;
	int rc;

	if (b->failed)
		return;
	seal(k, sb);
	v.mv_size = sb->len;
	v.mv_data = sb->s;
	if ((rc = mdb_put(b->txn, dbi, k, &v, 0)) != 0)
		batch_fail(b, rc);
}

void
cache_batch_file(struct cache_batch *b, const char *rel,
    const struct cache_stat *st, const unsigned char hash[CACHE_HASH_LEN],
    int trusted)
{
	MDB_val k = { strlen(rel), (void *)rel };
	struct strbuf sb = STRBUF_INIT;

	cache_put_u64(&sb, st->size);
	cache_put_u64(&sb, st->dev);
	cache_put_u64(&sb, st->ino);
	cache_put_u64(&sb, (uint64_t)st->mtime_ns);
	cache_put_u64(&sb, (uint64_t)st->ctime_ns);
	cache_put_int(&sb, trusted);
	sb_add(&sb, (const char *)hash, CACHE_HASH_LEN);
	batch_put(b, b->c->files, &k, &sb);
	sb_free(&sb);
}

/*
 * Writes the record under a parse key in dbi in place, from its pieces,
 * then its checksum: a body is most of the bytes, copied once.
 */
static void
batch_put_spans(struct cache_batch *b, MDB_dbi dbi,
    const unsigned char key[CACHE_HASH_LEN], const struct cache_span *sp,
    size_t n)
{
	MDB_val k = { CACHE_HASH_LEN, (void *)key }, v;
	unsigned char *p;
	size_t j;
	uint64_t s;
	int rc, i;

	if (b->failed)
		return;
	for (v.mv_size = 8, j = 0; j < n; j++)
		v.mv_size += sp[j].len;
	if ((rc = mdb_put(b->txn, dbi, &k, &v, MDB_RESERVE)) != 0) {
		batch_fail(b, rc);
		return;
	}
	p = v.mv_data;
	for (j = 0; j < n; j++) {
		memcpy(p, sp[j].p, sp[j].len);
		p += sp[j].len;
	}
	s = sum(key, CACHE_HASH_LEN, v.mv_data, v.mv_size - 8);
	for (i = 0; i < 8; i++)
		*p++ = (unsigned char)(s >> (8 * i));
}

void
cache_batch_parse(struct cache_batch *b, const unsigned char key[CACHE_HASH_LEN],
    const void *data, size_t len)
{
	struct cache_span sp = { data, len };

	batch_put_spans(b, b->c->parse, key, &sp, 1);
}

void
cache_batch_body(struct cache_batch *b, const unsigned char key[CACHE_HASH_LEN],
    const struct cache_span *sp, size_t n)
{
	batch_put_spans(b, b->c->body, key, sp, n);
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
key_cmp(const void *a, const void *b)
{
	return memcmp(a, b, CACHE_HASH_LEN);
}

/* LMDB's default order: bytes, then the shorter first. */
static int
val_cmp(const MDB_val *a, const void *p, size_t n)
{
	size_t m = a->mv_size < n ? a->mv_size : n;
	int d = memcmp(a->mv_data, p, m);

	if (d != 0)
		return d;
	return a->mv_size < n ? -1 : a->mv_size > n;
}

/*
 * Deletes the records of dbi whose key is not in the sorted keep[]
 * (strings, or keys of size bytes); a merge of two sorted runs.
 */
static int
prune(MDB_txn *txn, MDB_dbi dbi, const void *keep, size_t n, size_t size,
    int strings)
{
	MDB_cursor *cur;
	MDB_val k, v, *gone = NULL;
	size_t i = 0, ngone = 0, j;
	int rc, op = MDB_FIRST;

	if ((rc = mdb_cursor_open(txn, dbi, &cur)) != 0)
		return rc;
	while ((rc = mdb_cursor_get(cur, &k, &v, op)) == 0) {
		int d = 1;

		op = MDB_NEXT;
		while (i < n) {
			const void *p = strings ? ((char *const *)keep)[i] :
			    (const char *)keep + i * size;
			size_t len = strings ? strlen(p) : size;

			if ((d = val_cmp(&k, p, len)) <= 0)
				break;
			i++;
		}
		if (d == 0)
			continue;
		/* Deleted after the walk: a cursor must not see them go. */
		gone = xreallocarray(gone, ngone + 1, sizeof(*gone));
		gone[ngone].mv_size = k.mv_size;
		gone[ngone].mv_data = xmalloc(k.mv_size ? k.mv_size : 1);
		memcpy(gone[ngone++].mv_data, k.mv_data, k.mv_size);
	}
	mdb_cursor_close(cur);
	if (rc == MDB_NOTFOUND)
		rc = 0;
	for (j = 0; j < ngone; j++) {
		int r = mdb_del(txn, dbi, &gone[j], NULL);

		if (r != 0 && r != MDB_NOTFOUND && rc == 0)
			rc = r;
		free(gone[j].mv_data);
	}
	free(gone);
	return rc;
}

void
cache_batch_prune(struct cache_batch *b, char **rels, size_t nrels,
    unsigned char (*keys)[CACHE_HASH_LEN], size_t nkeys)
{
	int rc;

	if (b->failed)
		return;
	/* strcmp and LMDB's order agree: no key holds a NUL. */
	qsort(rels, nrels, sizeof(*rels), str_cmp);
	qsort(keys, nkeys, CACHE_HASH_LEN, key_cmp);
	/* Bodies apart: one whose parse record never came (a killed build) goes too. */
	if ((rc = prune(b->txn, b->c->files, rels, nrels, 0, 1)) != 0 ||
	    (rc = prune(b->txn, b->c->parse, keys, nkeys, CACHE_HASH_LEN,
	    0)) != 0 || (rc = prune(b->txn, b->c->body, keys, nkeys,
	    CACHE_HASH_LEN, 0)) != 0)
		batch_fail(b, rc);
}

int
cache_batch_commit(struct cache_batch *b)
{
	int rc, ret = -1;

	if (b == NULL)
		return -1;
	if (b->failed) {
		if (b->txn != NULL)
			mdb_txn_abort(b->txn);
	} else if ((rc = mdb_txn_commit(b->txn)) != 0)
		batch_fail(b, rc);
	else
		ret = 0;
	free(b);
	return ret;
}

/* The key of a words record: the language code, a NUL, the hash. */
static size_t
words_key(const char *lang, const unsigned char hash[CACHE_HASH_LEN],
    unsigned char *out)
{
	size_t n = strlen(lang);

	memcpy(out, lang, n + 1);
	memcpy(out + n + 1, hash, CACHE_HASH_LEN);
	return n + 1 + CACHE_HASH_LEN;
}

int
cache_words_get(struct cache *c, const char *lang,
    const unsigned char hash[CACHE_HASH_LEN], const char **data, size_t *len)
{
	unsigned char kb[CACHE_LANG_MAX + 1 + CACHE_HASH_LEN];
	MDB_val k, v;
	struct cache_rd d;

	if (strlen(lang) > CACHE_LANG_MAX)
		return -1;
	k.mv_size = words_key(lang, hash, kb);
	k.mv_data = kb;
	if (snap_get(c, c->words, &k, &v) != 0)
		return -1;
	if (check(&k, &v, &d) == -1) {
		cache_mark_damaged(c);
		return -1;
	}
	*data = (const char *)d.p;
	*len = (size_t)(d.end - d.p);
	return 0;
}

void
cache_batch_words(struct cache_batch *b, const char *lang,
    const unsigned char hash[CACHE_HASH_LEN], const void *data, size_t len)
{
	unsigned char kb[CACHE_LANG_MAX + 1 + CACHE_HASH_LEN];
	MDB_val k = { 0, kb };
	struct strbuf sb = STRBUF_INIT;

	if (b->failed || strlen(lang) > CACHE_LANG_MAX)
		return;
	k.mv_size = words_key(lang, hash, kb);
	sb_add(&sb, data, len);
	batch_put(b, b->c->words, &k, &sb);
	sb_free(&sb);
}

void
cache_batch_words_prune(struct cache_batch *b, const char *lang,
    unsigned char (*hashes)[CACHE_HASH_LEN], size_t n)
{
	size_t plen = strlen(lang) + 1, i = 0, ngone = 0, j;
	MDB_cursor *cur;
	MDB_val k = { plen, (void *)lang }, v, *gone = NULL;
	int rc, op = MDB_SET_RANGE;

	if (b->failed)
		return;
	qsort(hashes, n, CACHE_HASH_LEN, key_cmp);
	if ((rc = mdb_cursor_open(b->txn, b->c->words, &cur)) != 0) {
		batch_fail(b, rc);
		return;
	}
	/* The language's records are one run of keys: its code, then NUL. */
	while ((rc = mdb_cursor_get(cur, &k, &v, op)) == 0) {
		const unsigned char *h = (const unsigned char *)k.mv_data + plen;
		int d = 1;

		op = MDB_NEXT;
		if (k.mv_size < plen || memcmp(k.mv_data, lang, plen) != 0)
			break;
		while (k.mv_size == plen + CACHE_HASH_LEN && i < n &&
		    (d = memcmp(h, hashes[i], CACHE_HASH_LEN)) > 0)
			i++;
		if (k.mv_size == plen + CACHE_HASH_LEN && i < n && d == 0)
			continue;
		gone = xreallocarray(gone, ngone + 1, sizeof(*gone));
		gone[ngone].mv_size = k.mv_size;
		gone[ngone].mv_data = xmalloc(k.mv_size);
		memcpy(gone[ngone++].mv_data, k.mv_data, k.mv_size);
	}
	mdb_cursor_close(cur);
	if (rc == MDB_NOTFOUND)
		rc = 0;
	for (j = 0; j < ngone; j++) {
		int r = mdb_del(b->txn, b->c->words, &gone[j], NULL);

		if (r != 0 && r != MDB_NOTFOUND && rc == 0)
			rc = r;
		free(gone[j].mv_data);
	}
	free(gone);
	if (rc != 0)
		batch_fail(b, rc);
}

int
cache_blob_get(struct cache *c, const char *key, char **data, size_t *len)
{
	MDB_txn *txn;
	MDB_val k = { strlen(key), (void *)key }, v;
	struct cache_rd d;
	int ret = -1;

	if (mdb_txn_begin(c->env, NULL, MDB_RDONLY, &txn) != 0)
		return -1;
	if (mdb_get(txn, c->blob, &k, &v) == 0) {
		if (check(&k, &v, &d) == 0) {
			*len = (size_t)(d.end - d.p);
			*data = xmalloc(*len + 1);
			memcpy(*data, d.p, *len);
			(*data)[*len] = '\0';
			ret = 0;
		} else
			cache_mark_damaged(c);
	}
	mdb_txn_abort(txn);
	return ret;
}

int
cache_blob_put(struct cache *c, const char *key, const void *data, size_t len)
{
	struct cache_batch *b = cache_batch_begin(c);
	MDB_val k = { strlen(key), (void *)key };
	struct strbuf sb = STRBUF_INIT;

	sb_add(&sb, data, len);
	batch_put(b, c->blob, &k, &sb);
	sb_free(&sb);
	return cache_batch_commit(b);
}

int
cache_blob_del(struct cache *c, const char *key)
{
	struct cache_batch *b = cache_batch_begin(c);
	MDB_val k = { strlen(key), (void *)key };
	int rc;

	if (!b->failed && (rc = mdb_del(b->txn, c->blob, &k, NULL)) != 0 &&
	    rc != MDB_NOTFOUND)
		batch_fail(b, rc);
	return cache_batch_commit(b);
}
