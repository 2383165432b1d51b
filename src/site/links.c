/*
 * links.c: see links.h.  The theme's folders and static/ are copied by
 * the build, not read by the loader: their links are checked here, the
 * same way content.c's walk checks those under content/.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "input/config.h"
#include "content/content.h"
#include "site/links.h"

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Walks dir (shown as shown) for links out of root; returns how many. */
static int
tree_links(const char *root, const char *dir, const char *shown, int depth)
{
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, i;
	int bad = 0;
	DIR *d;

	if (depth > 32 || (d = opendir(dir)) == NULL)
		return 0;	/* the copy or the loader says why */
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		names = xreallocarray(names, n + 1, sizeof(*names));
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof(*names), name_cmp);
	for (i = 0; i < n; i++) {
		char *f = path_join(dir, names[i]), *sh = path_join(shown,
		    names[i]), *to;

		if (content_link_escapes(root, f, &to)) {
			content_report_escape(sh, to);
			free(to);
			bad++;
		} else if (is_dir(f))
			bad += tree_links(root, f, sh, depth + 1);
		free(f);
		free(sh);
		free(names[i]);
	}
	free(names);
	return bad;
}

int
links_ok(const struct config *c, const char *dir, const char *shown)
{
	char *parent = path_join(dir, ".."), *root = realpath(parent, NULL);
	int bad;

	free(parent);
	if (c->follow_symlinks || root == NULL) {
		free(root);
		return 0;
	}
	bad = tree_links(root, dir, shown, 0);
	free(root);
	return bad ? -1 : 0;
}
