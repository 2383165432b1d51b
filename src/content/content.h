/*
 * content.h: the articles under content/, each read and parsed once.
 */
#ifndef CONTENT_H
#define CONTENT_H

#include <stddef.h>

#include "base/date.h"

struct cache;
struct config;
struct entity;
struct term;
struct article_lazy;
struct image_dims;
struct registry;
struct reg_entity;

/* The taxonomies beside entities: an article's section, tags and authors. */
enum taxonomy {
	TAX_SECTION,
	TAX_TAG,
	TAX_AUTHOR,
	TAX_N
};

/* A name an article gives in its front matter. */
struct entity_ref {
	char	*type;		/* "people", "places", ..., "other" */
	char	*name;		/* NFC, as written */
	int	 line, col;	/* where it was written */
};

/*
 * A local image an article shows (a Markdown image with a relative
 * path, or the image: key): copied beside the article's page.
 */
struct article_image {
	char		*src;		/* below the article's folder, decoded and
					   normalised: "photo.jpg", "../shared/map.png" */
	char		*out;		/* below the page's folder, as the page links it:
					   "photo.jpg", "_up1/shared/map.png" (decoded) */
	int		 line, col;	/* where it was written */
	int		 hero;		/* from image:, not the body */
	/* Set by content_images() on every build; never cached. */
	int		 found;
	long long	 size, mtime_ns;
	unsigned long long ino;
	/*
	 * Its width and height, read from the file's header on first use
	 * (content_image_size()) while pages hold the article const: kept
	 * apart, in a record of its own, so that the image never changes.
	 */
	struct image_dims *dims;
};

struct article {
	char		 *path;		/* as diagnostics show it; owned */
	size_t		  lang;		/* index into config langs */
	char		 *title;
	char		 *slug;		/* one URL segment, never empty */
	char		 *summary;	/* plain text; given or first paragraph */
	char		 *author;	/* the byline: authors joined by ", ", or NULL */
	char		**authors;	/* each author as written; NULL-terminated */
	size_t		  nauthors;
	char		 *section;	/* section:, category: or the first categories:; or NULL */
	int		  tax_line[TAX_N], tax_col[TAX_N];	/* where each taxonomy's names are written */
	char		 *tkey;		/* translation_key or NULL */
	struct date	  date;
	struct date	  updated;
	int		  has_updated;
	int		  draft;
	char		**tags;		/* NULL-terminated */
	size_t		  ntags;
	struct entity_ref *ents;
	size_t		  nents;
	char		**extra;	/* other scalar keys: key, value, ..., NULL */
	/*
	 * Read these two through article_html() and article_text(): set by
	 * article_parse(), NULL for an article from the build cache.
	 */
	char		 *html;		/* the body, rendered by cmark */
	char		 *text;		/* the body as plain text, for matching */
	unsigned char	  body_sig[16];	/* hash of html: pages compare it, not the body */
	int		  slug_line, slug_col;	/* where the slug comes from */
	int		  slug_given;	/* slug: written, not derived */
	char		**aliases;	/* old paths redirected here: "ar/old/" (a folder) or
					   "old/page.html"; no leading '/', NULL-terminated */
	size_t		  naliases;
	int		  aliases_line, aliases_col;
	int		  empty_body;	/* the body holds no text at all */
	int		  tkey_line, tkey_col;
	char		 *image;	/* image: as written (NFC), or NULL */
	int		  image_line, image_col;
	struct article_image *images;	/* local images, body's then image:'s, each once */
	size_t		  nimages;
	/* Set by archive_build(), freed by archive_free(). */
	char		 *url;		/* "ar/2020/11/03/slug/" (slug-2/ when another
					   article derives the same) */
	size_t		  idx;		/* position in its language, newest first */
	struct article	**trans;	/* one slot per language, NULL if none */
	struct article	 *newer, *older;	/* same language */
	struct entity	**entity;	/* every entity it names or mentions, once */
	size_t		  nentity;
	size_t		  nnamed;	/* entity[0..nnamed) are named in its front matter */
	struct article	**related;	/* earlier ones sharing the most entities; NULL-terminated */
	const char	**redirects;	/* the aliases to write redirect pages at (not the
					   article's own URL); borrowed, NULL-terminated */
	/* Its terms per taxonomy (enum taxonomy): section, tags, authors. */
	struct term	**terms[TAX_N];
	size_t		  nterms[TAX_N];
	/* Registry entities found in the text, when content_load() had a registry. */
	const struct reg_entity **mentions;
	size_t		  nmentions;
	int		  mentions_done;
	/*
	 * Set when the article came from the build cache: its html and
	 * text, loaded on first use into this record, not into the
	 * article, which pages hold const.
	 */
	struct article_lazy *lazy;
	/*
	 * Set when it came from the build cache: its strings (not path)
	 * point into the cache's map, never written, and tags[], ents[] and
	 * extra[] share the article's allocation.
	 */
	int		  borrowed;
};

struct corpus {
	struct article	**arts;
	size_t		  n;
	double		  mention_ms;	/* CPU time spent matching registry names */
	size_t		  nparsed;	/* files read and parsed */
	size_t		  ncached;	/* files whose parse came from the cache */
	double		  load_ms;	/* wall time of content_load() */
};

/*
 * Parses one article from memory.  path is shown in diagnostics, lang
 * is the index of the language its folder gives, or -1.  Returns NULL
 * after reporting every error found.  Free with article_free().
 */
struct article *article_parse(const struct config *, const char *path,
	    const char *buf, size_t len, int lang);
void	 article_free(struct article *);
/*
 * The article's body as HTML, and as plain text: the fields, loaded from
 * the build cache on first use when the article came from there.  Safe
 * from several threads.  The article keeps the string (valid until
 * article_free(), and for a cached article until its cache is closed).
 * A cache record found damaged is parsed again from the file; if the
 * file changed since it was loaded, that is reported as an error and ""
 * is returned.
 */
const char *article_html(const struct article *);
const char *article_text(const struct article *);

/*
 * Reads every .md file under the source's content/ folder (drafts only
 * with drafts set), on every processor, and finds the registry's names
 * in each (reg may be NULL).  With a cache (or NULL), a file whose stat
 * or content hash matches a stored parse is not parsed again, its
 * diagnostics are replayed, and what was parsed is stored for the next
 * build; records of files that are gone are removed.  Reports every
 * error in path order, then returns -1 if there was any; the corpus
 * then holds, in path order, the articles that did parse.  Free it
 * before closing the cache.
 */
int	 content_load(const struct config *, const struct registry *reg,
	    int drafts, struct cache *, struct corpus *);
void	 corpus_free(struct corpus *);
/*
 * Drops (and frees) the articles dated after now (seconds since the
 * epoch; a date without an offset counts as UTC): scheduled articles
 * are published by the first build after their date.  One note says
 * how many and which comes next.  Applied after loading, never to a
 * parse, so a cached parse is the same whatever the clock.  Returns
 * how many were dropped.
 */
size_t	 corpus_drop_future(struct corpus *, long long now);

/*
 * Whether path is a symbolic link that resolves outside root (a
 * realpath()).  Sets *to (caller frees) to where it leads.  A link
 * that does not resolve is not this check's business: stat reports it.
 * The walk of content/ checks each name with it, and so does
 * site/links.c for the theme and static/; content_report_escape()
 * reports one.
 */
int	 content_link_escapes(const char *root, const char *path, char **to);
void	 content_report_escape(const char *shown, const char *to);

/*
 * Finds every article's local images on disk (a stat each, on every
 * build, also for a cached parse): reports one missing, or not a
 * regular file, at the line and column that names it, and returns -1
 * if there was one.  Fills each image's found, size, mtime and inode.
 */
int	 content_images(const struct config *, struct corpus *);
/* The path of an article's image on disk; caller frees. */
char	*content_image_path(const struct article *, const struct article_image *);
/*
 * The width and height of an image from its file's first bytes (PNG,
 * GIF, JPEG, WebP; SVG's width and height attributes when given in
 * pixels).  Returns 0, or -1 when they cannot be read.  Read once per
 * image and kept; thread-safe.
 */
int	 content_image_size(const struct article *, const struct article_image *,
	    int *w, int *h);
/* The URL a page links its image by (im->out percent-encoded); caller frees. */
char	*content_image_url(const struct article_image *);
/* The hero image (image:) when it is a local file, else NULL. */
const struct article_image *article_hero(const struct article *);
/* Largest image file copied, in bytes. */
#define IMAGE_MAX_BYTES (256 * 1024 * 1024)

/* Largest article file read, in bytes. */
#define ARTICLE_MAX_BYTES (16 * 1024 * 1024)

#endif /* CONTENT_H */
