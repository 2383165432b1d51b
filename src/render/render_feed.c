/*
 * render_feed.c: what machines read: Atom feeds (of any list of
 * articles) and the sitemap.
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
		{
			char *img = render_hero_url(c, a);

			if (img != NULL)
				tmpl_set(tmpl_section(e, "IMAGE"), "URL", img);
			free(img);
		}
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
	rc = render_expand(r, plan_kind_template(p->kind, 0), d, out);
	tmpl_dict_free(d);
	return rc;
}

/*
 * One chunk of the sitemap: its pages, with their language versions
 * and x-default (as the pages' own hreflang links), and lastmod on
 * articles.
 */
int
render_sitemap(struct rs *r, const struct plan_page *sp, struct strbuf *out)
{
	const struct config *c = r->c;
	const struct plan *pl = r->x->plan;
	struct tmpl_dict *d = tmpl_dict_new();
	size_t i, k, nalt, x;
	char buf[32];
	int rc;

	for (i = 0; i < sp->nmembers; i++) {
		const struct plan_page *p = &pl->v[sp->members[i]];
		struct tmpl_dict *u, *a;

		u = tmpl_section(d, "URL");
		render_set_abs(u, "LOC", c, p->dir);
		if (p->kind == PLAN_ARTICLE) {
			plan_lastmod(r->x->ar->langs[p->li].arts[p->i], buf);
			tmpl_set(tmpl_section(u, "LASTMOD"), "DATE", buf);
		}
		nalt = 0;
		for (k = 0; p->alt && k < c->nlangs; k++)
			nalt += p->alt[k] != NULL;
		if (nalt < 2)
			continue;
		x = p->alt[c->deflang] ? c->deflang : c->nlangs;
		for (k = 0; k < c->nlangs; k++) {
			if (p->alt[k] == NULL)
				continue;
			if (x == c->nlangs)
				x = k;
			a = tmpl_section(u, "ALT");
			tmpl_set(a, "HREFLANG", c->langs[k].code);
			render_set_abs(a, "HREF", c, p->alt[k]);
		}
		a = tmpl_section(u, "ALT");
		tmpl_set(a, "HREFLANG", "x-default");
		render_set_abs(a, "HREF", c, p->alt[x]);
	}
	rc = render_expand(r, plan_kind_template(sp->kind, 0), d, out);
	tmpl_dict_free(d);
	/* The protocol's limit; plan_sitemap_chunk() leaves room for 1 KiB a line. */
	if (rc == 0 && out->len > 50000000) {
		diag(DIAG_ERROR, sp->file, 0, 0, "the sitemap chunk is %zu "
		    "bytes, over the 50 MB sitemaps allow; set sitemap_chunk "
		    "lower in site.yaml", out->len);
		rc = -1;
	}
	return rc;
}

/* sitemap.xml: the index of the chunks and of the news sitemap. */
int
render_sitemap_index(struct rs *r, const struct plan_page *sp,
    struct strbuf *out)
{
	const struct plan *pl = r->x->plan;
	size_t i;
	char buf[32];

	sb_adds(out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	    "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/"
	    "0.9\">\n");
	for (i = 0; i < sp->nmembers; i++) {
		const struct plan_page *m = &pl->v[sp->members[i]];
		char *u = render_abs_url(r->c, m->file);

		sb_adds(out, "<sitemap>\n<loc>");
		render_escape(out, u);
		sb_adds(out, "</loc>\n");
		plan_chunk_lastmod(pl, m, buf);
		if (buf[0] != '\0')
			sb_addf(out, "<lastmod>%s</lastmod>\n", buf);
		sb_adds(out, "</sitemap>\n");
		free(u);
	}
	sb_adds(out, "</sitemapindex>\n");
	return 0;
}

/* sitemap-news.xml: Google News' sitemap of the last two days. */
int
render_news(struct rs *r, const struct plan_page *sp, struct strbuf *out)
{
	const struct config *c = r->c;
	const struct plan *pl = r->x->plan;
	size_t i;
	char buf[32];

	sb_adds(out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	    "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
	    "xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">"
	    "\n");
	for (i = 0; i < sp->nmembers; i++) {
		const struct plan_page *m = &pl->v[sp->members[i]];
		const struct article *a = r->x->ar->langs[m->li].arts[m->i];
		char *u = render_abs_url(c, a->url);

		sb_adds(out, "<url>\n<loc>");
		render_escape(out, u);
		sb_adds(out, "</loc>\n<news:news>\n<news:publication>\n"
		    "<news:name>");
		render_escape(out, c->langs[a->lang].title);
		sb_adds(out, "</news:name>\n<news:language>");
		render_escape(out, c->langs[a->lang].code);
		sb_adds(out, "</news:language>\n</news:publication>\n"
		    "<news:publication_date>");
		if (a->date.has_time)
			date_rfc3339(&a->date, buf);
		else
			date_iso(&a->date, buf);
		sb_adds(out, buf);
		sb_adds(out, "</news:publication_date>\n<news:title>");
		render_escape(out, a->title);
		sb_adds(out, "</news:title>\n</news:news>\n</url>\n");
		free(u);
	}
	sb_adds(out, "</urlset>\n");
	return 0;
}

/* robots.txt: everything may be crawled; the sitemap index is named. */
int
render_robots(struct rs *r, const struct plan_page *sp, struct strbuf *out)
{
	char *u = render_abs_url(r->c, URL_SITEMAP_INDEX);

	(void)sp;
	sb_addf(out, "User-agent: *\nAllow: /\n\nSitemap: %s\n", u);
	free(u);
	return 0;
}
