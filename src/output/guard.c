/*
 * guard.c: what arshif may write and where.  The output folder is
 * checked once before a build (never /, the home folder, the source or
 * a folder inside it, nor a folder arshif did not make), and every
 * path written below it must be a plain relative path that cannot
 * climb out (output_rel_ok).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/util.h"
#include "output/output.h"

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
