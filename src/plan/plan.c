/*
 * plan.c: see plan.h.  The plan's life (plan_new(), plan_free()), the
 * table of kinds and templates, the fingerprints of what every page
 * shares, and the pages of each article, the root, 404.html and the
 * search pages; lists.c, sig.c and sitemap.c plan the rest.
 *
 * Each kind of page has a sig_ function beside the code that lists its
 * pages.  A signature must cover everything the page's renderer reads
 * (render_*.c): when a renderer starts to show something new, its
 * sig_ function here must hash it too, or incremental builds will keep
 * a stale page.  The randomised incremental test (tests/incremental)
 * is the net under that rule.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "base/date.h"
#include "input/config.h"
#include "content/content.h"
#include "input/registry.h"
#include "model/archive.h"
#include "model/url.h"
#include "plan/plan.h"
#include "plan/plan_int.h"

/*
 * The templates of a theme, in the order they are loaded (and a
 * missing one reported), and which each kind of page expands: a
 * template's change re-renders its pages only.  The one table of
 * kinds and templates: render asks plan_kind_template().
 */
enum { T_LAYOUT, T_ARTICLE, T_LIST, T_ENTITIES, T_TERMS, T_ROOT, T_404,
	T_FEED, T_SITEMAP, T_SEARCH, T_N };


const char *const plan_templates[T_N + 1] = {
	[T_LAYOUT] = "layout.tpl",
	[T_ARTICLE] = "article.tpl",
	[T_LIST] = "list.tpl",
	[T_ENTITIES] = "entities.tpl",
	[T_TERMS] = "terms.tpl",
	[T_ROOT] = "root.tpl",
	[T_404] = "404.tpl",
	[T_FEED] = "feed.tpl",
	[T_SITEMAP] = "sitemap.tpl",
	[T_SEARCH] = "search.tpl",
	[T_N] = NULL
};

#define TPL(t)	(&plan_templates[t])

/* Per kind: its layout (or only template), then its body; NULL: none. */
static const char *const *const kind_tmpl[PLAN_NKINDS][2] = {
	[PLAN_ROOT] = { TPL(T_LAYOUT), TPL(T_ROOT) },
	[PLAN_404] = { TPL(T_LAYOUT), TPL(T_404) },
	[PLAN_HOME] = { TPL(T_LAYOUT), TPL(T_LIST) },
	[PLAN_ARTICLE] = { TPL(T_LAYOUT), TPL(T_ARTICLE) },
	[PLAN_PERIOD] = { TPL(T_LAYOUT), TPL(T_LIST) },
	[PLAN_ENTITY] = { TPL(T_LAYOUT), TPL(T_LIST) },
	[PLAN_ENTITY_INDEX] = { TPL(T_LAYOUT), TPL(T_ENTITIES) },
	[PLAN_FEED] = { TPL(T_FEED), NULL },
	[PLAN_TERM] = { TPL(T_LAYOUT), TPL(T_LIST) },
	[PLAN_TERM_INDEX] = { TPL(T_LAYOUT), TPL(T_TERMS) },
	[PLAN_SITEMAP] = { TPL(T_SITEMAP), NULL },
	[PLAN_ALIAS] = { NULL, NULL },	/* written by render_alias() itself */
	[PLAN_SEARCH] = { TPL(T_LAYOUT), TPL(T_SEARCH) },
	[PLAN_SITEMAP_INDEX] = { NULL, NULL },	/* machine formats, */
	[PLAN_NEWS] = { NULL, NULL },		/* written by render_feed.c */
	[PLAN_ROBOTS] = { NULL, NULL },
	[PLAN_IMAGE] = { NULL, NULL },		/* the file's bytes */
};

const char *
plan_kind_template(enum plan_kind k, size_t i)
{
	return i < 2 && kind_tmpl[k][i] != NULL ? *kind_tmpl[k][i] : NULL;
}

/*
 * Hashes a file's bytes (not its path: a theme copied elsewhere is the
 * same theme); a missing file hashes as absent.
 */
static void
h_file(XXH3_state_t *h, const char *path)
{
	size_t len;
	char *buf = file_read(path, (size_t)1 << 30, &len);

	if (buf == NULL)
		h_num(h, UINT64_MAX);
	else
		h_bytes(h, buf, len);
	free(buf);
}

struct plan_page *
plan_add_page(struct pl *q, enum plan_kind k, size_t li, const char *dir,
    const char *file)
{
	struct plan *p = q->p;
	struct plan_page *pg;

	if (p->n == q->cap) {
		q->cap = q->cap ? q->cap * 2 : 1024;
		p->v = xreallocarray(p->v, q->cap, sizeof(*p->v));
	}
	pg = &p->v[p->n++];
	memset(pg, 0, sizeof(*pg));
	pg->kind = k;
	pg->li = li;
	pg->dir = dir ? xstrdup(dir) : NULL;
	pg->file = file ? xstrdup(file) : url_file(dir);
	return pg;
}

char **
plan_alt_new(const struct config *c)
{
	return xcalloc(c->nlangs, sizeof(char *));
}

char **
plan_alt_dup(const struct config *c, char *const *alt)
{
	char **v;
	size_t i;

	if (alt == NULL)
		return NULL;
	v = plan_alt_new(c);
	for (i = 0; i < c->nlangs; i++)
		v[i] = alt[i] ? xstrdup(alt[i]) : NULL;
	return v;
}

static void
plan_article(struct pl *q, size_t li, const struct article *a)
{
	const struct config *c = q->c;
	struct plan_page *p = plan_add_page(q, PLAN_ARTICLE, li, a->url, NULL);
	XXH3_state_t h;
	size_t k, t;

	p->i = a->idx;
	p->sitemap = !a->draft;	/* a draft built for review is no address */
	p->alt = plan_alt_new(c);
	for (k = 0; k < c->nlangs; k++)
		if (a->trans && a->trans[k])
			p->alt[k] = xstrdup(a->trans[k]->url);
	if (a->trans == NULL)
		p->alt[li] = xstrdup(a->url);
	h_page(q, &h, PLAN_ARTICLE, li, p->file);
	h_alt(q, &h, p->alt);
	h_sig(&h, full_of(q, a));
	for (k = 0; k < a->nentity; k++) {
		h_entity(&h, a->entity[k]);
		h_str(&h, a->entity[k]->reg ? a->entity[k]->reg->wikidata :
		    NULL);
	}
	h_num(&h, a->nentity);
	h_num(&h, a->nnamed);
	for (k = 0; a->trans && k < c->nlangs; k++)
		if (a->trans[k] && a->trans[k] != a) {
			h_num(&h, k);
			h_sig(&h, brief_of(q, a->trans[k]));
		}
	for (t = 0; t < TAX_N; t++) {
		for (k = 0; k < a->nterms[t]; k++) {
			h_str(&h, a->terms[t][k]->name);
			h_str(&h, a->terms[t][k]->slug);
		}
		h_num(&h, a->nterms[t]);
	}
	for (k = 0; a->related && a->related[k]; k++)
		h_sig(&h, brief_of(q, a->related[k]));
	h_num(&h, k);
	h_str(&h, "older");
	if (a->older)
		h_sig(&h, brief_of(q, a->older));
	h_str(&h, "newer");
	if (a->newer)
		h_sig(&h, brief_of(q, a->newer));
	h_done(&h, &p->sig);
}

/* An article's local images, copied beside its page; not in the sitemap. */
static void
plan_images(struct pl *q, size_t li, const struct article *a)
{
	size_t k;

	for (k = 0; k < a->nimages; k++) {
		const struct article_image *im = &a->images[k];
		char *file = url_image(a, im);
		struct plan_page *p = plan_add_page(q, PLAN_IMAGE, li, a->url, file);
		XXH3_state_t h;

		p->i = a->idx;
		p->k = k;
		h_page(q, &h, PLAN_IMAGE, li, p->file);
		h_image(&h, im);
		h_done(&h, &p->sig);
		free(file);
	}
}

/*
 * The old addresses of an article (aliases:): small pages that send
 * the reader on.  Not in the sitemap: they are no pages of their own.
 */
static void
plan_aliases(struct pl *q, size_t li, const struct article *a)
{
	size_t k;

	/* a->redirects: the aliases but the article's own URL (model/url.c). */
	for (k = 0; a->redirects != NULL && a->redirects[k] != NULL; k++) {
		const char *al = a->redirects[k];
		char *file = url_file(al);
		char *dir = xstrndup(al, strrchr(al, '/') ? (size_t)(strrchr(al,
		    '/') - al) + 1 : 0);
		struct plan_page *p = plan_add_page(q, PLAN_ALIAS, li, dir, file);
		XXH3_state_t h;

		p->i = a->idx;
		p->k = k;
		h_page(q, &h, PLAN_ALIAS, li, p->file);
		h_sig(&h, brief_of(q, a));
		h_done(&h, &p->sig);
		free(file);
		free(dir);
	}
}

/* A language's search page; every language has one. */
static void
plan_search(struct pl *q, size_t li)
{
	const struct config *c = q->c;
	char *dir = url_search(c, li);
	struct plan_page *p = plan_add_page(q, PLAN_SEARCH, li, dir, NULL);
	XXH3_state_t h;
	size_t lj;

	p->sitemap = 1;
	p->alt = plan_alt_new(c);
	for (lj = 0; lj < c->nlangs; lj++)
		p->alt[lj] = url_search(c, lj);
	h_page(q, &h, PLAN_SEARCH, li, p->file);
	h_alt(q, &h, p->alt);
	h_done(&h, &p->sig);
	free(dir);
}

/* Fingerprints of what pages share: the site, its strings, its templates. */
static void
inputs(struct pl *q, const struct plan_inputs *in)
{
	const struct config *c = q->c;
	XXH3_state_t h;
	size_t li, k, t;

	XXH3_128bits_reset(&h);
	h_str(&h, arshif_version);
	h_file(&h, in->site_yaml);
	h_str(&h, in->inject);
	h_done(&h, &q->site);
	XXH3_128bits_reset(&h);
	if (in->registry != NULL)
		h_file(&h, in->registry);
	h_done(&h, &q->reg);
	q->lang = xcalloc(c->nlangs, sizeof(*q->lang));
	for (li = 0; li < c->nlangs; li++) {
		char *f = xasprintf("%s/%s.yaml", in->i18n, c->langs[li].code);
		char *d = xasprintf("%s/%s.yaml", in->i18n,
		    c->langs[c->deflang].code);

		/* A missing string falls back to the default language's. */
		XXH3_128bits_reset(&h);
		h_file(&h, f);
		h_file(&h, d);
		/* Every page's navigation links the taxonomies the language has. */
		for (t = 0; t < TAX_N; t++)
			h_num(&h, q->ar->langs[li].nterms[t] > 0);
		h_done(&h, &q->lang[li]);
		free(f);
		free(d);
	}
	for (k = 0; k < PLAN_NKINDS; k++) {
		XXH3_128bits_reset(&h);
		for (t = 0; t < 2 && kind_tmpl[k][t]; t++) {
			char *f = path_join(in->templates, *kind_tmpl[k][t]);

			h_file(&h, f);
			free(f);
		}
		h_done(&h, &q->tmpl[k]);
	}
}

/* The site's root (the language chooser) or its 404.html. */
static void
plan_top(struct pl *q, enum plan_kind k, const char *file)
{
	struct plan_page *p = plan_add_page(q, k, q->c->deflang, URL_ROOT_DIR,
	    file);
	XXH3_state_t h;

	h_page(q, &h, k, q->c->deflang, p->file);
	h_done(&h, &p->sig);
}

/* Every page of language li, in sitemap order. */
static void
plan_language(struct pl *q, size_t li)
{
	const struct lang_archive *la = &q->ar->langs[li];
	char *home;
	size_t i, t;

	plan_home(q, li);
	for (i = 0; i < la->n; i++) {
		plan_article(q, li, la->arts[i]);
		plan_aliases(q, li, la->arts[i]);
		plan_images(q, li, la->arts[i]);
	}
	plan_dates(q, li);
	plan_entities(q, li);
	for (t = 0; t <= q->p->langs[li].ntypes; t++)
		plan_entity_index(q, li, t);
	home = url_home(q->c, li);
	plan_feed(q, li, home, PLAN_FEED_LANG, 0, NULL, la->arts, la->n);
	free(home);
	for (t = 0; t < TAX_N; t++) {
		plan_terms(q, li, (enum taxonomy)t);
		plan_term_index(q, li, (enum taxonomy)t);
	}
	plan_search(q, li);
}

/* Each language's periods by folder below its code ("2020/11/"). */
static void
period_map(struct plan *p, size_t li)
{
	const struct lang_archive *la = &p->ar->langs[li];
	const struct period *v;
	size_t k, i, n;

	p->langs[li].periods = hmap_new();
	for (k = 0; k < 3; k++) {
		v = plan_periods(la, k, &n);
		for (i = 0; i < n; i++) {
			char *pd = url_period(p->c, li, &v[i]);

			hmap_put(p->langs[li].periods, strchr(pd, '/') + 1,
			    (void *)&v[i]);
			free(pd);
		}
	}
}

struct plan *
plan_new(const struct config *c, const struct archive *ar,
    const struct plan_inputs *in)
{
	struct plan *p = xcalloc(1, sizeof(*p));
	struct pl q;
	size_t li;

	memset(&q, 0, sizeof(q));
	q.p = p;
	q.c = p->c = c;
	q.ar = p->ar = ar;
	inputs(&q, in);
	q.static_dir = in->static_dir;
	p->langs = xcalloc(c->nlangs, sizeof(*p->langs));
	for (li = 0; li < c->nlangs; li++)
		period_map(p, li);
	plan_sign_articles(&q);
	plan_types(p);
	/* The order of the plan is the order of the sitemap. */
	plan_top(&q, PLAN_ROOT, NULL);
	for (li = 0; li < c->nlangs; li++)
		plan_language(&q, li);
	plan_top(&q, PLAN_404, URL_NOT_FOUND);
	plan_sitemap(&q);
	plan_sign_search(&q);
	plan_unsign_articles(&q);
	free(q.lang);
	return p;
}

void
plan_free(struct plan *p)
{
	size_t i, k;

	if (p == NULL)
		return;
	for (i = 0; i < p->n; i++) {
		struct plan_page *pg = &p->v[i];

		free(pg->file);
		free(pg->dir);
		free(pg->items);
		free(pg->feed);
		free(pg->members);
		free(pg->list.newer);
		free(pg->list.older);
		for (k = 0; pg->alt && k < p->c->nlangs; k++)
			free(pg->alt[k]);
		free(pg->alt);
	}
	free(p->v);
	for (i = 0; p->langs && i < p->c->nlangs; i++) {
		for (k = 0; k < p->langs[i].ntypes; k++)
			free(p->langs[i].types[k]);
		free(p->langs[i].types);
		free(p->langs[i].tcount);
		hmap_free(p->langs[i].periods);
	}
	free(p->langs);
	free(p->search);
	free(p);
}
