/*
 * record.c: the bytes of a record, whatever its table: the fields as
 * cache.h says they are written, and the checksum that ends every
 * record (XXH3 64, seeded by its key), so that a damaged record is
 * found and never used.
 */
#include <stdint.h>
#include <string.h>

#include <lmdb.h>
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "base/util.h"
#include "cache/cache.h"
#include "cache/cache_int.h"

void
cache_hash(const void *p, size_t n, unsigned char out[CACHE_HASH_LEN])
{
	XXH128_canonical_t cn;

	XXH128_canonicalFromHash(&cn, XXH3_128bits(p, n));
	memcpy(out, cn.digest, CACHE_HASH_LEN);
}

/* The checksum that ends a record: of its bytes, seeded by its key. */
uint64_t
record_sum(const void *key, size_t klen, const void *p, size_t n)
{
	return XXH3_64bits_withSeed(p, n, XXH3_64bits(key, klen));
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
int
record_check(const MDB_val *k, const MDB_val *v, struct cache_rd *d)
{
	const unsigned char *p = v->mv_data;
	struct cache_rd t;

	if (v->mv_size < 8)
		return -1;
	t.p = p + v->mv_size - 8;
	t.end = p + v->mv_size;
	t.bad = 0;
	if (cache_get_u64(&t) != record_sum(k->mv_data, k->mv_size, p, v->mv_size - 8))
		return -1;
	d->p = p;
	d->end = p + v->mv_size - 8;
	d->bad = 0;
	return 0;
}

/* The value of a record: bytes, then their checksum. */
void
record_seal(const MDB_val *k, struct strbuf *sb)
{
	cache_put_u64(sb, record_sum(k->mv_data, k->mv_size, sb_str(sb), sb->len));
}
