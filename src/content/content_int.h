/*
 * content_int.h: what the files of content/ share, and no other folder
 * sees.
 */
#ifndef CONTENT_INT_H
#define CONTENT_INT_H

#include <stdatomic.h>
#include <stdint.h>
#include <time.h>

#include "cache/cache.h"

struct article;
struct cmark_node;
struct config;
struct diag_list;
struct registry;
struct ydoc;

/* article.c */
/*
 * Where a cached article's html and text come from, once asked for
 * (content.c's loader sets it, article.c fills the rest on first use).
 */
struct article_lazy {
	struct cache		*cache;
	const struct config	*c;
	char			*full;		/* the file, to parse again */
	int			 lang;
	unsigned char		 key[CACHE_HASH_LEN];
	unsigned char		 hash[CACHE_HASH_LEN];
	atomic_int		 ready;		/* html and text are set */
	const char		*html, *text;	/* in the cache's map, or own_*'s */
	char			*own_html, *own_text;	/* parsed again: ours */
};

/* frontmatter.c */
/*
 * Reads the front matter y into a: every field but those the body
 * gives.  lang is the language its folder gives, or -1.  Returns -1
 * after reporting every problem found.
 */
int	 content_front_matter(const struct config *, struct article *a,
	    const struct ydoc *y, int lang);
/* Collapses white space and trims; in place. */
void	 content_squeeze(char *);
/* Whether s can be a slug (one folder name); sets *why when not. */
int	 content_slug_ok(const char *s, const char **why);
/* The value of a hex digit, or -1. */
int	 content_hexval(char);

/* images.c */
/* An image's width and height, 0 when unknown; sized once read. */
struct image_dims {
	int	sized, w, h;
};

/*
 * Adds the body's images with relative paths, and image:, to a's
 * images, each once, and rewrites each Markdown image's URL to the
 * name it gets beside the page.  body is the body's text, lines the
 * lines before it (for diagnostics).  Returns -1 after reporting.
 */
int	 content_local_images(const struct config *, struct article *a,
	    struct cmark_node *doc, const char *body, int lines);

/* content.c: the loader. */
/* A time as nanoseconds since the epoch. */
int64_t	 content_ns_of(struct timespec);

/* codec.c: an article's records in the build cache. */
/*
 * The article stored under key, with path as its path and the
 * diagnostics its parse emitted appended to dl; its html and text are
 * not loaded (article_html() does that), and its strings point into
 * the snapshot (a->borrowed): free it before cache_close().  Returns
 * NULL when there is none, or when the record is damaged (then the
 * cache is marked for rebuilding) or names an entity reg does not
 * have.  Thread-safe.
 */
struct article *codec_article_get(struct cache *,
	    const unsigned char key[CACHE_HASH_LEN], const char *path,
	    const struct registry *reg, struct diag_list *dl);
/*
 * The html and text of the parse under key, pointing into the cache's
 * snapshot (valid until cache_close(), never freed by the caller).
 * Returns 0, or -1 when absent or damaged (the cache is then marked for
 * rebuilding).  Thread-safe.
 */
int	 codec_body_get(struct cache *, const unsigned char key[CACHE_HASH_LEN],
	    const char **html, const char **text);
/*
 * Stores what a file parsed to: every field article_parse() sets, the
 * mentions and the diagnostics; its html and text go apart, with
 * codec_body_put().  A parse is found only once both are there.
 */
void	 codec_article_put(struct cache_batch *,
	    const unsigned char key[CACHE_HASH_LEN], const struct article *,
	    const struct diag_list *);
void	 codec_body_put(struct cache_batch *,
	    const unsigned char key[CACHE_HASH_LEN], const struct article *);

#endif /* CONTENT_INT_H */
