/*
 * util.c: see util.h.
 */
#define _GNU_SOURCE
#include <sys/stat.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/util.h"

#ifndef ARSHIF_VERSION
#define ARSHIF_VERSION "0.1.0"
#endif
const char arshif_version[] = ARSHIF_VERSION;

double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

char *
file_read(const char *path, size_t max, size_t *lenp)
{
	struct stat st;
	char *buf;
	size_t len = 0, cap;
	ssize_t n;
	int fd, saved;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return NULL;
	if (fstat(fd, &st) == -1) {
		saved = errno;
		close(fd);
		errno = saved;
		return NULL;
	}
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		errno = EISDIR;
		return NULL;
	}
	if (st.st_size > 0 && (uintmax_t)st.st_size > max) {
		close(fd);
		errno = EFBIG;
		return NULL;
	}
	cap = st.st_size > 0 ? (size_t)st.st_size + 1 : 4096;
	buf = xmalloc(cap);
	for (;;) {
		if (len + 1 >= cap) {
			if (cap > max + 1) {
				free(buf);
				close(fd);
				errno = EFBIG;
				return NULL;
			}
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		n = read(fd, buf + len, cap - len - 1);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			saved = errno;
			free(buf);
			close(fd);
			errno = saved;
			return NULL;
		}
		if (n == 0)
			break;
		len += (size_t)n;
		if (len > max) {
			free(buf);
			close(fd);
			errno = EFBIG;
			return NULL;
		}
	}
	close(fd);
	buf[len] = '\0';
	if (lenp)
		*lenp = len;
	return buf;
}

char *
path_join(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), sep;
	char *p;

	if (la == 0)
		return xstrdup(b);
	/* Copied, not formatted: the walk of content/ joins once per file. */
	sep = a[la - 1] != '/';
	p = xmalloc(la + sep + lb + 1);
	memcpy(p, a, la);
	p[la] = '/';
	memcpy(p + la + sep, b, lb + 1);
	return p;
}

int
mkdir_p(const char *path)
{
	char *parent, *slash;
	int rc;

	/* From the leaf up: a folder whose parent exists costs one call. */
	if (mkdir(path, 0755) == 0)
		return 0;
	if (errno == EEXIST)
		return is_dir(path) ? 0 : (errno = ENOTDIR, -1);
	if (errno != ENOENT)
		return -1;
	parent = xstrdup(path);
	slash = strrchr(parent, '/');
	while (slash != NULL && slash > parent && slash[1] == '\0') {
		*slash = '\0';	/* trailing slashes */
		slash = strrchr(parent, '/');
	}
	if (slash == NULL || slash == parent) {
		free(parent);
		errno = ENOENT;
		return -1;
	}
	*slash = '\0';
	rc = mkdir_p(parent);
	free(parent);
	if (rc == -1)
		return -1;
	if (mkdir(path, 0755) == -1 && errno != EEXIST)
		return -1;
	return 0;
}

static int
rm_rf_at(int at, const char *name)
{
	struct stat st;
	DIR *d;
	struct dirent *de;
	int fd, rc = 0;

	if (fstatat(at, name, &st, AT_SYMLINK_NOFOLLOW) == -1)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return unlinkat(at, name, 0);
	fd = openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (fd == -1)
		return -1;
	if ((d = fdopendir(fd)) == NULL) {
		close(fd);
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		if (rm_rf_at(dirfd(d), de->d_name) == -1)
			rc = -1;
	}
	closedir(d);
	if (unlinkat(at, name, AT_REMOVEDIR) == -1)
		rc = -1;
	return rc;
}

int
rm_rf(const char *path)
{
	return rm_rf_at(AT_FDCWD, path);
}

int
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

char *
ascii_lower(const char *s)
{
	char *p = xstrdup(s), *q;

	for (q = p; *q; q++)
		*q = (char)tolower((unsigned char)*q);
	return p;
}

int
has_suffix(const char *s, const char *suf)
{
	size_t ls = strlen(s), lf = strlen(suf);

	return ls >= lf && memcmp(s + ls - lf, suf, lf) == 0;
}

uint64_t
hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;	/* FNV-1a */

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

struct hmap {
	char	**keys;		/* insertion order; owned */
	void	**vals;
	size_t	  n, cap;
	size_t	 *slots;	/* index + 1 into keys; 0 = empty */
	size_t	  nslots;	/* power of two */
};

struct hmap *
hmap_new(void)
{
	struct hmap *m = xcalloc(1, sizeof(*m));

	m->nslots = 64;
	m->slots = xcalloc(m->nslots, sizeof(*m->slots));
	return m;
}

void
hmap_free(struct hmap *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->n; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->vals);
	free(m->slots);
	free(m);
}

static size_t *
hmap_slot(const struct hmap *m, const char *key)
{
	size_t i = (size_t)hash_str(key) & (m->nslots - 1);

	while (m->slots[i] != 0 && strcmp(m->keys[m->slots[i] - 1], key) != 0)
		i = (i + 1) & (m->nslots - 1);
	return &m->slots[i];
}

void *
hmap_get(const struct hmap *m, const char *key)
{
	size_t *s = hmap_slot(m, key);

	return *s ? m->vals[*s - 1] : NULL;
}

void *
hmap_put(struct hmap *m, const char *key, void *val)
{
	size_t *s = hmap_slot(m, key), i;

	if (*s)
		return m->vals[*s - 1];
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 16;
		m->keys = xreallocarray(m->keys, m->cap, sizeof(*m->keys));
		m->vals = xreallocarray(m->vals, m->cap, sizeof(*m->vals));
	}
	m->keys[m->n] = xstrdup(key);
	m->vals[m->n] = val;
	*s = ++m->n;
	if (m->n * 2 > m->nslots) {
		free(m->slots);
		m->nslots *= 2;
		m->slots = xcalloc(m->nslots, sizeof(*m->slots));
		for (i = 0; i < m->n; i++)
			*hmap_slot(m, m->keys[i]) = i + 1;
	}
	return NULL;
}

size_t
hmap_count(const struct hmap *m)
{
	return m->n;
}

void *
hmap_value_at(const struct hmap *m, size_t i)
{
	return m->vals[i];
}

const char *
hmap_key_at(const struct hmap *m, size_t i)
{
	return m->keys[i];
}
