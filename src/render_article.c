/*
 * render_article.c: the page of one article.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "text.h"
#include "date.h"
#include "config.h"
#include "content.h"
#include "registry.h"
#include "archive.h"
#include "tmpl.h"
#include "i18n.h"
#include "plan.h"
#include "render.h"
#include "render_int.h"

/* A section named key in d: NAME and HREF of the article's k-th term of t. */
static void
term_link(struct rs *r, struct tmpl_dict *d, const char *key,
    const struct article *a, enum taxonomy t, size_t k)
{
	struct tmpl_dict *s = tmpl_section(d, key);
	char *td = archive_term_dir(r->c, a->lang, t, a->terms[t][k]);

	tmpl_set(s, "NAME", a->terms[t][k]->name);
	render_set_href(s, "HREF", r->c, a->url, td);
	free(td);
}

int
render_article(struct rs *r, const struct plan_page *p, struct strbuf *out)
{
	const struct config *c = r->c;
	size_t li = p->li;
	const struct article *a = r->x->ar->langs[li].arts[p->i];
	struct tmpl_dict *d = tmpl_dict_new(), *s, *sec;
	char buf[64];
	size_t i, k;
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
	tmpl_set(d, "BODY", article_html(a));
	snprintf(buf, sizeof(buf), "%s/%04d/", c->langs[li].code, a->date.y);
	render_set_href(d, "YEAR_HREF", c, a->url, buf);
	render_set_own(d, "YEAR_TEXT", text_date(r->locs[li], TEXT_DATE_YEAR,
	    a->date.y, a->date.m, a->date.d));
	snprintf(buf, sizeof(buf), "%s/%04d/%02d/", c->langs[li].code,
	    a->date.y, a->date.m);
	render_set_href(d, "MONTH_HREF", c, a->url, buf);
	render_set_own(d, "MONTH_TEXT", text_date(r->locs[li], TEXT_DATE_MONTH,
	    a->date.y, a->date.m, a->date.d));
	snprintf(buf, sizeof(buf), "%s/%04d/%02d/%02d/", c->langs[li].code,
	    a->date.y, a->date.m, a->date.d);
	render_set_href(d, "DAY_HREF", c, a->url, buf);
	render_set_own(d, "DAY_TEXT", text_date(r->locs[li], TEXT_DATE_FULL,
	    a->date.y, a->date.m, a->date.d));
	sec = NULL;
	for (k = 0; k < a->nentity; k++) {
		const struct entity *e = a->entity[k];
		char *ed;

		if (sec == NULL)
			sec = tmpl_section(d, "ENTITIES");
		s = tmpl_section(sec, "ENTITY");
		tmpl_set(s, "NAME", e->name);
		tmpl_set(s, "TYPE", e->type);
		render_set_own(s, "TYPE_LABEL", render_type_label(r, li, e->type));
		ed = plan_entity_dir(c, li, e);
		render_set_href(s, "HREF", c, a->url, ed);
		free(ed);
	}
	if (a->nterms[TAX_TAG] > 0) {
		sec = tmpl_section(d, "TAGS");
		for (k = 0; k < a->nterms[TAX_TAG]; k++)
			term_link(r, sec, "TAG", a, TAX_TAG, k);
	}
	sec = NULL;
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
	for (k = 0; a->extra && a->extra[k]; k += 2) {
		char *key = xasprintf("P_%s", a->extra[k]), *q;

		for (q = key; *q; q++)
			*q = (*q >= 'a' && *q <= 'z') ? (char)(*q - 32) :
			    ((*q >= 'A' && *q <= 'Z') || (*q >= '0' &&
			    *q <= '9')) ? *q : '_';
		tmpl_set(d, key, a->extra[k + 1]);
		free(key);
	}
	rc = render_html(r, d, "article.tpl", out);
	tmpl_dict_free(d);
	return rc;
}

