/*
 * render_feed.c: what machines read: Atom feeds (of any list of
 * articles) and the sitemap.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "text.h"
#include "date.h"
#include "config.h"
#include "content.h"
#include "archive.h"
#include "tmpl.h"
#include "i18n.h"
#include "plan.h"
#include "render.h"
#include "render_int.h"

/* What a feed follows: an entity's or a term's name, NULL for a language. */
static const char *
feed_subject(struct rs *r, const struct plan_page *p)
{
	const struct lang_archive *la = &r->x->ar->langs[p->li];

	if (p->k == PLAN_FEED_ENTITY)
		return la->ents[p->i]->name;
	if (p->k >= PLAN_FEED_TERM)
		return la->terms[p->k - PLAN_FEED_TERM][p->i]->name;
	return NULL;
}

/*
 * The feed of a list of articles: a language's, an entity's or a
 * term's.  Each entry's xml:base is the article's address, so that
 * the relative links and images of its content resolve (RFC 4287,
 * section 2).
 */
int
render_feed(struct rs *r, const struct plan_page *p, struct strbuf *out)
{
	size_t li = p->li;
	const struct config *c = r->c;
	const struct archive *ar = r->x->ar;
	const char *subject = feed_subject(r, p);
	struct tmpl_dict *d = tmpl_dict_new(), *e, *s;
	char buf[32];
	size_t i, k;
	int rc;

	if (subject != NULL)
		render_set_own(d, "TITLE", render_page_title(r, li, subject));
	else
		tmpl_set(d, "TITLE", c->langs[li].title);
	tmpl_set(d, "SITE_TITLE", c->langs[li].title);
	tmpl_set(d, "LANG", c->langs[li].code);
	render_set_abs(d, "FEED_URL", c, p->file);
	render_set_abs(d, "HOME_URL", c, p->feed);
	/* The newest change, not the time of the build: output stays reproducible. */
	buf[0] = '\0';
	for (i = 0; i < p->list.n; i++) {
		const struct article *a = p->list.arts[i];
		char u[32];

		plan_feed_date(ar, a->has_updated ? &a->updated : &a->date, u);
		if (strcmp(u, buf) > 0)
			memcpy(buf, u, sizeof(u));
	}
	tmpl_set(d, "UPDATED", buf[0] ? buf : "1970-01-01T00:00:00Z");
	for (i = 0; i < p->list.n; i++) {
		const struct article *a = p->list.arts[i];

		e = tmpl_section(d, "ENTRY");
		tmpl_set(e, "TITLE", a->title);
		render_set_abs(e, "URL", c, a->url);
		/* Stable when the headline and so the URL change. */
		render_set_own(e, "ID", archive_atom_id(c, a));
		plan_feed_date(ar, &a->date, buf);
		tmpl_set(e, "PUBLISHED", buf);
		plan_feed_date(ar, a->has_updated ? &a->updated : &a->date, buf);
		tmpl_set(e, "UPDATED", buf);
		tmpl_set(e, "SUMMARY", a->summary);
		if (!c->feed_summary)
			tmpl_set(tmpl_section(e, "CONTENT_SECTION"), "CONTENT",
			    article_html(a));
		for (k = 0; k < a->nauthors; k++) {
			s = tmpl_section(e, "AUTHOR");
			tmpl_set(s, "NAME", a->authors[k]);
		}
		for (k = 0; k < a->nterms[TAX_SECTION]; k++) {
			s = tmpl_section(e, "CATEGORY");
			tmpl_set(s, "TERM", a->terms[TAX_SECTION][k]->name);
		}
		for (k = 0; k < a->nterms[TAX_TAG]; k++) {
			s = tmpl_section(e, "CATEGORY");
			tmpl_set(s, "TERM", a->terms[TAX_TAG][k]->name);
		}
	}
	rc = render_expand(r, "feed.tpl", d, out);
	tmpl_dict_free(d);
	return rc;
}

/* Every planned page the sitemap lists, with its language versions. */
int
render_sitemap(struct rs *r, const struct plan_page *sp, struct strbuf *out)
{
	const struct config *c = r->c;
	const struct plan *pl = r->x->plan;
	struct tmpl_dict *d = tmpl_dict_new();
	size_t i, k, nalt;
	int rc;

	(void)sp;
	for (i = 0; i < pl->n; i++) {
		const struct plan_page *p = &pl->v[i];
		struct tmpl_dict *u;

		if (!p->sitemap)
			continue;
		u = tmpl_section(d, "URL");
		render_set_abs(u, "LOC", c, p->dir);
		nalt = 0;
		for (k = 0; p->alt && k < c->nlangs; k++)
			nalt += p->alt[k] != NULL;
		for (k = 0; nalt > 1 && k < c->nlangs; k++) {
			struct tmpl_dict *a;

			if (p->alt[k] == NULL)
				continue;
			a = tmpl_section(u, "ALT");
			tmpl_set(a, "HREFLANG", c->langs[k].code);
			render_set_abs(a, "HREF", c, p->alt[k]);
		}
	}
	rc = render_expand(r, "sitemap.tpl", d, out);
	tmpl_dict_free(d);
	return rc;
}
