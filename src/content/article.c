/*
 * article.c: an article's lifetime and its body, wherever it came from.
 *
 * article_parse() (markdown.c) or the cache's codec (codec.c) makes an
 * article; this file frees it, knowing which of its parts each of them
 * allocated, and gives its html and text, loading them from the build
 * cache on first use when the parse came from there.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "cache/cache.h"
#include "content/content.h"
#include "content/content_int.h"

/* First uses are rare and short (a lookup); one lock for every article. */
static pthread_mutex_t lazy_lock = PTHREAD_MUTEX_INITIALIZER;

void
article_free(struct article *a)
{
	size_t i;

	if (a == NULL)
		return;
	free(a->path);
	if (!a->borrowed) {
		free(a->title);
		free(a->slug);
		free(a->summary);
		free(a->author);
		free(a->tkey);
		for (i = 0; a->tags && a->tags[i]; i++)
			free(a->tags[i]);
		for (i = 0; i < a->nents; i++) {
			free(a->ents[i].type);
			free(a->ents[i].name);
		}
		for (i = 0; a->extra && a->extra[i]; i++)
			free(a->extra[i]);
		for (i = 0; a->aliases && a->aliases[i]; i++)
			free(a->aliases[i]);
		for (i = 0; a->authors && a->authors[i]; i++)
			free(a->authors[i]);
		free(a->section);
	}
	/* A cached article's arrays share its block (not its aliases). */
	if (!a->borrowed) {
		free(a->tags);
		free(a->ents);
		free(a->extra);
	}
	free(a->aliases);
	free(a->authors);	/* like the aliases: its own array either way */
	/* Its images' names and sizes are its own, cached or not. */
	free(a->image);
	for (i = 0; i < a->nimages; i++) {
		free(a->images[i].src);
		free(a->images[i].out);
		free(a->images[i].dims);
	}
	free(a->images);
	free(a->html);
	free(a->text);
	/* A cached body lives in the cache's map, unless parsed again. */
	if (a->lazy != NULL) {
		free(a->lazy->own_html);
		free(a->lazy->own_text);
		free(a->lazy->full);
		free(a->lazy);
	}
	/* url, entity[], related[], terms[], redirects[]: archive_free()'s. */
	free(a->mentions);
	free(a);
}

/* The cached body was damaged: the file is parsed again for it. */
static void
reparse_body(const struct article *a)
{
	struct article_lazy *l = a->lazy;
	struct diag_list dl = { NULL, 0 };
	struct article *fresh = NULL;
	unsigned char h[CACHE_HASH_LEN];
	size_t len;
	char *buf;

	if ((buf = file_read(l->full, ARTICLE_MAX_BYTES, &len)) != NULL) {
		cache_hash(buf, len, h);
		if (memcmp(h, l->hash, CACHE_HASH_LEN) == 0) {
			/* Its diagnostics were reported when it was loaded. */
			diag_record(&dl);
			fresh = article_parse(l->c, a->path, buf, len, l->lang);
			diag_record(NULL);
			diag_list_free(&dl);
		}
		free(buf);
	}
	if (fresh == NULL) {
		diag(DIAG_ERROR, a->path, 0, 0, "the file changed while arshif "
		    "was building (and its build cache record was damaged); "
		    "build again");
		l->own_html = xstrdup("");
		l->own_text = xstrdup("");
	} else {
		l->own_html = fresh->html;
		l->own_text = fresh->text;
		fresh->html = fresh->text = NULL;
		article_free(fresh);
	}
	l->html = l->own_html;
	l->text = l->own_text;
}

/* The lazy record of a cached article, its html and text set. */
static const struct article_lazy *
lazy_load(const struct article *a)
{
	struct article_lazy *l = a->lazy;

	if (atomic_load_explicit(&l->ready, memory_order_acquire))
		return l;
	pthread_mutex_lock(&lazy_lock);
	if (!atomic_load_explicit(&l->ready, memory_order_relaxed)) {
		if (codec_body_get(l->cache, l->key, &l->html, &l->text) != 0)
			reparse_body(a);
		atomic_store_explicit(&l->ready, 1, memory_order_release);
	}
	pthread_mutex_unlock(&lazy_lock);
	return l;
}

const char *
article_html(const struct article *a)
{
	return a->lazy != NULL ? lazy_load(a)->html : a->html;
}

const char *
article_text(const struct article *a)
{
	return a->lazy != NULL ? lazy_load(a)->text : a->text;
}
