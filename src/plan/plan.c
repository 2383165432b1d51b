/*
 * plan.c: see plan.h.
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
#include <time.h>
#include <unistd.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "base/util.h"
#include "base/date.h"
#include "input/config.h"
#include "content/content.h"
#include "input/registry.h"
#include "model/archive.h"
#include "model/url.h"
#include "plan/plan.h"

#ifndef ARSHIF_VERSION
#define ARSHIF_VERSION "0"
#endif

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

/* Per language: signatures of each article, as lists show it and in full. */
struct asig {
	struct plan_sig	*brief;		/* by a->idx */
	struct plan_sig	*full;
};

/* The planner's state. */
struct pl {
	struct plan		*p;
	const struct config	*c;
	const struct archive	*ar;
	struct plan_sig		 site;		/* site.yaml, version, inject */
	struct plan_sig		 reg;		/* entities.yaml */
	struct plan_sig		*lang;		/* per language: its strings */
	struct plan_sig		 tmpl[PLAN_NKINDS];
	struct asig		*as;		/* per language */
	size_t			 cap;		/* room in p->v */
	const char		*static_dir;	/* or NULL */
};

/* Hashing helpers: every value is framed, so "ab","c" differs from "a","bc". */
static void
h_bytes(XXH3_state_t *h, const void *p, size_t n)
{
	uint64_t len = n;

	XXH3_128bits_update(h, &len, sizeof(len));
	if (n > 0)
		XXH3_128bits_update(h, p, n);
}

static void
h_str(XXH3_state_t *h, const char *s)
{
	if (s == NULL) {
		uint64_t none = UINT64_MAX;

		XXH3_128bits_update(h, &none, sizeof(none));
		return;
	}
	h_bytes(h, s, strlen(s));
}

static void
h_num(XXH3_state_t *h, uint64_t v)
{
	XXH3_128bits_update(h, &v, sizeof(v));
}

static void
h_sig(XXH3_state_t *h, const struct plan_sig *s)
{
	XXH3_128bits_update(h, s->b, sizeof(s->b));
}

static void
h_date(XXH3_state_t *h, const struct date *d)
{
	char buf[32];

	date_rfc3339(d, buf);
	h_str(h, buf);
	h_num(h, (uint64_t)d->has_time);
}

static void
h_done(XXH3_state_t *h, struct plan_sig *out)
{
	XXH128_canonical_t c;

	XXH128_canonicalFromHash(&c, XXH3_128bits_digest(h));
	memcpy(out->b, c.digest, sizeof(out->b));
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

/* The start of every page's signature: its kind, templates, site, language. */
static void
h_page(const struct pl *q, XXH3_state_t *h, enum plan_kind k, size_t li,
    const char *file)
{
	XXH3_128bits_reset(h);
	h_num(h, (uint64_t)k);
	h_sig(h, &q->tmpl[k]);
	h_sig(h, &q->site);
	h_sig(h, &q->lang[li]);
	h_str(h, file);
}

static void
h_alt(const struct pl *q, XXH3_state_t *h, char *const *alt)
{
	size_t i;

	for (i = 0; i < q->c->nlangs; i++)
		h_str(h, alt ? alt[i] : NULL);
}

/*
 * An image file as it was found: its path, size, mtime and inode stand
 * for its bytes (reading every image on every build would be slow).
 */
static void
h_image(XXH3_state_t *h, const struct article_image *im)
{
	h_str(h, im->src);
	h_str(h, im->out);
	h_num(h, (uint64_t)im->hero);
	h_num(h, (uint64_t)im->size);
	h_num(h, (uint64_t)im->mtime_ns);
	h_num(h, (uint64_t)im->ino);
}

/* An article as a list item, a link or a neighbour shows it. */
static void
sig_brief(const struct article *a, struct plan_sig *out)
{
	XXH3_state_t h;
	const struct article_image *hero = article_hero(a);

	XXH3_128bits_reset(&h);
	h_str(&h, a->url);
	h_str(&h, a->title);
	h_str(&h, a->summary);
	h_num(&h, a->lang);
	h_date(&h, &a->date);
	h_date(&h, &a->updated);
	h_num(&h, (uint64_t)a->has_updated);
	h_str(&h, a->author);
	h_str(&h, a->image);
	if (hero != NULL)
		h_image(&h, hero);
	h_done(&h, out);
}

/* An article as its own page and its feed entry show it. */
static void
sig_full(const struct article *a, const struct plan_sig *brief,
    struct plan_sig *out)
{
	XXH3_state_t h;
	size_t k;

	XXH3_128bits_reset(&h);
	h_sig(&h, brief);
	XXH3_128bits_update(&h, a->body_sig, sizeof(a->body_sig));
	h_num(&h, (uint64_t)a->draft);
	for (k = 0; k < a->ntags; k++)
		h_str(&h, a->tags[k]);
	h_num(&h, a->ntags);
	for (k = 0; a->extra && a->extra[k]; k++)
		h_str(&h, a->extra[k]);
	h_str(&h, "authors");
	for (k = 0; k < a->nauthors; k++)
		h_str(&h, a->authors[k]);
	h_num(&h, a->nauthors);
	h_str(&h, a->section);
	for (k = 0; k < a->nimages; k++)
		h_image(&h, &a->images[k]);
	h_num(&h, a->nimages);
	h_done(&h, out);
}

static const struct plan_sig *
brief_of(const struct pl *q, const struct article *a)
{
	return &q->as[a->lang].brief[a->idx];
}

static const struct plan_sig *
full_of(const struct pl *q, const struct article *a)
{
	return &q->as[a->lang].full[a->idx];
}

/* An entity as a link shows it. */
static void
h_entity(XXH3_state_t *h, const struct entity *e)
{
	h_str(h, e->name);
	h_str(h, e->type);
	h_str(h, e->slug);
}

static int	has_published(struct article *const *, size_t);
static void	plan_feed(struct pl *, size_t, const char *, enum plan_feed_of,
		    size_t, const char *, struct article *const *, size_t);

static struct plan_page *
add_page(struct pl *q, enum plan_kind k, size_t li, const char *dir,
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

static char **
alt_new(const struct config *c)
{
	return xcalloc(c->nlangs, sizeof(char *));
}

static char **
alt_dup(const struct config *c, char *const *alt)
{
	char **v;
	size_t i;

	if (alt == NULL)
		return NULL;
	v = alt_new(c);
	for (i = 0; i < c->nlangs; i++)
		v[i] = alt[i] ? xstrdup(alt[i]) : NULL;
	return v;
}

/*
 * The pages of a list at dir.  Pages are numbered from the oldest:
 * dir/page/1/ holds the first `paginate` articles ever listed, and a
 * full page never changes again, so that a new article touches the
 * list's first page (dir itself, the newest articles: between
 * paginate and 2 x paginate - 1 of them) and, once per `paginate`
 * articles, one new numbered page and its neighbour's link.  Only the
 * first page takes part in hreflang (other pages of two languages do
 * not hold the same articles).
 */
typedef void (*list_sig_fn)(const struct pl *, XXH3_state_t *,
    const struct plan_page *, const void *arg);

static char *
page_dir(const char *dir, size_t k, size_t sealed)
{
	return k > sealed ? xstrdup(dir) : url_list_page(dir, k);
}

/* Page pg of a list with sealed full numbered pages (pg sealed + 1: the first). */
static void
list_page(struct pl *q, enum plan_kind k, size_t li, size_t level, size_t i,
    const char *dir, struct article *const *arts, size_t n, char *const *alt,
    list_sig_fn extra, const void *arg, const char *feed, size_t pg,
    size_t sealed)
{
	size_t per = (size_t)q->c->paginate, j;
	int first = pg == sealed + 1;
	char *pdir = page_dir(dir, pg, sealed);
	struct plan_page *p = add_page(q, k, li, pdir, NULL);
	XXH3_state_t h;

	p->level = level;
	p->i = i;
	p->sitemap = 1;
	p->alt = first ? alt_dup(q->c, alt) : NULL;
	p->feed = feed ? xstrdup(feed) : NULL;
	p->list.arts = arts;
	p->list.n = n;
	p->list.first = first;
	/* arts is newest first: page pg ends pg - 1 pages from the oldest. */
	p->list.start = first ? 0 : n - pg * per;
	p->list.end = first ? n - sealed * per : n - (pg - 1) * per;
	p->list.page = pg;
	p->list.pages = sealed + 1;
	if (pg <= sealed)
		p->list.newer = page_dir(dir, pg + 1, sealed);
	if (pg > 1)
		p->list.older = page_dir(dir, pg - 1, sealed);
	h_page(q, &h, k, li, p->file);
	h_alt(q, &h, p->alt);
	h_num(&h, (uint64_t)first);
	if (first)
		h_num(&h, n);	/* only the first page counts them */
	h_num(&h, pg);
	h_str(&h, p->list.newer);
	h_str(&h, p->list.older);
	h_str(&h, p->feed);
	for (j = p->list.start; j < p->list.end; j++)
		h_sig(&h, brief_of(q, arts[j]));
	if (extra)
		extra(q, &h, p, arg);
	h_done(&h, &p->sig);
	free(pdir);
}

static void
list_pages(struct pl *q, enum plan_kind k, size_t li, size_t level,
    size_t i, const char *dir, struct article *const *arts, size_t n,
    char **alt, list_sig_fn extra, const void *arg, const char *feed)
{
	const struct config *c = q->c;
	size_t per = (size_t)c->paginate;
	size_t sealed = n >= per ? n / per - 1 : 0;	/* full numbered pages */
	size_t pg, j;

	list_page(q, k, li, level, i, dir, arts, n, alt, extra, arg, feed,
	    sealed + 1, sealed);
	for (pg = 1; pg <= sealed; pg++)
		list_page(q, k, li, level, i, dir, arts, n, alt, extra, arg,
		    feed, pg, sealed);
	for (j = 0; alt && j < c->nlangs; j++)
		free(alt[j]);
	free(alt);
}

static void
plan_article(struct pl *q, size_t li, const struct article *a)
{
	const struct config *c = q->c;
	struct plan_page *p = add_page(q, PLAN_ARTICLE, li, a->url, NULL);
	XXH3_state_t h;
	size_t k, t;

	p->i = a->idx;
	p->sitemap = !a->draft;	/* a draft built for review is no address */
	p->alt = alt_new(c);
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
		struct plan_page *p = add_page(q, PLAN_IMAGE, li, a->url, file);
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

	/* a->redirects: the aliases but the article's own URL (archive.c). */
	for (k = 0; a->redirects != NULL && a->redirects[k] != NULL; k++) {
		const char *al = a->redirects[k];
		char *file = url_file(al);
		char *dir = xstrndup(al, strrchr(al, '/') ? (size_t)(strrchr(al,
		    '/') - al) + 1 : 0);
		struct plan_page *p = add_page(q, PLAN_ALIAS, li, dir, file);
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

/* A list of periods with their counts, as home and date pages show it. */
static void
h_periods(XXH3_state_t *h, const struct period *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		h_num(h, (uint64_t)v[i].y);
		h_num(h, (uint64_t)v[i].m);
		h_num(h, (uint64_t)v[i].d);
		h_num(h, v[i].end - v[i].start);
	}
	h_num(h, n);
}

static void
sig_home(const struct pl *q, XXH3_state_t *h, const struct plan_page *p,
    const void *arg)
{
	const struct lang_archive *la = arg;

	if (p->list.first)
		h_periods(h, la->years, la->nyears);
}

static void
plan_home(struct pl *q, size_t li)
{
	const struct config *c = q->c;
	const struct lang_archive *la = &q->ar->langs[li];
	char **alt = alt_new(c);
	char *home = url_home(c, li);
	size_t i;

	for (i = 0; i < c->nlangs; i++)
		alt[i] = url_home(c, i);
	list_pages(q, PLAN_HOME, li, 0, 0, home, la->arts, la->n,
	    alt, sig_home, la, NULL);
	free(home);
}

static void
period_kinds(const struct lang_archive *la, const struct period **kinds,
    size_t *counts)
{
	kinds[0] = la->years;
	kinds[1] = la->months;
	kinds[2] = la->days;
	counts[0] = la->nyears;
	counts[1] = la->nmonths;
	counts[2] = la->ndays;
}

const struct period *
plan_periods(const struct lang_archive *la, size_t level, size_t *n)
{
	const struct period *kinds[3];
	size_t counts[3];

	period_kinds(la, kinds, counts);
	*n = counts[level];
	return kinds[level];
}

void
plan_sub_periods(const struct lang_archive *la, size_t level, size_t i,
    const struct period **sub, size_t *nsub)
{
	const struct period *kinds[3], *p, *v;
	size_t counts[3], j, n, first;

	*sub = NULL;
	*nsub = 0;
	if (level >= 2)
		return;
	period_kinds(la, kinds, counts);
	p = &kinds[level][i];
	v = kinds[level + 1];
	n = counts[level + 1];
	first = n;
	for (j = 0; j < n; j++)
		if (v[j].start >= p->start && v[j].end <= p->end) {
			if (first == n)
				first = j;
			(*nsub)++;
		} else if (first != n)
			break;
	if (first != n)
		*sub = &v[first];
}


static void
sig_period(const struct pl *q, XXH3_state_t *h, const struct plan_page *p,
    const void *arg)
{
	const struct lang_archive *la = &q->ar->langs[p->li];
	const struct period *kinds[3], *sub;
	size_t counts[3], nsub;
	const struct period *v;

	(void)arg;
	period_kinds(la, kinds, counts);
	v = kinds[p->level];
	/* Its neighbours, for the navigation. */
	if (p->i + 1 < counts[p->level])
		h_periods(h, &v[p->i + 1], 1);
	h_str(h, "|");
	if (p->i > 0)
		h_periods(h, &v[p->i - 1], 1);
	if (p->list.first && p->level < 2) {
		plan_sub_periods(la, p->level, p->i, &sub, &nsub);
		h_periods(h, sub, nsub);
	}
}

static void
plan_dates(struct pl *q, size_t li)
{
	const struct config *c = q->c;
	const struct lang_archive *la = &q->ar->langs[li];
	const struct period *kinds[3];
	size_t counts[3], k, i, lj;

	period_kinds(la, kinds, counts);
	for (k = 0; k < 3; k++)
		for (i = 0; i < counts[k]; i++) {
			const struct period *p = &kinds[k][i];
			char *dir = url_period(c, li, p);
			char **alt = alt_new(c);

			/* The same period in each language that has it. */
			for (lj = 0; lj < c->nlangs; lj++) {
				char *pd = url_period(c, lj, p);

				if (hmap_get(q->p->langs[lj].periods,
				    strchr(pd, '/') + 1) != NULL)
					alt[lj] = pd;
				else
					free(pd);
			}
			list_pages(q, PLAN_PERIOD, li, k, i, dir,
			    la->arts + p->start, p->end - p->start,
			    alt, sig_period, NULL, NULL);
			free(dir);
		}
}

static void
sig_entity(const struct pl *q, XXH3_state_t *h, const struct plan_page *p,
    const void *arg)
{
	const struct config *c = q->c;
	const struct entity *e = arg;
	size_t i, lj;

	h_str(h, e->name);
	h_str(h, e->type);
	h_str(h, e->reg ? e->reg->wikidata : NULL);
	if (!p->list.first)
		return;
	h_str(h, e->reg ? e->reg->desc_html[p->li] : NULL);
	for (lj = 0; e->same && lj < c->nlangs; lj++) {
		const struct entity *o = e->same[lj];

		if (lj == p->li || o == NULL)
			continue;
		h_num(h, lj);
		h_entity(h, o);
		h_num(h, o->n);
	}
	if (e->n > 0) {
		h_sig(h, brief_of(q, e->arts[e->n - 1]));
		h_sig(h, brief_of(q, e->arts[0]));
		/* The timeline: articles per year. */
		for (i = 0; i < e->n; i++)
			h_num(h, (uint64_t)e->arts[i]->date.y);
	}
	for (i = 0; i < e->nwith; i++) {
		h_entity(h, e->with[i].e);
		h_num(h, e->with[i].n);
	}
}

static void
plan_entities(struct pl *q, size_t li)
{
	const struct config *c = q->c;
	const struct lang_archive *la = &q->ar->langs[li];
	size_t i, lj;

	for (i = 0; i < la->nents; i++) {
		const struct entity *e = la->ents[i];
		char *dir = url_entity(c, li, e);
		char **alt = alt_new(c);

		/* The same registry entity in each language. */
		for (lj = 0; e->same && lj < c->nlangs; lj++)
			if (e->same[lj] != NULL)
				alt[lj] = url_entity(c, lj, e->same[lj]);
		char *feed = has_published(e->arts, e->n) ?
		    url_feed(dir) : NULL;

		list_pages(q, PLAN_ENTITY, li, 0, i, dir, e->arts, e->n,
		    alt, sig_entity, e, feed);
		if (feed != NULL)
			plan_feed(q, li, dir, PLAN_FEED_ENTITY, i, e->name,
			    e->arts, e->n);
		free(feed);
		free(dir);
	}
}

/* The entity types of each language, in order of first appearance. */
static void
plan_types(struct plan *p)
{
	size_t li, i, k;

	for (li = 0; li < p->c->nlangs; li++) {
		const struct lang_archive *la = &p->ar->langs[li];
		struct plan_lang *pl = &p->langs[li];

		for (i = 0; i < la->nents; i++) {
			const char *t = la->ents[i]->type;

			for (k = 0; k < pl->ntypes; k++)
				if (strcmp(pl->types[k], t) == 0)
					break;
			if (k == pl->ntypes) {
				pl->types = xreallocarray(pl->types,
				    pl->ntypes + 1, sizeof(*pl->types));
				pl->tcount = xreallocarray(pl->tcount,
				    pl->ntypes + 1, sizeof(*pl->tcount));
				pl->types[k] = xstrdup(t);
				pl->tcount[k] = 0;
				pl->ntypes++;
			}
			pl->tcount[k]++;
		}
	}
}

/* The index of every entity (t 0) or of type t - 1. */
static void
plan_entity_index(struct pl *q, size_t li, size_t t)
{
	const struct config *c = q->c;
	const struct lang_archive *la = &q->ar->langs[li];
	const struct plan_lang *pl = &q->p->langs[li];
	const char *type = t ? pl->types[t - 1] : NULL;
	char *dir = url_entity_index(c, li, type);
	struct plan_page *p = add_page(q, PLAN_ENTITY_INDEX, li, dir, NULL);
	XXH3_state_t h;
	size_t i, lj;

	p->i = t;
	p->sitemap = 1;
	p->alt = alt_new(c);
	for (lj = 0; lj < c->nlangs; lj++) {
		const struct plan_lang *po = &q->p->langs[lj];
		size_t k;

		for (k = 0; type && k < po->ntypes; k++)
			if (strcmp(po->types[k], type) == 0)
				break;
		if (type == NULL || k < po->ntypes)
			p->alt[lj] = url_entity_index(c, lj, type);
	}
	h_page(q, &h, PLAN_ENTITY_INDEX, li, p->file);
	h_alt(q, &h, p->alt);
	for (i = 0; i < pl->ntypes; i++) {
		h_str(&h, pl->types[i]);
		h_num(&h, pl->tcount[i]);
	}
	h_num(&h, la->nents);
	for (i = 0; i < la->nents; i++) {
		const struct entity *e = la->ents[i];

		if (type && strcmp(e->type, type) != 0)
			continue;
		h_entity(&h, e);
		h_num(&h, e->n);
		h_str(&h, e->letter);
		h_num(&h, e->group);
	}
	h_done(&h, &p->sig);
	free(dir);
}

void
plan_feed_date(const struct archive *ar, const struct date *d, char buf[32])
{
	time_t t = (time_t)ar->now;
	struct tm tm;

	/* A feed never claims a change later than the build's "now". */
	if (ar->now > 0 && date_epoch(d) > ar->now && gmtime_r(&t, &tm)) {
		strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
		return;
	}
	date_rfc3339(d, buf);
}

/* Whether a list holds an article a feed shows: drafts are never in one. */
static int
has_published(struct article *const *arts, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!arts[i]->draft)
			return 1;
	return 0;
}

/*
 * The feed of a list of articles (newest first) shown at dir: its
 * newest feed_size published ones, drafts never.  name is what it
 * follows (an entity's or term's name; NULL: the language).
 */
static void
plan_feed(struct pl *q, size_t li, const char *dir, enum plan_feed_of of,
    size_t idx, const char *name, struct article *const *arts, size_t na)
{
	const struct config *c = q->c;
	char *file = url_feed(dir);
	struct plan_page *p = add_page(q, PLAN_FEED, li, NULL, file);
	size_t i, k, n = 0, max = (size_t)c->feed_size;
	XXH3_state_t h;
	char buf[32];

	p->k = (size_t)of;
	p->i = idx;
	p->feed = xstrdup(dir);
	p->items = xcalloc(max + 1, sizeof(*p->items));
	for (i = 0; i < na && n < max; i++)
		if (!arts[i]->draft)
			p->items[n++] = arts[i];
	p->list.arts = p->items;
	p->list.n = p->list.end = n;
	h_page(q, &h, PLAN_FEED, li, p->file);
	h_num(&h, (uint64_t)of);
	h_str(&h, name);
	for (i = 0; i < n; i++) {
		const struct article *a = p->items[i];
		char *id = archive_atom_id(c, a);

		h_sig(&h, full_of(q, a));
		h_str(&h, id);
		/* Its categories: the names of its terms, as first written. */
		for (k = 0; k < a->nterms[TAX_SECTION]; k++)
			h_str(&h, a->terms[TAX_SECTION][k]->name);
		for (k = 0; k < a->nterms[TAX_TAG]; k++)
			h_str(&h, a->terms[TAX_TAG][k]->name);
		h_num(&h, a->nterms[TAX_SECTION] + a->nterms[TAX_TAG]);
		plan_feed_date(q->ar, a->has_updated ? &a->updated : &a->date,
		    buf);
		h_str(&h, buf);
		plan_feed_date(q->ar, &a->date, buf);
		h_str(&h, buf);
		free(id);
	}
	h_num(&h, n);
	h_done(&h, &p->sig);
	free(file);
}

/* A language's search page; every language has one. */
static void
plan_search(struct pl *q, size_t li)
{
	const struct config *c = q->c;
	char *dir = url_search(c, li);
	struct plan_page *p = add_page(q, PLAN_SEARCH, li, dir, NULL);
	XXH3_state_t h;
	size_t lj;

	p->sitemap = 1;
	p->alt = alt_new(c);
	for (lj = 0; lj < c->nlangs; lj++)
		p->alt[lj] = url_search(c, lj);
	h_page(q, &h, PLAN_SEARCH, li, p->file);
	h_alt(q, &h, p->alt);
	h_done(&h, &p->sig);
	free(dir);
}

/* A term's page shows its name and its taxonomy; the list does the rest. */
static void
sig_term(const struct pl *q, XXH3_state_t *h, const struct plan_page *p,
    const void *arg)
{
	const struct term *e = arg;

	(void)q;
	(void)p;
	h_str(h, e->name);
}

/* The pages (and feed) of every term of taxonomy t of a language. */
static void
plan_terms(struct pl *q, size_t li, enum taxonomy t)
{
	const struct config *c = q->c;
	const struct lang_archive *la = &q->ar->langs[li];
	size_t i, lj;

	for (i = 0; i < la->nterms[t]; i++) {
		const struct term *e = la->terms[t][i];
		char *dir = url_term(c, li, t, e);
		char **alt = alt_new(c);
		char *feed = has_published(e->arts, e->n) ?
		    url_feed(dir) : NULL;

		/* The same term in each language that has it. */
		for (lj = 0; e->same && lj < c->nlangs; lj++)
			if (e->same[lj] != NULL)
				alt[lj] = url_term(c, lj, t,
				    e->same[lj]);
		list_pages(q, PLAN_TERM, li, (size_t)t, i, dir, e->arts, e->n,
		    alt, sig_term, e, feed);
		if (feed != NULL)
			plan_feed(q, li, dir, (enum plan_feed_of)
			    (PLAN_FEED_TERM + t), i, e->name, e->arts, e->n);
		free(feed);
		free(dir);
	}
}

/* The index of a taxonomy: only where the language has terms of it. */
static void
plan_term_index(struct pl *q, size_t li, enum taxonomy t)
{
	const struct config *c = q->c;
	const struct lang_archive *la = &q->ar->langs[li];
	struct plan_page *p;
	XXH3_state_t h;
	char *dir;
	size_t i, lj;

	if (la->nterms[t] == 0)
		return;
	dir = url_term_index(c, li, t);
	p = add_page(q, PLAN_TERM_INDEX, li, dir, NULL);
	p->level = (size_t)t;
	p->sitemap = 1;
	p->alt = alt_new(c);
	for (lj = 0; lj < c->nlangs; lj++)
		if (q->ar->langs[lj].nterms[t] > 0)
			p->alt[lj] = url_term_index(c, lj, t);
	h_page(q, &h, PLAN_TERM_INDEX, li, p->file);
	h_alt(q, &h, p->alt);
	for (i = 0; i < la->nterms[t]; i++) {
		const struct term *e = la->terms[t][i];

		h_str(&h, e->name);
		h_str(&h, e->slug);
		h_num(&h, e->n);
	}
	h_num(&h, la->nterms[t]);
	h_done(&h, &p->sig);
	free(dir);
}

void
plan_lastmod(const struct article *a, char buf[32])
{
	const struct date *d = a->has_updated ? &a->updated : &a->date;

	if (d->has_time)
		date_rfc3339(d, buf);
	else
		date_iso(d, buf);
}

size_t
plan_sitemap_chunk(const struct config *c)
{
	/*
	 * A URL line and each of its alternates (its languages and
	 * x-default) take well under 1 KiB each unless a slug is absurd;
	 * render_sitemap() checks the 50 MB all the same.  Depending on
	 * the number of languages only, the size keeps chunks stable.
	 */
	size_t cap = (size_t)50000000 / ((c->nlangs + 3) * 1024);
	size_t n = (size_t)c->sitemap_chunk;

	return n < cap ? n : cap;
}

/* A list of page indices under construction. */
struct ilist {
	size_t	*v;
	size_t	 n;
};

static void
ilist_add(struct ilist *l, size_t i)
{
	l->v = xreallocarray(l->v, l->n + 1, sizeof(*l->v));
	l->v[l->n++] = i;
}

/* A chunk of the sitemap: the pages v[0..n) of the plan. */
static size_t
sitemap_chunk(struct pl *q, size_t li, const char *file, const size_t *v,
    size_t n)
{
	struct plan_page *p = add_page(q, PLAN_SITEMAP, li, NULL, file);
	size_t i, at = (size_t)(p - q->p->v);
	XXH3_state_t h;
	char buf[32];

	p->members = xcalloc(n + 1, sizeof(*p->members));
	if (n > 0)
		memcpy(p->members, v, n * sizeof(*v));
	p->nmembers = n;
	h_page(q, &h, PLAN_SITEMAP, li, p->file);
	for (i = 0; i < n; i++) {
		const struct plan_page *m = &q->p->v[v[i]];

		h_str(&h, m->dir);
		h_alt(q, &h, m->alt);
		if (m->kind == PLAN_ARTICLE) {
			plan_lastmod(q->ar->langs[m->li].arts[m->i], buf);
			h_str(&h, buf);
		}
	}
	h_done(&h, &p->sig);
	return at;
}

/* Chunk k (from 0) of a language's articles, listed in the index. */
static void
sitemap_flush(struct pl *q, size_t li, size_t k, const struct ilist *ch,
    struct ilist *idx)
{
	char *f = url_sitemap_chunk(q->c, li, 1, k + 1);

	ilist_add(idx, sitemap_chunk(q, li, f, ch->v, ch->n));
	free(f);
}

/*
 * The sitemap: chunks of at most plan_sitemap_chunk() URLs, an index
 * of them (sitemap.xml), a Google News sitemap and robots.txt.  Each
 * language's articles fill their chunks oldest first, so that a new
 * article changes the last chunk only; its other pages have chunks of
 * their own, in plan order.
 */
static void
plan_sitemap(struct pl *q)
{
	const struct config *c = q->c;
	struct plan *pn = q->p;
	size_t per = plan_sitemap_chunk(c), n = pn->n, li, i, k, at;
	struct ilist idx = { NULL, 0 }, news = { NULL, 0 };
	struct ilist *arts = xcalloc(c->nlangs, sizeof(*arts));
	struct ilist *pages = xcalloc(c->nlangs, sizeof(*pages));
	struct plan_page *p;
	XXH3_state_t h;
	long long now = q->ar->now;
	char buf[32];

	for (i = 0; i < n; i++) {
		const struct plan_page *pg = &pn->v[i];

		if (!pg->sitemap)
			continue;
		if (pg->kind != PLAN_ARTICLE) {
			ilist_add(&pages[pg->li], i);
			continue;
		}
		ilist_add(&arts[pg->li], i);
	}
	for (li = 0; li < c->nlangs; li++) {
		const struct lang_archive *la = &q->ar->langs[li];
		struct ilist ch = { NULL, 0 };
		size_t cur = 0;

		/*
		 * Chunk k holds the articles k * per ... counted oldest
		 * first, drafts or not; plan order is newest first.
		 */
		for (i = arts[li].n; i-- > 0;) {
			const struct plan_page *pg = &pn->v[arts[li].v[i]];
			size_t pos = la->n - 1 - pg->i;

			if (ch.n > 0 && pos / per != cur) {
				sitemap_flush(q, li, cur, &ch, &idx);
				ch.n = 0;
			}
			cur = pos / per;
			ilist_add(&ch, arts[li].v[i]);
		}
		if (ch.n > 0)
			sitemap_flush(q, li, cur, &ch, &idx);
		for (k = 0; k * per < pages[li].n; k++) {
			size_t m = pages[li].n - k * per;
			char *f = url_sitemap_chunk(c, li, 0, k + 1);

			ilist_add(&idx, sitemap_chunk(q, li, f, pages[li].v +
			    k * per, m < per ? m : per));
			free(f);
		}
		free(ch.v);
		/* Google News: the last two days before now; drafts never. */
		for (i = 0; i < arts[li].n; i++) {
			const struct plan_page *pg = &pn->v[arts[li].v[i]];
			const struct article *a = la->arts[pg->i];
			long long t = date_epoch(&a->date);

			if (!a->draft && t <= now && t > now - 2 * 86400)
				ilist_add(&news, arts[li].v[i]);
		}
	}
	/* Only when it has news: a urlset without a url is no valid sitemap. */
	if (news.n > 0) {
		p = add_page(q, PLAN_NEWS, c->deflang, NULL,
		    URL_NEWS_SITEMAP);
		at = (size_t)(p - pn->v);
		p->members = xcalloc(news.n + 1, sizeof(*p->members));
		memcpy(p->members, news.v, news.n * sizeof(*news.v));
		p->nmembers = news.n;
		h_page(q, &h, PLAN_NEWS, c->deflang, p->file);
		for (i = 0; i < news.n; i++) {
			const struct plan_page *m = &pn->v[news.v[i]];

			h_sig(&h, brief_of(q, q->ar->langs[m->li].arts[m->i]));
		}
		h_num(&h, news.n);
		h_done(&h, &p->sig);
		ilist_add(&idx, at);
	}

	p = add_page(q, PLAN_SITEMAP_INDEX, c->deflang, NULL,
	    URL_SITEMAP_INDEX);
	p->members = xcalloc(idx.n + 1, sizeof(*p->members));
	if (idx.n > 0)
		memcpy(p->members, idx.v, idx.n * sizeof(*idx.v));
	p->nmembers = idx.n;
	h_page(q, &h, PLAN_SITEMAP_INDEX, c->deflang, p->file);
	for (i = 0; i < idx.n; i++) {
		const struct plan_page *m = &pn->v[idx.v[i]];

		h_str(&h, m->file);
		plan_chunk_lastmod(q->p, m, buf);
		h_str(&h, buf);
	}
	h_done(&h, &p->sig);

	/* A site's own static/robots.txt wins: it is copied as it is. */
	{
		char *own = q->static_dir ? path_join(q->static_dir,
		    URL_ROBOTS) : NULL;

		if (own == NULL || access(own, F_OK) != 0) {
			p = add_page(q, PLAN_ROBOTS, c->deflang, NULL,
			    URL_ROBOTS);
			h_page(q, &h, PLAN_ROBOTS, c->deflang, p->file);
			h_done(&h, &p->sig);
		}
		free(own);
	}
	for (li = 0; li < c->nlangs; li++) {
		free(arts[li].v);
		free(pages[li].v);
	}
	free(arts);
	free(pages);
	free(idx.v);
	free(news.v);
}

void
plan_chunk_lastmod(const struct plan *pn, const struct plan_page *m,
    char buf[32])
{
	long long best = 0;
	size_t i;
	int any = 0;

	buf[0] = '\0';
	if (m->kind != PLAN_SITEMAP)
		return;
	for (i = 0; i < m->nmembers; i++) {
		const struct plan_page *pg = &pn->v[m->members[i]];
		const struct article *a;
		long long t;

		if (pg->kind != PLAN_ARTICLE)
			return;		/* other pages have no stable lastmod */
		a = pn->ar->langs[pg->li].arts[pg->i];
		t = date_epoch(a->has_updated ? &a->updated : &a->date);
		if (!any || t > best) {
			best = t;
			plan_lastmod(a, buf);
			any = 1;
		}
	}
}

/* Fingerprints of what pages share: the site, its strings, its templates. */
static void
inputs(struct pl *q, const struct plan_inputs *in)
{
	const struct config *c = q->c;
	XXH3_state_t h;
	size_t li, k, t;

	XXH3_128bits_reset(&h);
	h_str(&h, ARSHIF_VERSION);
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

struct plan *
plan_new(const struct config *c, const struct archive *ar,
    const struct plan_inputs *in)
{
	struct plan *p = xcalloc(1, sizeof(*p));
	struct pl q;
	size_t li, i, k, t;

	memset(&q, 0, sizeof(q));
	q.p = p;
	q.c = p->c = c;
	q.ar = p->ar = ar;
	inputs(&q, in);
	q.static_dir = in->static_dir;
	p->langs = xcalloc(c->nlangs, sizeof(*p->langs));
	q.as = xcalloc(c->nlangs, sizeof(*q.as));
	for (li = 0; li < c->nlangs; li++) {
		const struct lang_archive *la = &ar->langs[li];
		const struct period *kinds[3];
		size_t counts[3];

		p->langs[li].periods = hmap_new();
		period_kinds(la, kinds, counts);
		for (k = 0; k < 3; k++)
			for (i = 0; i < counts[k]; i++) {
				char *pd = url_period(c, li, &kinds[k][i]);

				hmap_put(p->langs[li].periods,
				    strchr(pd, '/') + 1, (void *)&kinds[k][i]);
				free(pd);
			}
		q.as[li].brief = xcalloc(la->n + 1, sizeof(struct plan_sig));
		q.as[li].full = xcalloc(la->n + 1, sizeof(struct plan_sig));
		for (i = 0; i < la->n; i++) {
			sig_brief(la->arts[i], &q.as[li].brief[i]);
			sig_full(la->arts[i], &q.as[li].brief[i],
			    &q.as[li].full[i]);
		}
	}
	plan_types(p);
	/* The order of the plan is the order of the sitemap. */
	{
		struct plan_page *r = add_page(&q, PLAN_ROOT, c->deflang, URL_ROOT_DIR,
		    NULL);
		XXH3_state_t h;

		h_page(&q, &h, PLAN_ROOT, c->deflang, r->file);
		h_done(&h, &r->sig);
	}
	for (li = 0; li < c->nlangs; li++) {
		const struct lang_archive *la = &ar->langs[li];

		plan_home(&q, li);
		for (i = 0; i < la->n; i++) {
			plan_article(&q, li, la->arts[i]);
			plan_aliases(&q, li, la->arts[i]);
			plan_images(&q, li, la->arts[i]);
		}
		plan_dates(&q, li);
		plan_entities(&q, li);
		for (t = 0; t <= p->langs[li].ntypes; t++)
			plan_entity_index(&q, li, t);
		{
			char *home = url_home(c, li);

			plan_feed(&q, li, home, PLAN_FEED_LANG, 0, NULL,
			    la->arts, la->n);
			free(home);
		}
		for (t = 0; t < TAX_N; t++) {
			plan_terms(&q, li, (enum taxonomy)t);
			plan_term_index(&q, li, (enum taxonomy)t);
		}
		plan_search(&q, li);
	}
	{
		struct plan_page *nf = add_page(&q, PLAN_404, c->deflang, URL_ROOT_DIR,
		    URL_NOT_FOUND);
		XXH3_state_t h;

		h_page(&q, &h, PLAN_404, c->deflang, nf->file);
		h_done(&h, &nf->sig);
	}
	plan_sitemap(&q);
	/*
	 * A language's search index reads every article of it (text, title,
	 * summary, entities), the registry's names, the site and the
	 * language's entity list: when none changed, its files are the same.
	 * The list is not its articles' entities alone: a registry entity
	 * mentioned only in another language has a page, and a place in the
	 * index, here too, so an article deleted there can change it.
	 */
	p->search = xcalloc(c->nlangs, sizeof(*p->search));
	for (li = 0; li < c->nlangs; li++) {
		const struct lang_archive *la = &ar->langs[li];
		XXH3_state_t h;

		h_page(&q, &h, PLAN_SEARCH, li, "search index");
		h_sig(&h, &q.reg);
		for (i = 0; i < la->n; i++) {
			const struct article *a = la->arts[i];

			h_sig(&h, &q.as[li].full[i]);
			for (k = 0; k < a->nentity; k++)
				h_entity(&h, a->entity[k]);
			h_num(&h, a->nentity);
		}
		for (k = 0; k < la->nents; k++)
			h_entity(&h, la->ents[k]);
		h_num(&h, la->nents);
		h_done(&h, &p->search[li]);
	}
	for (li = 0; li < c->nlangs; li++) {
		free(q.as[li].brief);
		free(q.as[li].full);
	}
	free(q.as);
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
