/*
 * scaffold.h: `arshif new`: a first site, and articles placed where
 * the sample site keeps them (content/<lang>/<yyyy>/<slug>.md).
 */
#ifndef SCAFFOLD_H
#define SCAFFOLD_H

/*
 * Writes a minimal site into dir (made if missing; refused unless
 * empty): site.yaml with the languages in langs ("ar,en"), one example
 * article per language, and an example entities.yaml; the default
 * theme is used, not copied.  Returns 0, or -1 after reporting through
 * diag().  Prints each file written on stdout.
 */
int	 scaffold_site(const char *dir, const char *langs);

struct scaffold_article {
	const char	*source;	/* the site folder */
	const char	*lang;		/* a configured language code */
	const char	*title;		/* any script */
	const char	*date;		/* YYYY-MM-DD...; NULL: today, or the original's */
	const char	*slug;		/* NULL: from the title */
	const char	*translation_of;	/* an article this translates, or NULL */
};

/*
 * Writes a new article with its front matter and prints its path on
 * stdout.  With translation_of, the two share a translation_key (the
 * original gets one if it had none).  Returns 0, or -1 after reporting.
 */
int	 scaffold_article(const struct scaffold_article *);

#endif /* SCAFFOLD_H */
