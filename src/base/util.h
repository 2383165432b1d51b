/*
 * util.h: file and path helpers, a string-keyed hash map, the version
 * and a clock; and, for every module's convenience, the allocation,
 * string and diagnostics headers of base/.  Depends on libc only.
 */
#ifndef UTIL_H
#define UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "base/mem.h"
#include "base/strbuf.h"
#include "base/diag.h"

/* Files and paths. */
/*
 * Reads a whole file into a NUL-terminated buffer the caller frees.
 * Refuses files over max bytes (errno EFBIG).  Returns NULL with errno
 * set on failure.
 */
char	*file_read(const char *path, size_t max, size_t *lenp);
/* Joins two path parts with one '/'; caller frees. */
char	*path_join(const char *, const char *);
/* Creates a directory and its parents.  Returns 0 or -1 with errno. */
int	 mkdir_p(const char *path);
/* Removes a tree without following symlinks.  Returns 0 or -1. */
int	 rm_rf(const char *path);
int	 is_dir(const char *path);
/* Lower-case ASCII copy; caller frees. */
char	*ascii_lower(const char *);
int	 has_suffix(const char *, const char *);

/* A string-keyed hash map with insertion order kept; values are borrowed. */
struct hmap;

struct hmap *hmap_new(void);
/* Frees the map and its copies of the keys, not the values. */
void	 hmap_free(struct hmap *);
void	*hmap_get(const struct hmap *, const char *key);
/*
 * Inserts key if absent.  Returns the value already there (and leaves
 * it), or NULL when key was inserted with val.
 */
void	*hmap_put(struct hmap *, const char *key, void *val);
size_t	 hmap_count(const struct hmap *);
/* The i-th value in insertion order. */
void	*hmap_value_at(const struct hmap *, size_t i);
const char *hmap_key_at(const struct hmap *, size_t i);

uint64_t hash_str(const char *);

/* arshif's version, as the Makefile sets it: shown, and hashed into caches. */
extern const char arshif_version[];

/* Milliseconds on a monotonic clock, for the timings a build reports. */
double	 now_ms(void);

#endif /* UTIL_H */
