/*
 * archive.h: the archive model built from the articles: per-language
 * order, date periods, entities, translations.  Reads content, writes
 * nothing.
 */
#ifndef ARCHIVE_H
#define ARCHIVE_H

#include <stddef.h>

#include "content/content.h"

struct config;
struct corpus;
struct article;
struct text_locale;
struct registry;
struct reg_entity;

/* A year, month or day: a range of a language's articles (newest first). */
struct period {
	int	 y, m, d;	/* m, d 0 for a year; d 0 for a month */
	size_t	 start, end;
};

/* An entity co-occurring with another, and in how many articles. */
struct entity_with {
	struct entity	*e;
	size_t		 n;
};

struct entity {
	char			 *name;		/* registry name, else as first written */
	char			 *type;		/* "people", "places", ... */
	char			 *slug;
	char			 *key;		/* "reg:<id>", or text_fold(name) */
	char			 *sortkey;	/* collation key of the language */
	struct article		**arts;		/* newest first */
	size_t			  n, cap;
	const struct reg_entity	 *reg;		/* its registry entry, or NULL */
	struct entity		**same;		/* per language: the same entity; borrowed */
	struct entity_with	 *with;		/* most frequent companions, most first */
	size_t			  nwith;
	/*
	 * Its group in the language's entity index: label ("ع", "O",
	 * "0–9", "#") and kind (enum text_group), the same for every
	 * entity of the group; groups are numbered 0, 1, ... in index
	 * order and never repeat, so archive_group_id() is unique.
	 */
	char			 *letter;
	int			  letter_kind;
	size_t			  group;
};

/*
 * A term of a taxonomy (a section, a tag, an author) in one language.
 * Terms that are the same across languages (one key) share same[].
 */
struct term {
	char		 *name;		/* as first written, or the registry's/site.yaml's name */
	char		 *slug;
	char		 *key;		/* "sec:<key>", "reg:<id>", or "f:" text_fold(name) */
	char		 *sortkey;	/* collation key of the language */
	struct article	**arts;		/* newest first */
	size_t		  n, cap;
	size_t		  idx;		/* position in its language's terms */
	struct term	**same;		/* per language: the same term, or NULL; borrowed */
};

/* Companions and related articles shown, at most. */
#define ARCHIVE_WITH_MAX	10
#define ARCHIVE_RELATED_MAX	5

struct lang_archive {
	struct article	**arts;		/* newest first; borrowed */
	size_t		  n;
	struct period	 *years, *months, *days;
	size_t		  nyears, nmonths, ndays;
	struct entity	**ents;		/* collation order; owned */
	size_t		  nents;
	struct term	**terms[TAX_N];	/* per taxonomy, collation order; owned */
	size_t		  nterms[TAX_N];
};

struct archive {
	const struct config	*c;
	const struct registry	*reg;		/* borrowed; may be NULL */
	struct lang_archive	*langs;		/* one per config language */
	struct hmap		*groups;	/* translation_key -> article ** */
	struct entity		**same;		/* registry size x languages */
	struct hmap		*tsame[TAX_N];	/* term key -> struct term *[nlangs] */
	double			 entity_ms;	/* time spent on entities */
	long long		 now;		/* the build's "now" (seconds since the epoch; set
						   by build_run): feeds never claim a later <updated> */
};

/*
 * Builds the model over the corpus (which it borrows and annotates:
 * url, trans, newer/older, entity, related).  Names are resolved
 * through the registry when there is one, and its names are found in
 * article text when the site asks for mentions.  locs holds one formatter per
 * language, for collation.  Two articles that derive one URL (neither
 * wrote slug:) are both kept: the first by date (earliest instant),
 * then source path, keeps it, the next get -2, -3, ... (skipping URLs
 * taken), with a warning; an explicit slug: wins over derived ones.
 * Reports every conflict (two slug: on one URL, a translation_key
 * twice in a language, an alias on a page) and returns -1 if there
 * was any.  Free with archive_free() in any case.
 */
int	 archive_build(const struct config *, const struct registry *,
	    struct corpus *, struct text_locale **locs, struct archive *);
/*
 * Frees the model, and what it set on each article of the corpus (url,
 * entity[], related[], terms[], redirects[]: the model allocates them,
 * the corpus does not free them).  Free it before the corpus.
 */
void	 archive_free(struct archive *);

/*
 * The Atom id of an article, stable when its title and URL change: a
 * tag: URI (RFC 4151) of the base URL's host, the article's date and
 * its translation_key (with its language) or else its file's path
 * below content/: "tag:archive.example.org,2019-03-12:ar/water-2019".
 * Caller frees.
 */
char	*archive_atom_id(const struct config *, const struct article *);
/* The URL segment of a taxonomy: "sections", "tags", "authors". */
const char *archive_tax_name(enum taxonomy);
/* The fragment id of an entity's index group: "letter-3".  Caller frees. */
char	*archive_group_id(const struct entity *);

#endif /* ARCHIVE_H */
