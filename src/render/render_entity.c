/*
 * render_entity.c: entity pages (their own parts; the list of articles
 * is render_list.c's) and the entity indexes.
 */
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

void
render_entity_extra(struct rs *r, struct tmpl_dict *d,
    const struct plan_page *p)
{
	const struct config *c = r->c;
	size_t li = p->li;
	const char *dir = p->dir;
	const struct entity *e = r->x->ar->langs[li].ents[p->i];
	struct tmpl_dict *sec, *s;
	size_t i, lj, max = 0;

	s = tmpl_section(d, "ENTITY_INFO");
	render_set_own(s, "TYPE_LABEL", render_type_label(r, li, e->type));
	if (e->reg && e->reg->wikidata) {
		char *u = xasprintf("https://www.wikidata.org/wiki/%s",
		    e->reg->wikidata);

		sec = tmpl_section(s, "WIKIDATA");
		tmpl_set(sec, "URL", u);
		tmpl_set(sec, "ID", e->reg->wikidata);
		free(u);
	}
	if (!p->list.first)
		return;
	if (e->reg && e->reg->desc_html[li]) {
		s = tmpl_section(d, "DESCRIPTION");
		tmpl_set(s, "HTML", e->reg->desc_html[li]);
	}
	sec = NULL;
	for (lj = 0; e->same && lj < c->nlangs; lj++) {
		const struct entity *o = e->same[lj];
		char *od;

		if (lj == li || o == NULL)
			continue;
		if (sec == NULL)
			sec = tmpl_section(d, "OTHER_LANGUAGE_COUNTS");
		s = tmpl_section(sec, "COUNT");
		render_lang_vars(s, c, lj, "LANGUAGE_NAME");
		tmpl_set(s, "NAME", o->name);
		render_set_own(s, "COUNT_TEXT", render_count(r, li, "articles_count",
		    o->n));
		od = url_entity(c, lj, o);
		render_set_href(s, "HREF", c, dir, od);
		free(od);
	}
	if (e->n > 0) {
		const struct article *first = e->arts[e->n - 1];
		const struct article *last = e->arts[0];

		s = tmpl_section(d, "MENTIONS");
		sec = tmpl_section(s, "FIRST");
		render_date_vars(r, sec, li, &first->date);
		tmpl_set(sec, "TITLE", first->title);
		render_set_href(sec, "HREF", c, dir, first->url);
		sec = tmpl_section(s, "LAST");
		render_date_vars(r, sec, li, &last->date);
		tmpl_set(sec, "TITLE", last->title);
		render_set_href(sec, "HREF", c, dir, last->url);
		/* The timeline: articles per year, oldest year first. */
		for (i = 0; i < e->n;) {
			size_t k = i;

			while (k < e->n && e->arts[k]->date.y ==
			    e->arts[i]->date.y)
				k++;
			if (k - i > max)
				max = k - i;
			i = k;
		}
		sec = tmpl_section(d, "TIMELINE");
		for (i = e->n; i > 0;) {
			size_t k = i;
			int y = e->arts[i - 1]->date.y;
			char buf[32], *yd;

			while (k > 0 && e->arts[k - 1]->date.y == y)
				k--;
			s = tmpl_section(sec, "YEAR");
			render_set_own(s, "LABEL", text_date(r->locs[li],
			    TEXT_DATE_YEAR, y, 1, 1));
			snprintf(buf, sizeof(buf), "%zu", i - k);
			tmpl_set(s, "COUNT", buf);
			snprintf(buf, sizeof(buf), "%zu", max);
			tmpl_set(s, "MAX", buf);
			render_set_own(s, "COUNT_TEXT", render_count(r, li,
			    "articles_count", i - k));
			yd = url_date(c, li, y, 0, 0);
			render_set_href(s, "HREF", c, dir, yd);
			free(yd);
			i = k;
		}
	}
	if (e->nwith > 0) {
		sec = tmpl_section(d, "COMPANIONS");
		for (i = 0; i < e->nwith; i++) {
			char *od = url_entity(c, li, e->with[i].e);

			s = tmpl_section(sec, "COMPANION");
			tmpl_set(s, "NAME", e->with[i].e->name);
			render_set_href(s, "HREF", c, dir, od);
			render_set_own(s, "COUNT_TEXT", render_count(r, li,
			    "articles_count", e->with[i].n));
			free(od);
		}
	}
}

/*
 * An entity index: every entity (type NULL) or those of one type,
 * grouped under their initial letters in the collation order.
 */
int
render_entity_index(struct rs *r, const struct plan_page *p,
    struct strbuf *out)
{
	size_t li = p->li;
	const struct lang_archive *la = &r->x->ar->langs[li];
	const struct plan_lang *pl = &r->x->plan->langs[li];
	const struct config *c = r->c;
	const char *type = p->i ? pl->types[p->i - 1] : NULL;
	const char *dir = p->dir;
	struct tmpl_dict *d = tmpl_dict_new(), *g = NULL, *s, *ts;
	char *heading;
	size_t group = 0;
	size_t i, count = 0;
	int rc;

	heading = type ? render_type_label(r, li, type) :
	    render_msg(r, li, "entities", "Entities");
	render_page_common(r, d, li, dir, heading, p->alt);
	tmpl_set(d, "HEADING", heading);
	ts = tmpl_section(d, "TYPES");
	{
		char *all = url_entity_index(c, li, NULL);

		s = tmpl_section(ts, "TYPE");
		render_set_own(s, "LABEL", render_msg(r, li,
		    "all_entities", "All"));
		render_set_href(s, "HREF", c, dir, all);
		render_set_own(s, "COUNT_TEXT", render_count(r, li, "entities_count",
		    la->nents));
		if (type == NULL)
			tmpl_show(s, "CURRENT");
		free(all);
	}
	for (i = 0; i < pl->ntypes; i++) {
		const char *t = pl->types[i];
		char *td = url_entity_index(c, li, t);

		s = tmpl_section(ts, "TYPE");
		render_set_own(s, "LABEL", render_type_label(r, li, t));
		render_set_href(s, "HREF", c, dir, td);
		render_set_own(s, "COUNT_TEXT", render_count(r, li, "entities_count",
		    pl->tcount[i]));
		if (type && strcmp(type, t) == 0)
			tmpl_show(s, "CURRENT");
		free(td);
	}
	for (i = 0; i < la->nents; i++) {
		const struct entity *e = la->ents[i];
		char *ed;

		if (type && strcmp(e->type, type) != 0)
			continue;
		count++;
		/* Groups come from the archive: numbered, so every id is unique. */
		if (g == NULL || e->group != group) {
			g = tmpl_section(d, "GROUP");
			tmpl_set(g, "LETTER", e->letter);
			render_set_own(g, "ID", archive_group_id(e));
			group = e->group;
		}
		s = tmpl_section(g, "ENTITY");
		tmpl_set(s, "NAME", e->name);
		ed = url_entity(c, li, e);
		render_set_href(s, "HREF", c, dir, ed);
		free(ed);
		render_set_own(s, "COUNT_TEXT", render_count(r, li, "articles_count",
		    e->n));
		render_set_own(s, "TYPE_LABEL", render_type_label(r, li, e->type));
	}
	render_set_own(d, "COUNT_TEXT", render_count(r, li, "entities_count", count));
	rc = render_html(r, d, p->kind, out);
	tmpl_dict_free(d);
	free(heading);
	return rc;
}

