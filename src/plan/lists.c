/*
 * lists.c: the list pages of each language: its home, its years,
 * months and days, its entities and terms (each with its feed), and
 * the indexes of entities and of each taxonomy.  A list is cut into
 * numbered pages here (list_pages()), and each kind of list has its
 * sig_ function beside the code that lists its pages (see plan.c).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/util.h"
#include "base/date.h"
#include "input/config.h"
#include "content/content.h"
#include "input/registry.h"
#include "model/archive.h"
#include "model/url.h"
#include "plan/plan.h"
#include "plan/plan_int.h"

static int	has_published(struct article *const *, size_t);

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
	struct plan_page *p = plan_add_page(q, k, li, pdir, NULL);
	XXH3_state_t h;

	p->level = level;
	p->i = i;
	p->sitemap = 1;
	p->alt = first ? plan_alt_dup(q->c, alt) : NULL;
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
sig_home(const struct pl *q, XXH3_state_t *h, const struct plan_page *p,
    const void *arg)
{
	const struct lang_archive *la = arg;

	if (p->list.first)
		h_periods(h, la->years, la->nyears);
}

void
plan_home(struct pl *q, size_t li)
{
	const struct config *c = q->c;
	const struct lang_archive *la = &q->ar->langs[li];
	char **alt = plan_alt_new(c);
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

void
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
			char **alt = plan_alt_new(c);

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

void
plan_entities(struct pl *q, size_t li)
{
	const struct config *c = q->c;
	const struct lang_archive *la = &q->ar->langs[li];
	size_t i, lj;

	for (i = 0; i < la->nents; i++) {
		const struct entity *e = la->ents[i];
		char *dir = url_entity(c, li, e);
		char **alt = plan_alt_new(c);

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
void
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
void
plan_entity_index(struct pl *q, size_t li, size_t t)
{
	const struct config *c = q->c;
	const struct lang_archive *la = &q->ar->langs[li];
	const struct plan_lang *pl = &q->p->langs[li];
	const char *type = t ? pl->types[t - 1] : NULL;
	char *dir = url_entity_index(c, li, type);
	struct plan_page *p = plan_add_page(q, PLAN_ENTITY_INDEX, li, dir, NULL);
	XXH3_state_t h;
	size_t i, lj;

	p->i = t;
	p->sitemap = 1;
	p->alt = plan_alt_new(c);
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
void
plan_feed(struct pl *q, size_t li, const char *dir, enum plan_feed_of of,
    size_t idx, const char *name, struct article *const *arts, size_t na)
{
	const struct config *c = q->c;
	char *file = url_feed(dir);
	struct plan_page *p = plan_add_page(q, PLAN_FEED, li, NULL, file);
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
void
plan_terms(struct pl *q, size_t li, enum taxonomy t)
{
	const struct config *c = q->c;
	const struct lang_archive *la = &q->ar->langs[li];
	size_t i, lj;

	for (i = 0; i < la->nterms[t]; i++) {
		const struct term *e = la->terms[t][i];
		char *dir = url_term(c, li, t, e);
		char **alt = plan_alt_new(c);
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
void
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
	p = plan_add_page(q, PLAN_TERM_INDEX, li, dir, NULL);
	p->level = (size_t)t;
	p->sitemap = 1;
	p->alt = plan_alt_new(c);
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
