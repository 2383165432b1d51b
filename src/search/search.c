/*
 * search.c: see search.h.  The index as the rest of the site sees it:
 * built for every language or one, its files sorted by path, and its
 * accessors.  The work is done by the other files of search/ (see
 * search_int.h): analyzer.c, words.c, index.c, files.c and write.c.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "input/config.h"
#include "search/search.h"
#include "search/search_int.h"

static int
file_cmp(const void *a, const void *b)
{
	const struct search_file *x = a, *y = b;

	return strcmp(x->path, y->path);
}

struct search_index *
search_build(const struct config *c, const struct archive *ar,
    const struct registry *reg)
{
	struct search_index *ix = xcalloc(1, sizeof(*ix));
	double t0 = now_ms();
	size_t li;

	for (li = 0; li < c->nlangs; li++)
		index_build_lang(ix, c, li, ar, reg, NULL);
	if (ix->n > 0)
		qsort(ix->f, ix->n, sizeof(*ix->f), file_cmp);
	ix->ms = now_ms() - t0;
	return ix;
}

struct search_index *
search_build_lang(const struct config *c, const struct archive *ar,
    const struct registry *reg, size_t li, struct cache *cache)
{
	struct search_index *ix = xcalloc(1, sizeof(*ix));
	double t0 = now_ms();

	index_build_lang(ix, c, li, ar, reg, cache);
	if (ix->n > 0)
		qsort(ix->f, ix->n, sizeof(*ix->f), file_cmp);
	ix->ms = now_ms() - t0;
	return ix;
}

void
search_index_free(struct search_index *ix)
{
	size_t i;

	if (ix == NULL)
		return;
	for (i = 0; i < ix->n; i++) {
		free(ix->f[i].path);
		free(ix->f[i].data);
	}
	free(ix->f);
	free(ix);
}

size_t
search_file_count(const struct search_index *ix)
{
	return ix->n;
}

const struct search_file *
search_file_at(const struct search_index *ix, size_t i)
{
	return &ix->f[i];
}

double
search_build_ms(const struct search_index *ix)
{
	return ix->ms;
}
