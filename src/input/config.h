/*
 * config.h: site.yaml, read once into struct config.
 */
#ifndef CONFIG_H
#define CONFIG_H

#include <stddef.h>

#include "text/text.h"

struct language {
	char		 *code;		/* "ar": folder and URL prefix */
	char		 *name;		/* in itself: "العربية" */
	char		 *locale;	/* ICU locale for formatting: "ar-SY" */
	char		 *numbers;	/* "latn", "arab" or NULL */
	char		**calendars;	/* extra calendars, NULL-terminated */
	size_t		  ncalendars;
	int		  rtl;
	enum slug_policy  slugs;
	char		 *title;	/* site title in this language */
	int		  slug_from_file;	/* slugs from file names, not titles */
	char		**filing;	/* prefixes ignored when filing names ("ال"); NULL-terminated */
	size_t		  nfiling;
	char		**drop;		/* paragraphs removed from bodies (NFC, trimmed) */
	size_t		  ndrop;
};

/* A section of site.yaml's sections: map: one key, a name per language. */
struct section_def {
	char	 *key;		/* lower-case letters, digits and '-' */
	char	**name;		/* per config language, or NULL */
};

struct config {
	char		*source;	/* the source folder, as given */
	char		*path;		/* site.yaml as shown in diagnostics */
	char		*base_url;	/* absolute, ends with '/' */
	struct language	*langs;
	size_t		 nlangs;
	size_t		 deflang;	/* index of the default language */
	long		 paginate;	/* items per list page */
	long		 feed_size;	/* entries per Atom feed */
	long		 sitemap_chunk;	/* URLs per sitemap file, at most */
	int		 unsafe_html;	/* raw HTML in Markdown passes through */
	int		 index_links;	/* links end in index.html (file://) */
	int		 mentions;	/* find registry names in article text */
	int		 follow_symlinks;	/* links out of the site folder allowed */
	int		 feed_summary;	/* feed_content: summary (else full) */
	struct section_def *sections;	/* site.yaml's sections: */
	size_t		 nsections;
};

/*
 * Reads DIR/site.yaml.  Reports every problem through diag() and
 * returns NULL if any is an error.  Free with config_free().
 */
struct config *config_load(const char *dir);
void	 config_free(struct config *);
/* Index of a language code, or -1. */
int	 config_lang(const struct config *, const char *code);
/* A path under the source folder, as diagnostics show it; caller frees. */
char	*config_path(const struct config *, const char *rel);

#endif /* CONFIG_H */
