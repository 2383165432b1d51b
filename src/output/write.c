/*
 * write.c: the one way a file gets into the stage.  A file whose
 * inputs or bytes a generation already has is kept or hard-linked from
 * the live site with its mtime; any other is written anew beside, never
 * through, a file the live site may share.  Two pages claiming one
 * path is an error here, where it is first seen.
 */
#define _GNU_SOURCE
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "base/util.h"
#include "output/output.h"
#include "output/output_int.h"

int
output_write_all(int fd, const char *data, size_t len)
{
	size_t off = 0;
	ssize_t n;

	while (off < len) {
		n = write(fd, data + off, len - off);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		off += (size_t)n;
	}
	return 0;
}

/* Makes the folder of rel in the stage, once per folder per build. */
static int
make_dirs(struct output *o, const char *rel)
{
	const char *slash = strrchr(rel, '/');
	char *d, *path;
	int rc = 0;

	if (slash == NULL)
		return 0;
	d = xstrndup(rel, (size_t)(slash - rel));
	pthread_mutex_lock(&o->dmu);
	if (hmap_get(o->dirs, d) == NULL) {
		path = path_join(o->stage, d);
		if (mkdir_p(path) == -1) {
			diag(DIAG_ERROR, path, 0, 0, "cannot create folder: %s",
			    strerror(errno));
			rc = -1;
		} else {
			/* Its parents exist now too. */
			char *p = d, *s;

			hmap_put(o->dirs, d, o);
			while ((s = strrchr(p, '/')) != NULL) {
				*s = '\0';
				if (hmap_put(o->dirs, p, o) != NULL)
					break;
			}
		}
		free(path);
	}
	pthread_mutex_unlock(&o->dmu);
	free(d);
	return rc;
}

/*
 * Records rel in the new manifest; -1 when this build already has it
 * (two pages claim one path).  Called with o->mu held.
 */
static int
record(struct output *o, const char *rel, const unsigned char *sig,
    const unsigned char *chash)
{
	struct mentry *e = xcalloc(1, sizeof(*e));

	memcpy(e->sig, sig, OUTPUT_SIG_LEN);
	memcpy(e->chash, chash, OUTPUT_SIG_LEN);
	if (hmap_put(o->now.m, rel, e) != NULL) {
		free(e);
		diag(DIAG_ERROR, rel, 0, 0, "two pages claim this path; "
		    "rename one of their sources");
		return -1;
	}
	return 0;
}

/* Gives the stage the live site's file rel: same bytes, same mtime. */
static int
link_live(struct output *o, const char *rel)
{
	char *from = path_join(o->dir, rel), *to = path_join(o->stage, rel);
	int rc = -1;

	if (make_dirs(o, rel) == 0) {
		if (unlink(to) == -1 && errno != ENOENT)
			diag(DIAG_ERROR, to, 0, 0, "cannot replace: %s",
			    strerror(errno));
		else if (link(from, to) == 0)
			rc = 0;
		else
			rc = 1;	/* say so to the caller: write it instead */
	}
	free(from);
	free(to);
	return rc;
}

int
output_keep(struct output *o, const char *rel, const unsigned char *sig)
{
	struct mentry *old, *live;
	int rc = 0, l;

	if (!output_rel_ok(rel))
		return 0;	/* output_write() reports it */
	output_settle(o);
	old = hmap_get(o->old.m, rel);
	live = hmap_get(o->live.m, rel);
	pthread_mutex_lock(&o->mu);
	if (hmap_get(o->now.m, rel) != NULL)
		rc = 0;	/* let output_write() report the clash */
	else if (old && memcmp(old->sig, sig, OUTPUT_SIG_LEN) == 0) {
		if (record(o, rel, sig, old->chash) == 0) {
			atomic_fetch_add(&o->nkept, 1);
			rc = 1;
		}
	} else if (live && memcmp(live->sig, sig, OUTPUT_SIG_LEN) == 0) {
		pthread_mutex_unlock(&o->mu);
		l = link_live(o, rel);
		pthread_mutex_lock(&o->mu);
		if (l == 0 && record(o, rel, sig, live->chash) == 0) {
			atomic_fetch_add(&o->nlinked, 1);
			rc = 1;
		}
	}
	pthread_mutex_unlock(&o->mu);
	return rc;
}

int
output_write(struct output *o, const char *rel, const char *data, size_t len,
    const unsigned char *sig)
{
	unsigned char chash[OUTPUT_SIG_LEN];
	struct mentry *old, *live;
	XXH128_canonical_t ch;
	char *path;
	int fd, rc;

	if (!output_rel_ok(rel)) {
		diag(DIAG_ERROR, rel, 0, 0, "refusing to write outside the "
		    "output folder");
		return -1;
	}
	output_settle(o);
	XXH128_canonicalFromHash(&ch, XXH3_128bits(data, len));
	memcpy(chash, ch.digest, sizeof(chash));
	if (sig == NULL)
		sig = chash;
	pthread_mutex_lock(&o->mu);
	rc = record(o, rel, sig, chash);
	pthread_mutex_unlock(&o->mu);
	if (rc == -1)
		return -1;
	/* The same bytes as a file already there: keep that file and its mtime. */
	old = hmap_get(o->old.m, rel);
	if (old && memcmp(old->chash, chash, OUTPUT_SIG_LEN) == 0) {
		atomic_fetch_add(&o->nkept, 1);
		return 0;
	}
	live = hmap_get(o->live.m, rel);
	if (live && memcmp(live->chash, chash, OUTPUT_SIG_LEN) == 0 &&
	    link_live(o, rel) == 0) {
		atomic_fetch_add(&o->nlinked, 1);
		return 0;
	}
	if (make_dirs(o, rel) == -1)
		return -1;
	path = path_join(o->stage, rel);
	/* The stage's file may be shared with the live site: never write through it. */
	if (unlink(path) == -1 && errno != ENOENT) {
		diag(DIAG_ERROR, rel, 0, 0, "cannot replace: %s",
		    strerror(errno));
		free(path);
		return -1;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
	    0644);
	free(path);
	if (fd == -1 || output_write_all(fd, data, len) == -1) {
		diag(DIAG_ERROR, rel, 0, 0, "cannot write: %s",
		    strerror(errno));
		if (fd != -1)
			close(fd);
		return -1;
	}
	if (close(fd) == -1) {
		diag(DIAG_ERROR, rel, 0, 0, "cannot write: %s",
		    strerror(errno));
		return -1;
	}
	atomic_fetch_add(&o->nwritten, 1);
	return 0;
}

static int
copy_tree(struct output *o, const char *src, const char *shown,
    const char *rel, int depth)
{
	struct dirent *de;
	DIR *d;
	int bad = 0;

	if (depth > 32) {
		diag(DIAG_ERROR, shown, 0, 0, "folders nest too deep (a "
		    "symbolic link loop?)");
		return -1;
	}
	if ((d = opendir(src)) == NULL) {
		diag(DIAG_ERROR, shown, 0, 0, "cannot read folder: %s",
		    strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		char *f, *r, *sh, *data;
		struct stat st;
		size_t len;

		if (de->d_name[0] == '.')
			continue;
		f = path_join(src, de->d_name);
		r = *rel ? path_join(rel, de->d_name) : xstrdup(de->d_name);
		sh = path_join(shown, de->d_name);
		if (stat(f, &st) == -1) {
			diag(DIAG_ERROR, sh, 0, 0, "cannot read: %s",
			    strerror(errno));
			bad = 1;
		} else if (S_ISDIR(st.st_mode)) {
			if (copy_tree(o, f, sh, r, depth + 1) == -1)
				bad = 1;
		} else if (S_ISREG(st.st_mode)) {
			if ((data = file_read(f, (size_t)1 << 31, &len)) ==
			    NULL) {
				diag(DIAG_ERROR, sh, 0, 0, "cannot read: %s",
				    strerror(errno));
				bad = 1;
			} else {
				if (output_write(o, r, data, len, NULL) == -1)
					bad = 1;
				free(data);
			}
		}
		free(f);
		free(r);
		free(sh);
	}
	closedir(d);
	return bad ? -1 : 0;
}

int
output_copy_tree(struct output *o, const char *src, const char *shown)
{
	return copy_tree(o, src, shown, "", 0);
}
