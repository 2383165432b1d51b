/*
 * render_search.c: a language's search page.  The page is a form that
 * works as a plain GET; static/search.js reads the index search/
 * writes beside it.
 */
#include <stdlib.h>

#include "base/util.h"
#include "text/text.h"
#include "input/config.h"
#include "tmpl/tmpl.h"
#include "input/i18n.h"
#include "plan/plan.h"
#include "render/render.h"
#include "render/render_int.h"

int
render_search(struct rs *r, const struct plan_page *p, struct strbuf *out)
{
	const struct config *c = r->c;
	const struct language *l = &c->langs[p->li];
	struct tmpl_dict *d = tmpl_dict_new();
	char *heading = render_msg(r, p->li, "search", "Search");
	int rc;

	render_page_common(r, d, p->li, p->dir, heading, p->alt);
	free(heading);
	tmpl_set(d, "NUMBERS", l->numbers ? l->numbers : "");
	tmpl_set(d, "SELF_HREF", c->index_links ? "index.html" : "./");
	rc = render_html(r, d, p->kind, out);
	tmpl_dict_free(d);
	return rc;
}
