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

/* A year, month or day: a range of a language's articles (newest first). */
struct period {
	int	 y, m, d;	/* m, d 0 for a year; d 0 for a month */
	size_t	 start, end;
};

struct entity {
	char		 *name;		/* as first written (in date order) */
	char		 *type;		/* "people", "places", ... */
	char		 *slug;
	char		 *key;		/* text_fold(name): identity */
	char		 *sortkey;	/* collation key of the language */
	struct article	**arts;		/* newest first */
	size_t		  n, cap;
};

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
	struct lang_archive	*langs;		/* one per config language */
	struct hmap		*groups;	/* translation_key -> article ** */
};

/*
 * Builds the model over the corpus (which it borrows and annotates:
 * url, trans, newer/older, entity).  locs holds one formatter per
 * language, for collation.  Reports every conflict (two articles on
 * one URL, a translation_key twice in a language) and returns -1 if
 * there was any.  Free with archive_free() in any case.
 */
int	 archive_build(const struct config *, struct corpus *,
	    struct text_locale **locs, struct archive *);
void	 archive_free(struct archive *);

#endif /* ARCHIVE_H */
