/*
 * render_article.c: the page of one article.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "text/text.h"
#include "base/date.h"
#include "input/config.h"
#include "content/content.h"
#include "input/registry.h"
#include "model/archive.h"
#include "model/url.h"
#include "tmpl/tmpl.h"
#include "input/i18n.h"
#include "plan/plan.h"
#include "render/render.h"
#include "render/render_int.h"

/* A section named key in d: NAME and HREF of the article's k-th term of t. */
static void
term_link(struct rs *r, struct tmpl_dict *d, const char *key,
    const struct article *a, enum taxonomy t, size_t k)
{
	struct tmpl_dict *s = tmpl_section(d, key);
	char *td = url_term(r->c, a->lang, t, a->terms[t][k]);

	tmpl_set(s, "NAME", a->terms[t][k]->name);
	render_set_href(s, "HREF", r->c, a->url, td);
	free(td);
}

/*
 * The body with width and height on its local images, whose sizes only
 * a build can know (the parse is cached, the image may change): NULL
 * when there is nothing to add.  Caller frees.
 */
static char *
body_sized(const struct article *a)
{
	const char *html = article_html(a), *p;
	struct strbuf sb = STRBUF_INIT;
	size_t k;
	int any = 0;

	if (a->nimages == 0 || strstr(html, "<img") == NULL)
		return NULL;
	sb_adds(&sb, html);
	for (k = 0; k < a->nimages; k++) {
		const struct article_image *im = &a->images[k];
		char *u = content_image_url(im);
		char *needle = xasprintf("<img src=\"%s\"", u);
		struct strbuf nb = STRBUF_INIT;
		int w, h;

		free(u);
		if (strstr(sb_str(&sb), needle) == NULL ||
		    content_image_size(a, im, &w, &h) == -1) {
			free(needle);
			continue;
		}
		for (p = sb_str(&sb); ; ) {
			const char *q = strstr(p, needle);

			if (q == NULL) {
				sb_adds(&nb, p);
				break;
			}
			q += strlen(needle);
			sb_add(&nb, p, (size_t)(q - p));
			sb_addf(&nb, " width=\"%d\" height=\"%d\"", w, h);
			p = q;
		}
		sb_free(&sb);
		sb = nb;
		any = 1;
		free(needle);
	}
	if (!any) {
		sb_free(&sb);
		return NULL;
	}
	return sb_detach(&sb);
}

/* The article's date, in the extra calendars too, and when it was updated. */
static void
set_dates(struct rs *r, struct tmpl_dict *d, size_t li,
    const struct article *a)
{
	struct tmpl_dict *s;
	size_t k;

	render_date_vars(r, d, li, &a->date);
	for (k = 0; k < text_ncalendars(r->locs[li]); k++) {
		s = tmpl_section(d, "OTHER_CALENDAR");
		render_set_own(s, "DATE_TEXT", text_date_other(r->locs[li], k,
		    a->date.y, a->date.m, a->date.d));
	}
	if (a->has_updated) {
		s = tmpl_section(d, "UPDATED");
		render_date_vars(r, s, li, &a->updated);
	}
}

/* The byline and the section. */
static void
set_byline(struct rs *r, struct tmpl_dict *d, const struct article *a)
{
	struct tmpl_dict *s, *sec;
	size_t k;

	/* Authors with pages are links; a byline without any stays text. */
	if (a->nterms[TAX_AUTHOR] > 0) {
		sec = tmpl_section(d, "AUTHORS");
		for (k = 0; k < a->nterms[TAX_AUTHOR]; k++)
			term_link(r, sec, "AUTHOR_LINK", a, TAX_AUTHOR, k);
	} else if (a->author) {
		s = tmpl_section(d, "AUTHOR");
		tmpl_set(s, "NAME", a->author);
	}
	if (a->nterms[TAX_SECTION] > 0)
		term_link(r, d, "SECTION", a, TAX_SECTION, 0);
}

/* Links to the article's year, month and day, for readers and machines. */
static void
set_trail(struct rs *r, struct tmpl_dict *d, size_t li,
    const struct article *a)
{
	static const char *const keys[3][2] = {
		{ "YEAR_HREF", "YEAR_TEXT" },
		{ "MONTH_HREF", "MONTH_TEXT" },
		{ "DAY_HREF", "DAY_TEXT" } };
	static const enum text_date_style st[3] = { TEXT_DATE_YEAR,
	    TEXT_DATE_MONTH, TEXT_DATE_FULL };
	const struct config *c = r->c;
	char *dirs[3], *texts[3];
	const char *cd[3], *ct[3];
	size_t k;

	dirs[0] = url_date(c, li, a->date.y, 0, 0);
	dirs[1] = url_date(c, li, a->date.y, a->date.m, 0);
	dirs[2] = url_date(c, li, a->date.y, a->date.m, a->date.d);
	for (k = 0; k < 3; k++) {
		texts[k] = text_date(r->locs[li], st[k], a->date.y,
		    a->date.m, a->date.d);
		render_set_href(d, keys[k][0], c, a->url, dirs[k]);
		tmpl_set(d, keys[k][1], texts[k]);
		cd[k] = dirs[k];
		ct[k] = texts[k];
	}
	/* The same trail, for machines: a BreadcrumbList. */
	render_meta_article(r, d, a, ct, cd);
	for (k = 0; k < 3; k++) {
		free(texts[k]);
		free(dirs[k]);
	}
}

/* The entities the article names, then its tags. */
static void
set_entities(struct rs *r, struct tmpl_dict *d, size_t li,
    const struct article *a)
{
	const struct config *c = r->c;
	struct tmpl_dict *s, *sec = NULL;
	size_t k;

	for (k = 0; k < a->nentity; k++) {
		const struct entity *e = a->entity[k];
		char *ed;

		if (sec == NULL)
			sec = tmpl_section(d, "ENTITIES");
		s = tmpl_section(sec, "ENTITY");
		tmpl_set(s, "NAME", e->name);
		tmpl_set(s, "TYPE", e->type);
		render_set_own(s, "TYPE_LABEL", render_type_label(r, li, e->type));
		ed = url_entity(c, li, e);
		render_set_href(s, "HREF", c, a->url, ed);
		free(ed);
	}
	if (a->nterms[TAX_TAG] > 0) {
		sec = tmpl_section(d, "TAGS");
		for (k = 0; k < a->nterms[TAX_TAG]; k++)
			term_link(r, sec, "TAG", a, TAX_TAG, k);
	}
}

/* The same article in the other languages. */
static void
set_translations(struct rs *r, struct tmpl_dict *d, const struct article *a)
{
	const struct config *c = r->c;
	struct tmpl_dict *s, *sec = NULL;
	size_t i;

	for (i = 0; a->trans && i < c->nlangs; i++) {
		struct article *o = a->trans[i];

		if (o == NULL || o == a)
			continue;
		if (sec == NULL)
			sec = tmpl_section(d, "TRANSLATIONS");
		s = tmpl_section(sec, "TRANSLATION");
		render_lang_vars(s, c, i, "LANGUAGE_NAME");
		tmpl_set(s, "TITLE", o->title);
		render_set_href(s, "HREF", c, a->url, o->url);
	}
}

/* Related articles, and the older and newer ones in the archive. */
static void
set_neighbours(struct rs *r, struct tmpl_dict *d, size_t li,
    const struct article *a)
{
	const struct config *c = r->c;
	struct tmpl_dict *s, *sec;
	size_t k;

	if (a->related && a->related[0]) {
		sec = tmpl_section(d, "RELATED");
		for (k = 0; a->related[k]; k++) {
			s = tmpl_section(sec, "ARTICLE");
			tmpl_set(s, "TITLE", a->related[k]->title);
			render_set_href(s, "HREF", c, a->url, a->related[k]->url);
			render_date_vars(r, s, li, &a->related[k]->date);
		}
	}
	if (a->older) {
		s = tmpl_section(d, "PREV");
		tmpl_set(s, "TITLE", a->older->title);
		tmpl_set(s, "DIR", render_dir_of(c, li));
		render_set_href(s, "HREF", c, a->url, a->older->url);
	}
	if (a->newer) {
		s = tmpl_section(d, "NEXT");
		tmpl_set(s, "TITLE", a->newer->title);
		tmpl_set(s, "DIR", render_dir_of(c, li));
		render_set_href(s, "HREF", c, a->url, a->newer->url);
	}
}

/* Front matter keys arshif does not know, as P_KEY for the templates. */
static void
set_extra(struct tmpl_dict *d, const struct article *a)
{
	size_t k;

	for (k = 0; a->extra && a->extra[k]; k += 2) {
		char *key = xasprintf("P_%s", a->extra[k]), *q;

		for (q = key; *q; q++)
			*q = (*q >= 'a' && *q <= 'z') ? (char)(*q - 32) :
			    ((*q >= 'A' && *q <= 'Z') || (*q >= '0' &&
			    *q <= '9')) ? *q : '_';
		tmpl_set(d, key, a->extra[k + 1]);
		free(key);
	}
}

int
render_article(struct rs *r, const struct plan_page *p, struct strbuf *out)
{
	size_t li = p->li;
	const struct article *a = r->x->ar->langs[li].arts[p->i];
	struct tmpl_dict *d = tmpl_dict_new();
	int rc;

	render_page_common(r, d, li, a->url, a->title, p->alt);
	tmpl_set(d, "TITLE", a->title);
	tmpl_set(d, "SUMMARY", a->summary);
	/* No empty elements for a missing summary or body. */
	if (a->summary && a->summary[0] != '\0')
		tmpl_show(d, "STANDFIRST");
	if (article_html(a)[0] != '\0')
		tmpl_show(d, "BODY_SECTION");
	/* Built with --drafts for review: marked, and kept out of search engines. */
	if (a->draft) {
		tmpl_show(d, "DRAFT");
		tmpl_show(d, "NOINDEX");
	}
	set_dates(r, d, li, a);
	set_byline(r, d, a);
	{
		char *sized = body_sized(a);

		tmpl_set(d, "BODY", sized ? sized : article_html(a));
		free(sized);
	}
	render_hero(r, d, a, a->url);
	set_trail(r, d, li, a);
	set_entities(r, d, li, a);
	set_translations(r, d, a);
	set_neighbours(r, d, li, a);
	set_extra(d, a);
	rc = render_html(r, d, p->kind, out);
	tmpl_dict_free(d);
	return rc;
}


/* An article's image, copied as it is beside its page. */
int
render_image(struct rs *r, const struct plan_page *p, struct strbuf *out)
{
	const struct article *a = r->x->ar->langs[p->li].arts[p->i];
	const struct article_image *im = &a->images[p->k];
	char *path = content_image_path(a, im);
	size_t len;
	char *buf = file_read(path, IMAGE_MAX_BYTES, &len);

	if (buf == NULL) {
		diag(DIAG_ERROR, a->path, im->line, im->col, "cannot read the "
		    "image '%s' (%s): %s", im->src, path, strerror(errno));
		free(path);
		r->bad = 1;
		return -1;
	}
	sb_add(out, buf, len);
	free(buf);
	free(path);
	return 0;
}
