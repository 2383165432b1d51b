/*
 * render_root.c: the two pages outside every language: the chooser at
 * the root, and 404.html.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "text/text.h"
#include "base/date.h"
#include "input/config.h"
#include "content/content.h"
#include "model/archive.h"
#include "model/url.h"
#include "tmpl/tmpl.h"
#include "input/i18n.h"
#include "plan/plan.h"
#include "render/render.h"
#include "render/render_int.h"

int
render_root(struct rs *r, const struct plan_page *p, struct strbuf *out)
{
	const struct config *c = r->c;
	size_t d0 = c->deflang;
	struct tmpl_dict *d = tmpl_dict_new();
	char *h = url_home(c, d0);
	size_t i;
	int rc;

	/* The root lists every language: the switcher links their homes. */
	render_page_common(r, d, d0, URL_ROOT_DIR, NULL, NULL);
	{
		/* page_common showed LANGUAGES for 2+ languages; root always lists them. */
		struct tmpl_dict *ls = c->nlangs > 1 ? NULL :
		    tmpl_section(d, "LANGUAGES");

		for (i = 0; ls && i < c->nlangs; i++) {
			struct tmpl_dict *a = tmpl_section(ls, "LANGUAGE");
			char *hi = url_home(c, i);

			render_lang_vars(a, c, i, "NAME");
			render_set_href(a, "HREF", c, URL_ROOT_DIR, hi);
			free(hi);
		}
	}
	render_set_href(d, "DEFAULT_HREF", c, URL_ROOT_DIR, h);
	tmpl_show(d, "REFRESH");
	rc = render_html(r, d, p->kind, out);
	tmpl_dict_free(d);
	free(h);
	return rc;
}

int
render_404(struct rs *r, const struct plan_page *p, struct strbuf *out)
{
	const struct config *c = r->c;
	size_t d0 = c->deflang;
	struct tmpl_dict *d;
	char *h = url_home(c, d0);
	size_t i;
	int rc;

	/*
	 * 404.html is served for any missing path, at any depth: its links
	 * cannot be relative.  They start from base_url's path instead.
	 */
	d = tmpl_dict_new();
	r->not_found = 1;
	render_page_common(r, d, d0, URL_ROOT_DIR, NULL, NULL);
	r->not_found = 0;
	{
		const char *sch = strstr(c->base_url, "://");
		const char *path = sch ? strchr(sch + 3, '/') : NULL;
		char *s, *u;

		if (path == NULL)
			path = "/";
		tmpl_set(d, "STATIC_HREF", path);
		s = xasprintf("%s%s", path, h);
		tmpl_set(d, "HOME_HREF", s);
		tmpl_set(d, "DEFAULT_HREF", s);
		free(s);
		u = url_entity_index(c, d0, NULL);
		s = xasprintf("%s%s", path, u);
		tmpl_set(d, "ENTITIES_HREF", s);
		free(s);
		free(u);
		u = url_feed(h);
		s = xasprintf("%s%s", path, u);
		tmpl_set(d, "FEED_HREF", s);
		free(s);
		free(u);
		u = url_search(c, d0);
		s = xasprintf("%s%s", path, u);
		tmpl_set(d, "SEARCH_HREF", s);
		free(s);
		free(u);
		/* The switcher of 404.html: each language's home. */
		if (c->nlangs > 1) {
			struct tmpl_dict *ls = tmpl_section(d, "LANGUAGES");

			for (i = 0; i < c->nlangs; i++) {
				struct tmpl_dict *a = tmpl_section(ls,
				    "LANGUAGE");

				render_lang_vars(a, c, i, "NAME");
				u = url_home(c, i);
				s = xasprintf("%s%s", path, u);
				tmpl_set(a, "HREF", s);
				free(s);
				free(u);
				if (i == d0)
					tmpl_show(a, "CURRENT");
			}
		}
	}
	rc = render_html(r, d, p->kind, out);
	tmpl_dict_free(d);
	free(h);
	return rc;
}


/*
 * An old address of an article: a redirect that needs no script (meta
 * refresh), names the article as canonical and links it for anyone
 * whose browser does not follow.  Written without a template, so that
 * every theme has it; everything from content is escaped here.
 */
int
render_alias(struct rs *r, const struct plan_page *p, struct strbuf *out)
{
	const struct config *c = r->c;
	const struct article *a = r->x->ar->langs[p->li].arts[p->i];
	char *href = render_href(c, p->dir, a->url);
	char *abs = render_abs_url(c, a->url);

	sb_adds(out, "<!DOCTYPE html>\n<html lang=\"");
	render_escape(out, c->langs[p->li].code);
	sb_adds(out, "\" dir=\"");
	sb_adds(out, render_dir_of(c, p->li));
	sb_adds(out, "\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
	render_escape(out, a->title);
	sb_adds(out, "</title>\n<link rel=\"canonical\" href=\"");
	render_escape(out, abs);
	sb_adds(out, "\">\n<meta name=\"robots\" content=\"noindex\">\n"
	    "<meta http-equiv=\"refresh\" content=\"0; url=");
	render_escape(out, href);
	sb_adds(out, "\">\n</head>\n<body>\n<p><a href=\"");
	render_escape(out, href);
	sb_adds(out, "\">");
	render_escape(out, a->title);
	sb_adds(out, "</a></p>\n</body>\n</html>\n");
	free(href);
	free(abs);
	return 0;
}
