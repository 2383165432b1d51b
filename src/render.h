/*
 * render.h: every page of the site, from the archive model through the
 * templates into the output.
 */
#ifndef RENDER_H
#define RENDER_H

struct config;
struct archive;
struct tmpl_cache;
struct text_locale;
struct i18n;
struct output;

struct render_ctx {
	const struct config	 *c;
	const struct archive	 *ar;
	const struct tmpl_cache	 *tc;
	struct text_locale	**locs;		/* one per language */
	const struct i18n	 *i18n;
	struct output		 *out;
	const char		 *inject;	/* HTML added before </body> (serve), or NULL */
};

/* The templates a theme must have. */
extern const char *const render_templates[];

/*
 * Renders and writes every page, feed and the sitemap.  Returns 0, or
 * -1 after reporting.
 */
int	 render_site(const struct render_ctx *);

/*
 * A link from the page in folder from ("ar/2020/", "" for the root) to
 * the page in folder to, relative so that the site works in any folder
 * and from file://; non-ASCII bytes percent-encoded.  Caller frees.
 */
char	*render_href(const struct config *, const char *from, const char *to);

#endif /* RENDER_H */
