/*
 * output.c: see output.h.
 */
#define _GNU_SOURCE
#include <sys/file.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"
#include "output.h"

struct output {
	char		*dir;		/* the output folder */
	char		*stage;		/* the fresh folder beside it */
	int		 lock;		/* open on stage, flock()ed while we build */
	atomic_size_t	 count;
};

int
output_rel_ok(const char *rel)
{
	const char *p = rel, *e;

	if (rel[0] == '\0' || rel[0] == '/')
		return 0;
	while (*p) {
		e = strchr(p, '/');
		if (e == NULL)
			e = p + strlen(p);
		if (e == p || (e - p == 1 && p[0] == '.') ||
		    (e - p == 2 && p[0] == '.' && p[1] == '.'))
			return 0;
		for (; p < e; p++)
			if ((unsigned char)*p < 0x20 || *p == 0x7f ||
			    *p == '\\')
				return 0;
		if (*p == '/')
			p++;
	}
	return 1;
}

/*
 * realpath() of a path that may not exist yet: the real path of its
 * deepest existing ancestor, plus the rest.  Caller frees.
 */
static char *
resolve(const char *path)
{
	char buf[PATH_MAX], *head, *slash, *r;
	const char *rest;

	if (realpath(path, buf) != NULL)
		return xstrdup(buf);
	head = path[0] == '/' ? xstrdup(path) : path_join(".", path);
	for (;;) {
		while (strlen(head) > 1 && has_suffix(head, "/"))
			head[strlen(head) - 1] = '\0';
		slash = strrchr(head, '/');
		if (slash == NULL) {
			free(head);
			return NULL;
		}
		*slash = '\0';
		if (realpath(slash == head ? "/" : head, buf) != NULL)
			break;
	}
	rest = path + (slash - head) + (path[0] == '/' ? 1 : -1);
	r = path_join(buf, rest);
	free(head);
	return r;
}

/* 1 when a is b or a folder above b. */
static int
contains(const char *a, const char *b)
{
	size_t n = strlen(a);

	if (strcmp(a, "/") == 0)
		return 1;
	return strncmp(a, b, n) == 0 && (b[n] == '\0' || b[n] == '/');
}

int
output_check(const char *dir, const char *src, int clean)
{
	static const char *inside[] = { "content", "templates", "static",
	    NULL };
	char *d = resolve(dir), *s = resolve(src), *home = NULL, *mark;
	const char *h = getenv("HOME");
	int rc = -1, i;
	DIR *dd;

	if (d == NULL || s == NULL) {
		diag(DIAG_ERROR, dir, 0, 0, "cannot resolve the output folder: "
		    "%s; create its parent folder first", strerror(errno));
		goto out;
	}
	if (h && *h)
		home = resolve(h);
	if (strcmp(d, "/") == 0 || (home && strcmp(d, home) == 0)) {
		diag(DIAG_ERROR, dir, 0, 0, "refusing to use %s as the output "
		    "folder; choose a folder of its own, such as public/",
		    strcmp(d, "/") == 0 ? "/" : "the home folder");
		goto out;
	}
	if (contains(d, s)) {
		diag(DIAG_ERROR, dir, 0, 0, "the output folder is the source "
		    "folder or holds it, and a build replaces its output; "
		    "choose another folder, such as %s/public", src);
		goto out;
	}
	for (i = 0; inside[i]; i++) {
		char *sub = path_join(s, inside[i]);
		int in = contains(sub, d);

		free(sub);
		if (in) {
			diag(DIAG_ERROR, dir, 0, 0, "the output folder is "
			    "inside the source's %s/ folder; choose a folder "
			    "outside it, such as public/", inside[i]);
			goto out;
		}
	}
	if ((dd = opendir(d)) != NULL) {
		struct dirent *de;
		int empty = 1;

		while ((de = readdir(dd)) != NULL)
			if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
				empty = 0;
		closedir(dd);
		mark = path_join(d, OUTPUT_MARK);
		if (!empty && access(mark, F_OK) != 0 && !clean) {
			diag(DIAG_ERROR, dir, 0, 0, "the folder exists and was "
			    "not made by arshif; its files would be replaced. "
			    "Move them away, or pass --clean to replace them");
			free(mark);
			goto out;
		}
		free(mark);
	} else if (errno != ENOENT) {
		diag(DIAG_ERROR, dir, 0, 0, "cannot use as output folder: %s",
		    strerror(errno));
		goto out;
	}
	rc = 0;
out:
	free(d);
	free(s);
	free(home);
	return rc;
}

struct output *
output_begin(const char *dir)
{
	struct output *o = xcalloc(1, sizeof(*o));
	char *d = xstrdup(dir), *slash, *parent, *mark;

	while (strlen(d) > 1 && has_suffix(d, "/"))
		d[strlen(d) - 1] = '\0';
	o->dir = d;
	slash = strrchr(d, '/');
	parent = slash ? xstrndup(d, (size_t)(slash - d)) : xstrdup(".");
	if (parent[0] == '\0') {
		free(parent);
		parent = xstrdup("/");
	}
	if (mkdir_p(parent) == -1) {
		diag(DIAG_ERROR, parent, 0, 0, "cannot create folder: %s",
		    strerror(errno));
		free(parent);
		free(o->dir);
		free(o);
		return NULL;
	}
	/*
	 * A build killed earlier left its staging folder: it never became
	 * the site, so nothing of value is in it.  A build still running
	 * holds a lock on its own (the kernel drops it when the process
	 * dies): that one is left alone.
	 */
	{
		char *prefix = xasprintf(".%s.arshif-", slash ? slash + 1 : d);
		DIR *pd = opendir(parent);
		struct dirent *de;

		while (pd != NULL && (de = readdir(pd)) != NULL) {
			char *old;
			int fd;

			if (strncmp(de->d_name, prefix, strlen(prefix)) != 0 ||
			    strlen(de->d_name) != strlen(prefix) + 6)
				continue;
			old = path_join(parent, de->d_name);
			fd = open(old, O_RDONLY | O_DIRECTORY | O_CLOEXEC |
			    O_NOFOLLOW);
			if (fd != -1 && flock(fd, LOCK_EX | LOCK_NB) == 0)
				rm_rf(old);
			if (fd != -1)
				close(fd);
			free(old);
		}
		if (pd != NULL)
			closedir(pd);
		free(prefix);
	}
	/* Beside the output, on the same file system: rename() can swap them. */
	o->stage = xasprintf("%s/.%s.arshif-XXXXXX", parent,
	    slash ? slash + 1 : d);
	free(parent);
	if (mkdtemp(o->stage) == NULL) {
		diag(DIAG_ERROR, o->stage, 0, 0, "cannot create the staging "
		    "folder: %s", strerror(errno));
		free(o->stage);
		free(o->dir);
		free(o);
		return NULL;
	}
	chmod(o->stage, 0755);
	o->lock = open(o->stage, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (o->lock != -1)
		flock(o->lock, LOCK_EX);
	mark = path_join(o->stage, OUTPUT_MARK);
	{
		FILE *f = fopen(mark, "w");

		if (f) {
			fputs("made by arshif: the next build replaces this "
			    "folder\n", f);
			fclose(f);
		}
	}
	free(mark);
	return o;
}

int
output_write(struct output *o, const char *rel, const char *data, size_t len)
{
	char *path, *slash;
	size_t off = 0;
	ssize_t n;
	int fd;

	if (!output_rel_ok(rel)) {
		diag(DIAG_ERROR, rel, 0, 0, "refusing to write outside the "
		    "output folder");
		return -1;
	}
	path = path_join(o->stage, rel);
	slash = strrchr(path, '/');
	*slash = '\0';
	if (mkdir_p(path) == -1) {
		diag(DIAG_ERROR, path, 0, 0, "cannot create folder: %s",
		    strerror(errno));
		free(path);
		return -1;
	}
	*slash = '/';
	/* O_EXCL: a second page on one path is a bug to report, not to hide. */
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
	    0644);
	if (fd == -1) {
		diag(DIAG_ERROR, rel, 0, 0, errno == EEXIST ?
		    "two pages claim this path; rename one of their sources" :
		    "cannot write: %s", strerror(errno));
		free(path);
		return -1;
	}
	while (off < len) {
		n = write(fd, data + off, len - off);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			diag(DIAG_ERROR, rel, 0, 0, "cannot write: %s",
			    strerror(errno));
			close(fd);
			free(path);
			return -1;
		}
		off += (size_t)n;
	}
	free(path);
	if (close(fd) == -1) {
		diag(DIAG_ERROR, rel, 0, 0, "cannot write: %s",
		    strerror(errno));
		return -1;
	}
	atomic_fetch_add(&o->count, 1);
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
				if (output_write(o, r, data, len) == -1)
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

int
output_commit(struct output *o)
{
	int rc = 0;

	/*
	 * renameat2(RENAME_EXCHANGE) swaps the two folders in one step:
	 * at no moment is there no complete site at dir.
	 */
	if (renameat2(AT_FDCWD, o->stage, AT_FDCWD, o->dir,
	    RENAME_EXCHANGE) == 0) {
		if (rm_rf(o->stage) == -1)
			diag(DIAG_WARNING, o->stage, 0, 0, "cannot remove the "
			    "previous site: %s; remove it by hand",
			    strerror(errno));
	} else if (errno == ENOENT && rename(o->stage, o->dir) == 0) {
		/* No previous output. */
	} else {
		diag(DIAG_ERROR, o->dir, 0, 0, "cannot put the new site in "
		    "place: %s; the previous site is untouched",
		    strerror(errno));
		rm_rf(o->stage);
		rc = -1;
	}
	if (o->lock != -1)
		close(o->lock);
	free(o->stage);
	free(o->dir);
	free(o);
	return rc;
}

void
output_abort(struct output *o)
{
	if (o == NULL)
		return;
	rm_rf(o->stage);
	if (o->lock != -1)
		close(o->lock);
	free(o->stage);
	free(o->dir);
	free(o);
}

size_t
output_count(const struct output *o)
{
	return atomic_load(&o->count);
}
