/*
 * archive.h: the archive model built from the articles: per-language
 * order, date periods, entities, translations.  Reads content, writes
 * nothing.
 */
#ifndef ARCHIVE_H
#define ARCHIVE_H

#include <stddef.h>

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
};

struct archive {
	const struct config	*c;
	const struct registry	*reg;		/* borrowed; may be NULL */
	struct lang_archive	*langs;		/* one per config language */
	struct hmap		*groups;	/* translation_key -> article ** */
	struct entity		**same;		/* registry size x languages */
	double			 entity_ms;	/* time spent on entities */
};

/*
 * Builds the model over the corpus (which it borrows and annotates:
 * url, trans, newer/older, entity, related).  Names are resolved
 * through the registry when there is one, and its names are found in
 * article text when the site asks for mentions.  locs holds one formatter per
 * language, for collation.  Reports every conflict (two articles on
 * one URL, a translation_key twice in a language) and returns -1 if
 * there was any.  Free with archive_free() in any case.
 */
int	 archive_build(const struct config *, const struct registry *,
	    struct corpus *, struct text_locale **locs, struct archive *);
void	 archive_free(struct archive *);

#endif /* ARCHIVE_H */
