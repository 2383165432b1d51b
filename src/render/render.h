/*
 * render.h: planned files to bytes.  The plan says which files exist;
 * render fills each one's templates from the archive model.  The
 * families live in render_<family>.c (see render_int.h).
 */
#ifndef RENDER_H
#define RENDER_H

#include <stddef.h>

struct config;
struct archive;
struct plan;
struct plan_page;
struct tmpl_cache;
struct text_locale;
struct i18n;

struct render_ctx {
	const struct config	 *c;
	const struct archive	 *ar;
	const struct plan	 *plan;
	const struct tmpl_cache	 *tc;
	const struct i18n	 *i18n;
	const char		 *inject;	/* HTML added before </body> (serve), or NULL */
};

/* The templates a theme must have (plan_templates), NULL-terminated. */
extern const char *const *const render_templates;

/*
 * Takes the bytes of one rendered file.  Called from any worker, at
 * the same time as other calls; returns 0, or -1 after reporting.
 */
typedef int (*render_put_fn)(void *arg, const struct plan_page *,
    const char *data, size_t len);

/*
 * Renders the n planned pages whose indexes into the plan are in
 * todo, on every processor, and hands each to put.  Returns 0, or -1
 * after reporting (rendering stops at the first failure).
 */
int	 render_pages(const struct render_ctx *, const size_t *todo, size_t n,
	    render_put_fn put, void *arg);

/*
 * A link from the page in folder from ("ar/2020/", "" for the root) to
 * the page in folder to, relative so that the site works in any folder
 * and from file://; non-ASCII bytes percent-encoded.  Caller frees.
 */
char	*render_href(const struct config *, const char *from, const char *to);

#endif /* RENDER_H */
