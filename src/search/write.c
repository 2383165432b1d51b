/*
 * write.c: the incremental decision.  A language's index is made
 * from inputs the plan signs (sig[li]); when the live site holds that
 * language's index from the same signature, its files are kept and
 * the index is not built.  Every file written carries the signature
 * of the index's inputs and its path, so that the next build can tell.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "base/util.h"
#include "input/config.h"
#include "output/output.h"
#include "model/url.h"
#include "search/search.h"
#include "search/search_int.h"

/* The signature a file of an index gets: the index's inputs and its path. */
static void
file_sig(const unsigned char *isig, const char *path, unsigned char out[16])
{
	XXH3_state_t h;
	XXH128_canonical_t ch;

	XXH3_128bits_reset(&h);
	XXH3_128bits_update(&h, isig, 16);
	XXH3_128bits_update(&h, path, strlen(path));
	XXH128_canonicalFromHash(&ch, XXH3_128bits_digest(&h));
	memcpy(out, ch.digest, 16);
}

/*
 * 1 when the live site has language li's index from the same inputs,
 * and every one of its files was taken over.
 */
static int
kept(const struct config *c, size_t li, struct output *out,
    const unsigned char *isig)
{
	char *prefix = url_search(c, li);
	char **paths, *page = url_file(prefix);
	unsigned char fs[16];
	size_t n = output_live_list(out, prefix, &paths), i, got = 0;

	for (i = 0; i < n; i++) {
		if (strcmp(paths[i], page) == 0) {
			got++;	/* the search page: the plan's */
			continue;
		}
		file_sig(isig, paths[i], fs);
		if (!output_keep(out, paths[i], fs))
			break;
		got++;
	}
	for (i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
	free(prefix);
	free(page);
	return n > 1 && got == n;
}

int
search_write(const struct config *c, const struct archive *ar,
    const struct registry *reg, struct cache *cache, struct output *out,
    const unsigned char (*sig)[16], double *ms)
{
	size_t li, i;
	int rc = 0;

	if (ms != NULL)
		*ms = 0;
	for (li = 0; li < c->nlangs && rc == 0; li++) {
		struct search_index *ix;
		unsigned char fs[16];

		if (kept(c, li, out, sig[li]))
			continue;
		ix = search_build_lang(c, ar, reg, li, cache);
		if (ms != NULL)
			*ms += ix->ms;
		for (i = 0; i < ix->n && rc == 0; i++) {
			file_sig(sig[li], ix->f[i].path, fs);
			rc = output_write(out, ix->f[i].path, ix->f[i].data,
			    ix->f[i].len, fs);
		}
		search_index_free(ix);
	}
	return rc;
}
