/*
 * cache_int.h: what the files of cache/ share, and no other folder sees.
 */
#ifndef CACHE_INT_H
#define CACHE_INT_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include <lmdb.h>

#include "cache/cache.h"

struct strbuf;

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

/* cache.c */
/* Reports a batch's first failure (once per cache) and fails the rest of it. */
void	 cache_batch_fail(struct cache_batch *, int rc);

/* record.c */
/* The checksum that ends a record: of its bytes, seeded by its key. */
uint64_t record_sum(const void *key, size_t klen, const void *p, size_t n);
/* Checks and strips the trailing checksum; 0 when the record is whole. */
int	 record_check(const MDB_val *k, const MDB_val *v, struct cache_rd *d);
/* The value of a record: bytes, then their checksum. */
void	 record_seal(const MDB_val *k, struct strbuf *sb);

#endif /* CACHE_INT_H */
