/*
 * cache.c: see cache.h.  The environment: opened and checked (replaced
 * when foreign, old or damaged), its snapshot, and the transactions of
 * batches.  What each table holds is tables.c's; the bytes of a record
 * are record.c's.
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
 *          article's words, in search/words.c's encoding (so that a build
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
#include "cache/cache_int.h"

#ifndef ARSHIF_VERSION
#define ARSHIF_VERSION "0.1.0"
#endif

#define MAGIC	"arshif build cache"

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
	if (mdb_get(txn, c->meta, &k, &v) != 0 || record_check(&k, &v, &d) == -1) {
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
	record_seal(&k, &sb);
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

void
cache_batch_fail(struct cache_batch *b, int rc)
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
		cache_batch_fail(b, rc);
		return b;
	}
	/* A damaged record was seen: start again from empty tables. */
	if (atomic_exchange(&c->damaged, 0)) {
		MDB_val k = { 4, "meta" }, v;
		struct strbuf sb = STRBUF_INIT;

		diag(DIAG_WARNING, c->dir, 0, 0, "the build cache holds a "
		    "damaged record; it will be rebuilt");
		meta_record(&sb);
		record_seal(&k, &sb);
		v.mv_size = sb.len;
		v.mv_data = sb.s;
		if ((rc = mdb_drop(b->txn, c->files, 0)) != 0 ||
		    (rc = mdb_drop(b->txn, c->parse, 0)) != 0 ||
		    (rc = mdb_drop(b->txn, c->body, 0)) != 0 ||
		    (rc = mdb_drop(b->txn, c->blob, 0)) != 0 ||
		    (rc = mdb_drop(b->txn, c->words, 0)) != 0 ||
		    (rc = mdb_put(b->txn, c->meta, &k, &v, 0)) != 0)
			cache_batch_fail(b, rc);
		sb_free(&sb);
	}
	return b;
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
		cache_batch_fail(b, rc);
	else
		ret = 0;
	free(b);
	return ret;
}
