/*
 * tables.c: what each table of the cache holds, read from the snapshot
 * and written in a batch: the files' stats, the parse and body records
 * (bytes, content/codec.c's), search's words, the named blobs; and the
 * pruning of the records nothing names any more.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <lmdb.h>

#include "base/util.h"
#include "cache/cache.h"
#include "cache/cache_int.h"

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

static void
batch_put(struct cache_batch *b, MDB_dbi dbi, MDB_val *k, struct strbuf *sb)
{
	MDB_val v;
	int rc;

	if (b->failed)
		return;
	record_seal(k, sb);
	v.mv_size = sb->len;
	v.mv_data = sb->s;
	if ((rc = mdb_put(b->txn, dbi, k, &v, 0)) != 0)
		cache_batch_fail(b, rc);
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
		cache_batch_fail(b, rc);
		return;
	}
	p = v.mv_data;
	for (j = 0; j < n; j++) {
		memcpy(p, sp[j].p, sp[j].len);
		p += sp[j].len;
	}
	s = record_sum(key, CACHE_HASH_LEN, v.mv_data, v.mv_size - 8);
	for (i = 0; i < 8; i++)
		*p++ = (unsigned char)(s >> (8 * i));
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
	if (record_check(&k, &v, &d) == -1) {
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
	if (record_check(&k, &v, &d) == -1) {
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
		cache_batch_fail(b, rc);
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
	if (record_check(&k, &v, &d) == -1) {
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
		cache_batch_fail(b, rc);
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
		cache_batch_fail(b, rc);
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
		if (record_check(&k, &v, &d) == 0) {
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
		cache_batch_fail(b, rc);
	return cache_batch_commit(b);
}
