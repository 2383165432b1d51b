/*
 * render.c: see render.h.  The pool of workers, and which family
 * renders which kind of planned file.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "base/parallel.h"
#include "text/text.h"
#include "input/config.h"
#include "plan/plan.h"
#include "render/render.h"
#include "render/render_int.h"

/* Plan's table of kinds and templates names them. */
const char *const *const render_templates = plan_templates;

typedef int (*family_fn)(struct rs *, const struct plan_page *,
    struct strbuf *);

/*
 * Which function fills each kind of page.  Not the same fact as
 * plan_kind_template() (the files a kind expands, which its signature
 * hashes): render_list() serves four kinds, and the kinds written
 * without a template have a function too.
 */
static const family_fn families[PLAN_NKINDS] = {
	[PLAN_ROOT] = render_root,
	[PLAN_404] = render_404,
	[PLAN_HOME] = render_list,
	[PLAN_ARTICLE] = render_article,
	[PLAN_PERIOD] = render_list,
	[PLAN_ENTITY] = render_list,
	[PLAN_ENTITY_INDEX] = render_entity_index,
	[PLAN_FEED] = render_feed,
	[PLAN_TERM] = render_list,
	[PLAN_TERM_INDEX] = render_term_index,
	[PLAN_SITEMAP] = render_sitemap,
	[PLAN_ALIAS] = render_alias,
	[PLAN_SEARCH] = render_search,
	[PLAN_SITEMAP_INDEX] = render_sitemap_index,
	[PLAN_NEWS] = render_news,
	[PLAN_ROBOTS] = render_robots,
	[PLAN_IMAGE] = render_image,
};

struct pool {
	const struct render_ctx	*x;
	const size_t		*todo;
	size_t			 n;
	render_put_fn		 put;
	void			*arg;
	atomic_size_t		 next;
	atomic_int		 bad;
};

static void *
worker(void *arg)
{
	struct pool *p = arg;
	const struct config *c = p->x->c;
	struct strbuf out = STRBUF_INIT;
	struct rs r;
	size_t li, j;

	memset(&r, 0, sizeof(r));
	r.x = p->x;
	r.c = c;
	/* ICU formatters are not thread-safe: each worker opens its own. */
	r.locs = xcalloc(c->nlangs, sizeof(*r.locs));
	for (li = 0; li < c->nlangs; li++) {
		char *err = NULL;

		r.locs[li] = text_locale_new(c->langs[li].locale,
		    c->langs[li].numbers, c->langs[li].calendars,
		    c->langs[li].ncalendars, &err);
		if (r.locs[li] == NULL) {	/* it opened once already */
			diag(DIAG_ERROR, NULL, 0, 0, "%s", err);
			free(err);
			r.bad = 1;
		}
	}
	while (!r.bad && !atomic_load(&p->bad) &&
	    (j = atomic_fetch_add(&p->next, 1)) < p->n) {
		const struct plan_page *pg = &p->x->plan->v[p->todo[j]];

		sb_reset(&out);
		if (families[pg->kind](&r, pg, &out) == -1 ||
		    p->put(p->arg, pg, sb_str(&out), out.len) == -1)
			r.bad = 1;
	}
	if (r.bad)
		atomic_store(&p->bad, 1);
	sb_free(&out);
	for (li = 0; li < c->nlangs; li++)
		text_locale_free(r.locs[li]);
	free(r.locs);
	text_thread_done();
	return NULL;
}

int
render_pages(const struct render_ctx *x, const size_t *todo, size_t n,
    render_put_fn put, void *arg)
{
	struct pool p;

	if (n == 0)
		return 0;
	memset(&p, 0, sizeof(p));
	p.x = x;
	p.todo = todo;
	p.n = n;
	p.put = put;
	p.arg = arg;
	parallel_run(n, worker, &p);
	return atomic_load(&p.bad) ? -1 : 0;
}
