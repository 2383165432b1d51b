/*
 * sitemap.c: the sitemap of the plan's pages (chunks of a bounded
 * size, their index sitemap.xml), Google News' sitemap of the last
 * two days and robots.txt.  Planned last: the chunks list the pages
 * planned before them.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/util.h"
#include "base/date.h"
#include "input/config.h"
#include "content/content.h"
#include "model/archive.h"
#include "model/url.h"
#include "plan/plan.h"
#include "plan/plan_int.h"

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
	struct plan_page *p = plan_add_page(q, PLAN_SITEMAP, li, NULL, file);
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
 * The article chunks of language li, its articles' pages in plan order
 * (newest first), listed in idx.  Chunk k holds the articles k * per
 * ... counted oldest first, drafts or not.
 */
static void
sitemap_articles(struct pl *q, size_t li, const struct ilist *arts,
    size_t per, struct ilist *idx)
{
	const struct lang_archive *la = &q->ar->langs[li];
	struct ilist ch = { NULL, 0 };
	size_t cur = 0, i;

	for (i = arts->n; i-- > 0;) {
		const struct plan_page *pg = &q->p->v[arts->v[i]];
		size_t pos = la->n - 1 - pg->i;

		if (ch.n > 0 && pos / per != cur) {
			sitemap_flush(q, li, cur, &ch, idx);
			ch.n = 0;
		}
		cur = pos / per;
		ilist_add(&ch, arts->v[i]);
	}
	if (ch.n > 0)
		sitemap_flush(q, li, cur, &ch, idx);
	free(ch.v);
}

/* The chunks of language li's other pages, in plan order, listed in idx. */
static void
sitemap_pages(struct pl *q, size_t li, const struct ilist *pages,
    size_t per, struct ilist *idx)
{
	size_t k;

	for (k = 0; k * per < pages->n; k++) {
		size_t m = pages->n - k * per;
		char *f = url_sitemap_chunk(q->c, li, 0, k + 1);

		ilist_add(idx, sitemap_chunk(q, li, f, pages->v + k * per,
		    m < per ? m : per));
		free(f);
	}
}

/* Google News: the last two days before now; drafts never. */
static void
news_of(struct pl *q, size_t li, const struct ilist *arts, struct ilist *news)
{
	const struct lang_archive *la = &q->ar->langs[li];
	long long now = q->ar->now;
	size_t i;

	for (i = 0; i < arts->n; i++) {
		const struct plan_page *pg = &q->p->v[arts->v[i]];
		const struct article *a = la->arts[pg->i];
		long long t = date_epoch(&a->date);

		if (!a->draft && t <= now && t > now - 2 * 86400)
			ilist_add(news, arts->v[i]);
	}
}

/* The news sitemap of the pages in news, listed in idx. */
static void
sitemap_news(struct pl *q, const struct ilist *news, struct ilist *idx)
{
	size_t d0 = q->c->deflang, i;
	struct plan_page *p;
	XXH3_state_t h;

	/* Only when it has news: a urlset without a url is no valid sitemap. */
	if (news->n == 0)
		return;
	p = plan_add_page(q, PLAN_NEWS, d0, NULL, URL_NEWS_SITEMAP);
	p->members = xcalloc(news->n + 1, sizeof(*p->members));
	memcpy(p->members, news->v, news->n * sizeof(*news->v));
	p->nmembers = news->n;
	h_page(q, &h, PLAN_NEWS, d0, p->file);
	for (i = 0; i < news->n; i++) {
		const struct plan_page *m = &q->p->v[news->v[i]];

		h_sig(&h, brief_of(q, q->ar->langs[m->li].arts[m->i]));
	}
	h_num(&h, news->n);
	h_done(&h, &p->sig);
	ilist_add(idx, (size_t)(p - q->p->v));
}

/* sitemap.xml: the index of the sitemaps in idx. */
static void
sitemap_index(struct pl *q, const struct ilist *idx)
{
	size_t d0 = q->c->deflang, i;
	struct plan_page *p;
	XXH3_state_t h;
	char buf[32];

	p = plan_add_page(q, PLAN_SITEMAP_INDEX, d0, NULL, URL_SITEMAP_INDEX);
	p->members = xcalloc(idx->n + 1, sizeof(*p->members));
	if (idx->n > 0)
		memcpy(p->members, idx->v, idx->n * sizeof(*idx->v));
	p->nmembers = idx->n;
	h_page(q, &h, PLAN_SITEMAP_INDEX, d0, p->file);
	for (i = 0; i < idx->n; i++) {
		const struct plan_page *m = &q->p->v[idx->v[i]];

		h_str(&h, m->file);
		plan_chunk_lastmod(q->p, m, buf);
		h_str(&h, buf);
	}
	h_done(&h, &p->sig);
}

/* robots.txt; a site's own static/robots.txt wins: it is copied as it is. */
static void
plan_robots(struct pl *q)
{
	char *own = q->static_dir ? path_join(q->static_dir, URL_ROBOTS) :
	    NULL;

	if (own == NULL || access(own, F_OK) != 0) {
		struct plan_page *p = plan_add_page(q, PLAN_ROBOTS,
		    q->c->deflang, NULL, URL_ROBOTS);
		XXH3_state_t h;

		h_page(q, &h, PLAN_ROBOTS, q->c->deflang, p->file);
		h_done(&h, &p->sig);
	}
	free(own);
}

/*
 * The sitemap: chunks of at most plan_sitemap_chunk() URLs, an index
 * of them (sitemap.xml), a Google News sitemap and robots.txt.  Each
 * language's articles fill their chunks oldest first, so that a new
 * article changes the last chunk only; its other pages have chunks of
 * their own, in plan order.
 */
void
plan_sitemap(struct pl *q)
{
	const struct config *c = q->c;
	size_t per = plan_sitemap_chunk(c), n = q->p->n, li, i;
	struct ilist idx = { NULL, 0 }, news = { NULL, 0 };
	struct ilist *arts = xcalloc(c->nlangs, sizeof(*arts));
	struct ilist *pages = xcalloc(c->nlangs, sizeof(*pages));

	for (i = 0; i < n; i++) {
		const struct plan_page *pg = &q->p->v[i];

		if (!pg->sitemap)
			continue;
		ilist_add(pg->kind == PLAN_ARTICLE ? &arts[pg->li] :
		    &pages[pg->li], i);
	}
	for (li = 0; li < c->nlangs; li++) {
		sitemap_articles(q, li, &arts[li], per, &idx);
		sitemap_pages(q, li, &pages[li], per, &idx);
		news_of(q, li, &arts[li], &news);
	}
	sitemap_news(q, &news, &idx);
	sitemap_index(q, &idx);
	plan_robots(q);
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
