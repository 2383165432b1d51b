/*
 * render_list.c: pages that list articles: a language's home, and the
 * year, month and day archives.  Entity pages are lists too; their own
 * parts are in render_entity.c.
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

void
render_period_list(struct rs *r, struct tmpl_dict *d, size_t li,
    const char *from, const struct period *v, size_t n)
{
	struct tmpl_dict *sec, *s;
	size_t i;

	if (n == 0)
		return;
	sec = tmpl_section(d, "PERIODS");
	for (i = 0; i < n; i++) {
		char *pd = url_period(r->c, li, &v[i]);

		s = tmpl_section(sec, "PERIOD");
		render_set_own(s, "LABEL", render_period_label(r, li, &v[i]));
		render_set_href(s, "HREF", r->c, from, pd);
		render_set_own(s, "COUNT_TEXT", render_count(r, li,
		    "articles_count", v[i].end - v[i].start));
		free(pd);
	}
}

static void
home_extra(struct rs *r, struct tmpl_dict *d, const struct plan_page *p)
{
	const struct lang_archive *la = &r->x->ar->langs[p->li];

	if (p->list.first)
		render_period_list(r, d, p->li, p->dir, la->years, la->nyears);
}

/* A date page's navigation: up, and the older and newer periods. */
static void
period_extra(struct rs *r, struct tmpl_dict *d, const struct plan_page *p)
{
	const struct config *c = r->c;
	const struct lang_archive *la = &r->x->ar->langs[p->li];
	struct tmpl_dict *nav = tmpl_section(d, "PERIOD_NAV"), *s;
	const struct period *v, *sub;
	struct period parent;
	size_t n, nsub;
	char *pd;

	v = plan_periods(la, p->level, &n);
	parent = v[p->i];
	s = tmpl_section(nav, "UP");
	if (p->level == 0) {
		/* Up from a year: the archive's home, named as such. */
		pd = url_home(c, p->li);
		render_set_own(s, "LABEL", render_msg(r, p->li, "archive",
		    c->langs[p->li].title));
	} else {
		if (p->level == 1)
			parent.m = 0;
		parent.d = 0;
		pd = url_period(c, p->li, &parent);
		render_set_own(s, "LABEL", render_period_label(r, p->li,
		    &parent));
	}
	render_set_href(s, "HREF", c, p->dir, pd);
	free(pd);
	/* v is newest first: i + 1 is the older neighbour. */
	if (p->i + 1 < n) {
		s = tmpl_section(nav, "PREV_PERIOD");
		pd = url_period(c, p->li, &v[p->i + 1]);
		render_set_href(s, "HREF", c, p->dir, pd);
		render_set_own(s, "LABEL", render_period_label(r, p->li,
		    &v[p->i + 1]));
		free(pd);
	}
	if (p->i > 0) {
		s = tmpl_section(nav, "NEXT_PERIOD");
		pd = url_period(c, p->li, &v[p->i - 1]);
		render_set_href(s, "HREF", c, p->dir, pd);
		render_set_own(s, "LABEL", render_period_label(r, p->li,
		    &v[p->i - 1]));
		free(pd);
	}
	if (p->list.first) {
		plan_sub_periods(la, p->level, p->i, &sub, &nsub);
		if (sub != NULL)
			render_period_list(r, d, p->li, p->dir, sub, nsub);
	}
}

/* The heading of a list: caller frees; NULL for a home page. */
static char *
list_heading(struct rs *r, const struct plan_page *p)
{
	const struct lang_archive *la = &r->x->ar->langs[p->li];
	const struct period *v;
	size_t n;

	switch (p->kind) {
	case PLAN_PERIOD:
		v = plan_periods(la, p->level, &n);
		return render_period_label(r, p->li, &v[p->i]);
	case PLAN_ENTITY:
		return xstrdup(la->ents[p->i]->name);
	case PLAN_TERM:
		return xstrdup(la->terms[p->level][p->i]->name);
	default:
		return NULL;
	}
}

/*
 * "Page 3": pages are numbered from the oldest, so a page keeps its
 * number (and its text) as the archive grows.  Caller frees.
 */
static char *
page_text(struct rs *r, size_t li, size_t page)
{
	double a = (double)page;

	if (i18n_has(r->x->i18n, "page_n"))
		return i18n_format(r->x->i18n, r->locs[li], li, "page_n", &a, 1);
	return xasprintf("%zu", page);
}

int
render_list(struct rs *r, const struct plan_page *p, struct strbuf *out)
{
	const struct config *c = r->c;
	const struct plan_list *l = &p->list;
	size_t li = p->li, i;
	struct tmpl_dict *d = tmpl_dict_new(), *s;
	char *heading = list_heading(r, p);
	int rc;

	if (l->first)
		render_page_common(r, d, li, p->dir, heading, p->alt);
	else {
		char *t = page_text(r, li, l->page);
		char *hp = heading ? xasprintf("%s (%s)", heading, t) :
		    xstrdup(t);

		render_page_common(r, d, li, p->dir, hp, NULL);
		free(t);
		free(hp);
	}
	if (heading != NULL)
		tmpl_set(d, "HEADING", heading);
	else
		render_set_own(d, "HEADING", render_msg(r, li, "home_heading",
		    c->langs[li].title));
	/* The count changes with every article: only the first page shows it. */
	if (l->first)
		render_set_own(d, "COUNT_TEXT", render_count(r, li,
		    "articles_count", l->n));
	for (i = l->start; i < l->end; i++) {
		const struct article *a = l->arts[i];

		s = tmpl_section(d, "ITEM");
		tmpl_set(s, "TITLE", a->title);
		render_set_href(s, "HREF", c, p->dir, a->url);
		tmpl_set(s, "DIR", render_dir_of(c, a->lang));
		tmpl_set(s, "LANG", c->langs[a->lang].code);
		tmpl_set(s, "SUMMARY", a->summary);
		if (a->summary && a->summary[0] != '\0')
			tmpl_show(s, "HAS_SUMMARY");
		render_date_vars(r, s, a->lang, &a->date);
		render_hero(r, s, a, p->dir);
	}
	if (l->pages > 1) {
		s = tmpl_section(d, "PAGINATION");
		render_set_own(s, "PAGE_TEXT", page_text(r, li, l->page));
		if (l->newer)
			render_set_href(tmpl_section(s, "NEWER"), "HREF", c,
			    p->dir, l->newer);
		if (l->older)
			render_set_href(tmpl_section(s, "OLDER"), "HREF", c,
			    p->dir, l->older);
	}
	if (p->kind == PLAN_HOME)
		home_extra(r, d, p);
	else if (p->kind == PLAN_PERIOD)
		period_extra(r, d, p);
	else if (p->kind == PLAN_ENTITY)
		render_entity_extra(r, d, p);
	else if (p->kind == PLAN_TERM)
		render_term_extra(r, d, p);
	if (p->feed != NULL)
		render_page_feed(r, d, p, heading);
	rc = render_html(r, d, p->kind, out);
	tmpl_dict_free(d);
	free(heading);
	return rc;
}
