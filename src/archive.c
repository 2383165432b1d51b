/*
 * archive.c: see archive.h.
 */
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "text.h"
#include "config.h"
#include "content.h"
#include "archive.h"

/*
 * Newest first, by the day as written (so that each day, month and
 * year is one contiguous run even when offsets differ), then by the
 * instant, then by path: the same input always gives the same order.
 */
static int
art_cmp(const void *pa, const void *pb)
{
	const struct article *a = *(struct article *const *)pa;
	const struct article *b = *(struct article *const *)pb;
	int c;

	if (a->date.y != b->date.y)
		return a->date.y < b->date.y ? 1 : -1;
	if (a->date.m != b->date.m)
		return a->date.m < b->date.m ? 1 : -1;
	if (a->date.d != b->date.d)
		return a->date.d < b->date.d ? 1 : -1;
	if ((c = date_cmp_desc(&a->date, &b->date)) != 0)
		return c;
	return strcmp(a->path, b->path);
}

static int
ent_cmp(const void *pa, const void *pb)
{
	const struct entity *a = *(struct entity *const *)pa;
	const struct entity *b = *(struct entity *const *)pb;
	int c = strcmp(a->sortkey, b->sortkey);

	return c ? c : strcmp(a->name, b->name);
}

static void
add_period(struct period **v, size_t *n, int y, int m, int d, size_t i)
{
	if (*n > 0) {
		struct period *p = &(*v)[*n - 1];

		if (p->y == y && p->m == m && p->d == d) {
			p->end = i + 1;
			return;
		}
	}
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[*n].y = y;
	(*v)[*n].m = m;
	(*v)[*n].d = d;
	(*v)[*n].start = i;
	(*v)[*n].end = i + 1;
	(*n)++;
}

static void
entity_free(struct entity *e)
{
	if (e == NULL)
		return;
	free(e->name);
	free(e->type);
	free(e->slug);
	free(e->key);
	free(e->sortkey);
	free(e->arts);
	free(e);
}

/* Resolves the names of one language's articles into entities. */
static int
build_entities(const struct config *c, struct lang_archive *la, size_t li,
    struct text_locale *loc)
{
	struct hmap *by_key = hmap_new(), *by_slug = hmap_new();
	size_t i, k;
	int bad = 0;

	/*
	 * Oldest first, so that an entity keeps the name and URL it was
	 * first given: a newer spelling never moves its page.
	 */
	for (i = la->n; i-- > 0;) {
		struct article *a = la->arts[i];

		a->entity = xcalloc(a->nents + 1, sizeof(*a->entity));
		for (k = 0; k < a->nents; k++) {
			struct entity_ref *r = &a->ents[k];
			char *key = text_fold(r->name);
			struct entity *e = hmap_get(by_key, key);

			if (e == NULL) {
				char *base = text_slug(r->name,
				    c->langs[li].slugs), *slug;
				int n = 2;

				if (base[0] == '\0') {
					diag(DIAG_ERROR, a->path, r->line,
					    r->col, "the entity name '%s' has "
					    "no letter or digit", r->name);
					bad = 1;
					free(base);
					free(key);
					continue;
				}
				/* Two names may fold to one slug: number the later ones. */
				slug = xstrdup(base);
				while (hmap_get(by_slug, slug) != NULL) {
					free(slug);
					slug = xasprintf("%s-%d", base, n++);
				}
				free(base);
				e = xcalloc(1, sizeof(*e));
				e->name = xstrdup(r->name);
				e->type = xstrdup(r->type);
				e->slug = slug;
				e->key = xstrdup(key);
				e->sortkey = text_sort_key(loc, e->name);
				hmap_put(by_key, key, e);
				hmap_put(by_slug, slug, e);
			}
			free(key);
			/* An article naming one entity twice counts once. */
			if (e->n == 0 || e->arts[e->n - 1] != a) {
				if (e->n == e->cap) {
					e->cap = e->cap ? e->cap * 2 : 4;
					e->arts = xreallocarray(e->arts,
					    e->cap, sizeof(*e->arts));
				}
				e->arts[e->n++] = a;
			}
			a->entity[k] = e;
		}
	}
	la->nents = hmap_count(by_key);
	la->ents = xcalloc(la->nents + 1, sizeof(*la->ents));
	for (i = 0; i < la->nents; i++) {
		struct entity *e = hmap_value_at(by_key, i);

		for (k = 0; k < e->n / 2; k++) {	/* back to newest first */
			struct article *t = e->arts[k];

			e->arts[k] = e->arts[e->n - 1 - k];
			e->arts[e->n - 1 - k] = t;
		}
		la->ents[i] = e;
	}
	if (la->nents > 1)
		qsort(la->ents, la->nents, sizeof(*la->ents), ent_cmp);
	hmap_free(by_key);
	hmap_free(by_slug);
	return bad ? -1 : 0;
}

int
archive_build(const struct config *c, struct corpus *cp,
    struct text_locale **locs, struct archive *ar)
{
	struct hmap *urls = hmap_new();
	size_t i, li;
	int bad = 0;

	memset(ar, 0, sizeof(*ar));
	ar->c = c;
	ar->langs = xcalloc(c->nlangs, sizeof(*ar->langs));
	ar->groups = hmap_new();

	for (i = 0; i < cp->n; i++) {
		struct article *a = cp->arts[i];
		struct lang_archive *la = &ar->langs[a->lang];

		la->arts = xreallocarray(la->arts, la->n + 1,
		    sizeof(*la->arts));
		la->arts[la->n++] = a;
	}
	for (li = 0; li < c->nlangs; li++) {
		struct lang_archive *la = &ar->langs[li];

		if (la->n > 1)
			qsort(la->arts, la->n, sizeof(*la->arts), art_cmp);
		for (i = 0; i < la->n; i++) {
			struct article *a = la->arts[i];
			struct article *other;

			a->url = xasprintf("%s/%04d/%02d/%02d/%s/",
			    c->langs[li].code, a->date.y, a->date.m, a->date.d,
			    a->slug);
			a->newer = i > 0 ? la->arts[i - 1] : NULL;
			a->older = i + 1 < la->n ? la->arts[i + 1] : NULL;
			if ((other = hmap_put(urls, a->url, a)) != NULL) {
				diag(DIAG_ERROR, a->path, a->slug_line,
				    a->slug_col, "this article and %s both "
				    "claim /%s; give one of them another "
				    "slug:", other->path, a->url);
				bad = 1;
			}
			add_period(&la->years, &la->nyears, a->date.y, 0, 0, i);
			add_period(&la->months, &la->nmonths, a->date.y,
			    a->date.m, 0, i);
			add_period(&la->days, &la->ndays, a->date.y, a->date.m,
			    a->date.d, i);
		}
		if (build_entities(c, la, li, locs[li]) == -1)
			bad = 1;
	}
	/* Translations: after sorting, so that "first" means the same every time. */
	for (li = 0; li < c->nlangs; li++) {
		struct lang_archive *la = &ar->langs[li];

		for (i = 0; i < la->n; i++) {
			struct article *a = la->arts[i], **g;

			if (a->tkey == NULL)
				continue;
			g = hmap_get(ar->groups, a->tkey);
			if (g == NULL) {
				g = xcalloc(c->nlangs, sizeof(*g));
				hmap_put(ar->groups, a->tkey, g);
			}
			if (g[li] != NULL) {
				diag(DIAG_ERROR, a->path, a->tkey_line,
				    a->tkey_col, "translation_key '%s' is also "
				    "used by %s in the same language; each "
				    "language has one article per key",
				    a->tkey, g[li]->path);
				bad = 1;
				continue;
			}
			g[li] = a;
			a->trans = g;	/* shared, owned by the group map */
		}
	}
	hmap_free(urls);
	return bad ? -1 : 0;
}

void
archive_free(struct archive *ar)
{
	size_t i, li;

	if (ar->langs == NULL)
		return;
	for (li = 0; li < ar->c->nlangs; li++) {
		struct lang_archive *la = &ar->langs[li];

		for (i = 0; i < la->nents; i++)
			entity_free(la->ents[i]);
		free(la->ents);
		free(la->arts);
		free(la->years);
		free(la->months);
		free(la->days);
	}
	free(ar->langs);
	for (i = 0; i < hmap_count(ar->groups); i++)
		free(hmap_value_at(ar->groups, i));
	hmap_free(ar->groups);
	ar->langs = NULL;
}
