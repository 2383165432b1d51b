/*
 * plan.h: the page plan.  Before anything is rendered, the build knows
 * every file it will write: its path, the kind of page (and so its
 * templates), the slice of the model it shows, and a signature of
 * every input that reaches its bytes.  Two plans of the same site give
 * the same signatures, so comparing a page's signature with the one it
 * had when its file was written tells whether the file is still right.
 *
 * Reads the archive model; writes nothing.
 */
#ifndef PLAN_H
#define PLAN_H

#include <stddef.h>
#include <stdint.h>

struct config;
struct archive;
struct article;
struct period;
struct lang_archive;
struct hmap;
struct date;

enum plan_kind {
	PLAN_ROOT,		/* index.html: the language chooser */
	PLAN_404,		/* 404.html */
	PLAN_HOME,		/* one page of a language's home list */
	PLAN_ARTICLE,
	PLAN_PERIOD,		/* one page of a year, month or day list */
	PLAN_ENTITY,		/* one page of an entity's list */
	PLAN_ENTITY_INDEX,	/* every entity of a language, or one type's */
	PLAN_FEED,		/* an Atom feed: of a language, an entity or a term */
	PLAN_TERM,		/* one page of a section's, tag's or author's list */
	PLAN_TERM_INDEX,	/* every term of one taxonomy of a language */
	PLAN_SITEMAP,
	PLAN_ALIAS,		/* an old address of an article: a redirect */
	PLAN_SEARCH,		/* a language's search page (its index: search/) */
	PLAN_SITEMAP_INDEX,	/* sitemap.xml: the index of the chunks */
	PLAN_NEWS,		/* sitemap-news.xml: the last two days' articles */
	PLAN_ROBOTS,		/* robots.txt, unless static/ has one */
	PLAN_IMAGE,		/* an article's image k, copied beside its page */
	PLAN_NKINDS
};

/*
 * The templates a kind of page expands (k 0: its layout, or its only
 * template, as a feed's; k 1: its body inside the layout), or NULL:
 * kinds written without a template have none.  Its signature hashes
 * them, so the table lives here; render expands what it says.
 */
const char *plan_kind_template(enum plan_kind, size_t k);
/* Every template a theme must have, in the order they are loaded; NULL-terminated. */
extern const char *const plan_templates[];

/* The slice of a list of articles one list page shows. */
struct plan_list {
	struct article *const	*arts;	/* the whole list, newest first; borrowed */
	size_t			 n;	/* its length */
	size_t			 start, end;	/* this page's slice of arts */
	int			 first;	/* the list's own folder: its newest articles */
	size_t			 page;	/* its number, counted from the oldest page */
	size_t			 pages;	/* the first page's number */
	char			*newer;	/* folder of the page with newer articles, or NULL; owned */
	char			*older;	/* likewise, older; owned */
};

/* Signature of a file's inputs: equal signatures, equal bytes. */
struct plan_sig {
	uint8_t	b[16];
};

struct plan_page {
	char		*file;		/* below the output: "ar/2020/index.html"; owned */
	char		*dir;		/* the page's folder ("ar/2020/", "" for the root); owned */
	enum plan_kind	 kind;
	size_t		 li;		/* its language */
	size_t		 level;		/* PLAN_PERIOD: 0 year, 1 month, 2 day;
					 * PLAN_TERM, PLAN_TERM_INDEX: the taxonomy */
	size_t		 i;		/* article, period (of level) or entity index in
					 * its language; PLAN_ENTITY_INDEX: 0 every entity,
					 * t + 1 type t */
	size_t		 k;		/* PLAN_ALIAS: which of the article's aliases;
					 * PLAN_FEED: whose (enum plan_feed_of);
					 * PLAN_IMAGE: which of its images */
	struct plan_list list;		/* list pages only */
	char		**alt;		/* per language: the counterpart's folder or NULL
					 * (hreflang when two or more); the whole array
					 * NULL on pages no language shares; owned */
	struct article	**items;	/* PLAN_FEED: its entries (list.arts points here); owned */
	int		 sitemap;	/* listed in the sitemap */
	char		*feed;		/* list pages: the file of the list's own feed
					 * (entities, terms), or NULL; PLAN_FEED: the
					 * folder of the page it follows; owned */
	size_t		*members;	/* PLAN_SITEMAP: the pages it lists; PLAN_SITEMAP_INDEX:
					 * the chunks, then the news sitemap; PLAN_NEWS: its
					 * article pages (indices into plan v); owned */
	size_t		 nmembers;
	struct plan_sig	 sig;
};

/*
 * Whose feed a PLAN_FEED is (its k): a language's (i unused), an
 * entity's (i its index) or a term's (PLAN_FEED_TERM + taxonomy, i
 * the term's index).
 */
enum plan_feed_of {
	PLAN_FEED_LANG,
	PLAN_FEED_ENTITY,
	PLAN_FEED_TERM
};

/* What the plan knows of one language beyond the archive. */
struct plan_lang {
	char		**types;	/* entity types, in order of first appearance */
	size_t		 *tcount;	/* entities of each type */
	size_t		  ntypes;
	struct hmap	 *periods;	/* "2020/11/" -> struct period */
};

struct plan {
	const struct config	*c;
	const struct archive	*ar;
	struct plan_page	*v;	/* in sitemap order */
	size_t			 n;
	struct plan_lang	*langs;	/* one per config language */
	struct plan_sig		*search;	/* per language: the inputs of its search index */
};

/* The inputs every page shares, fingerprinted by the caller's files. */
struct plan_inputs {
	const char	*site_yaml;	/* path of site.yaml */
	const char	*templates;	/* the templates folder */
	const char	*i18n;		/* the interface strings folder */
	const char	*inject;	/* HTML serve adds to pages, or NULL */
	const char	*registry;	/* entities.yaml, or NULL */
	const char	*static_dir;	/* the static folder (its robots.txt wins), or NULL */
};

/*
 * Plans every page of the site over the archive (borrowed: the plan
 * must be freed before it).  Never fails; free with plan_free().
 */
struct plan *plan_new(const struct config *, const struct archive *,
	    const struct plan_inputs *);
void	 plan_free(struct plan *);

/* The periods of a level (0 years, 1 months, 2 days) of a language, newest first. */
const struct period *plan_periods(const struct lang_archive *, size_t level,
	    size_t *n);
/* The periods one level down within the i-th period of level. */
void	 plan_sub_periods(const struct lang_archive *, size_t level, size_t i,
	    const struct period **sub, size_t *nsub);
/*
 * d as RFC 3339 for a feed, but never later than the archive's "now":
 * a feed claims no change from the future.
 */
void	 plan_feed_date(const struct archive *, const struct date *,
	    char buf[32]);
/*
 * An article's lastmod for a sitemap: updated, else date; a date
 * without a time stays a date (W3C Datetime allows both).
 */
void	 plan_lastmod(const struct article *, char buf[32]);
/*
 * The lastmod of a sitemap chunk in the index: its newest article's,
 * or "" when it lists other pages (theirs is not stable).
 */
void	 plan_chunk_lastmod(const struct plan *, const struct plan_page *,
	    char buf[32]);
/* URLs one sitemap chunk holds: sitemap_chunk, or fewer so that a file stays under 50 MB. */
size_t	 plan_sitemap_chunk(const struct config *);

#endif /* PLAN_H */
