/*
 * render_term.c: the taxonomies' pages: a section's, tag's or author's
 * own parts (the list of articles is render_list.c's) and the index of
 * each taxonomy.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "text/text.h"
#include "input/config.h"
#include "content/content.h"
#include "model/archive.h"
#include "model/url.h"
#include "tmpl/tmpl.h"
#include "input/i18n.h"
#include "plan/plan.h"
#include "render/render.h"
#include "render/render_int.h"

/* The singular label of a taxonomy's term ("Section"); caller frees. */
static char *
term_label(struct rs *r, size_t li, enum taxonomy t)
{
	static const char *const key[TAX_N] = { "section", "tag", "author" };
	static const char *const fb[TAX_N] = { "Section", "Tag", "Author" };

	return render_msg(r, li, key[t], fb[t]);
}

void
render_term_extra(struct rs *r, struct tmpl_dict *d, const struct plan_page *p)
{
	const struct config *c = r->c;
	enum taxonomy t = (enum taxonomy)p->level;
	struct tmpl_dict *s = tmpl_section(d, "TERM_INFO");
	char *idx = url_term_index(c, p->li, t);

	render_set_own(s, "LABEL", term_label(r, p->li, t));
	render_set_own(s, "INDEX_LABEL", render_tax_label(r, p->li, t));
	render_set_href(s, "INDEX_HREF", c, p->dir, idx);
	free(idx);
}

void
render_page_feed(struct rs *r, struct tmpl_dict *d, const struct plan_page *p,
    const char *heading)
{
	struct tmpl_dict *s = tmpl_section(d, "PAGE_FEED");

	render_set_href(s, "HREF", r->c, p->dir, p->feed);
	render_set_abs(s, "URL", r->c, p->feed);
	render_set_own(s, "TITLE", render_page_title(r, p->li, heading ?
	    heading : r->c->langs[p->li].title));
}

/* An index of one taxonomy, in the collation order of the language. */
int
render_term_index(struct rs *r, const struct plan_page *p, struct strbuf *out)
{
	static const char *const count_key[TAX_N] = { "sections_count",
	    "tags_count", "authors_count" };
	const struct config *c = r->c;
	size_t li = p->li, i;
	enum taxonomy t = (enum taxonomy)p->level;
	const struct lang_archive *la = &r->x->ar->langs[li];
	struct tmpl_dict *d = tmpl_dict_new(), *s;
	char *heading = render_tax_label(r, li, t);
	int rc;

	render_page_common(r, d, li, p->dir, heading, p->alt);
	tmpl_set(d, "HEADING", heading);
	tmpl_set(d, "TAXONOMY_NAME", archive_tax_name(t));
	render_set_own(d, "COUNT_TEXT", render_count(r, li,
	    i18n_has(r->x->i18n, count_key[t]) ? count_key[t] :
	    "entities_count", la->nterms[t]));
	for (i = 0; i < la->nterms[t]; i++) {
		const struct term *e = la->terms[t][i];
		char *td = url_term(c, li, t, e);

		s = tmpl_section(d, "TERM");
		tmpl_set(s, "NAME", e->name);
		render_set_href(s, "HREF", c, p->dir, td);
		render_set_own(s, "COUNT_TEXT", render_count(r, li,
		    "articles_count", e->n));
		free(td);
	}
	rc = render_html(r, d, p->kind, out);
	tmpl_dict_free(d);
	free(heading);
	return rc;
}
