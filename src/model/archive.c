/*
 * archive.c: see archive.h.  Builds the model in order: each
 * language's articles sorted and cut into periods, their URLs
 * (url.c), entities (entity.c), taxonomies (taxonomy.c), aliases
 * checked, translations grouped; and frees it.  Also the Atom id of
 * an article.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/util.h"
#include "input/config.h"
#include "content/content.h"
#include "model/archive.h"
#include "model/model_int.h"

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

/* Appends s percent-encoded where RFC 4151's "specific" allows no byte. */
static void
tag_escape(struct strbuf *sb, const char *s)
{
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || strchr("-._~/:@", ch))
			sb_addc(sb, (char)ch);
		else
			sb_addf(sb, "%%%02X", ch);
	}
}

char *
archive_atom_id(const struct config *c, const struct article *a)
{
	struct strbuf sb = STRBUF_INIT;
	const char *h = strstr(c->base_url, "://"), *end, *path;
	char *prefix;
	size_t n;

	h = h ? h + 3 : c->base_url;
	/* user@ and :port are not part of the host. */
	if ((end = strchr(h, '@')) != NULL && end < h + strcspn(h, "/"))
		h = end + 1;
	n = strcspn(h, ":/");
	path = h + strcspn(h, "/");
	sb_adds(&sb, "tag:");
	for (; n > 0; n--, h++)
		sb_addc(&sb, (char)(*h >= 'A' && *h <= 'Z' ? *h + 32 : *h));
	sb_addf(&sb, ",%04d-%02d-%02d:", a->date.y, a->date.m, a->date.d);
	/* A site below a path shares its host with others. */
	if (*path == '/')
		path++;
	tag_escape(&sb, path);
	if (a->tkey != NULL) {
		tag_escape(&sb, c->langs[a->lang].code);
		sb_addc(&sb, '/');
		tag_escape(&sb, a->tkey);
	} else {
		prefix = config_path(c, "content/");
		if (strncmp(a->path, prefix, strlen(prefix)) == 0)
			tag_escape(&sb, a->path + strlen(prefix));
		else
			tag_escape(&sb, a->path);
		free(prefix);
	}
	return sb_detach(&sb);
}

/*
 * The articles of each translation_key, one per language (ar->groups;
 * each article's trans[] is its group).  Reports a key used twice in
 * a language; returns -1 if one was.
 */
static int
translations(const struct config *c, struct archive *ar)
{
	size_t i, li;
	int bad = 0;

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
	return bad ? -1 : 0;
}

int
archive_build(const struct config *c, const struct registry *reg,
    struct corpus *cp, struct text_locale **locs, struct archive *ar)
{
	struct hmap *urls = hmap_new();
	size_t i, li;
	int bad = 0;

	memset(ar, 0, sizeof(*ar));
	ar->c = c;
	ar->reg = reg;
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
		if (model_assign_urls(c, li, la, urls) == -1)
			bad = 1;
		for (i = 0; i < la->n; i++) {
			struct article *a = la->arts[i];

			a->idx = i;
			a->newer = i > 0 ? la->arts[i - 1] : NULL;
			a->older = i + 1 < la->n ? la->arts[i + 1] : NULL;
			add_period(&la->years, &la->nyears, a->date.y, 0, 0, i);
			add_period(&la->months, &la->nmonths, a->date.y,
			    a->date.m, 0, i);
			add_period(&la->days, &la->ndays, a->date.y, a->date.m,
			    a->date.d, i);
		}
	}
	{
		double t0 = now_ms();

		if (model_entities(c, reg, locs, ar) == -1)
			bad = 1;
		ar->entity_ms = now_ms() - t0;
	}
	model_taxonomies(c, reg, locs, ar);
	if (model_check_aliases(c, ar, urls) == -1)
		bad = 1;
	/* Translations: after sorting, so that "first" means the same every time. */
	if (translations(c, ar) == -1)
		bad = 1;
	hmap_free(urls);
	return bad ? -1 : 0;
}

/*
 * Frees what the model set on an article (its URL, entity[],
 * related[], terms[] and redirects[]) and unlinks it from the archive
 * (trans[] is a group of ar->groups), so that the article outlives the
 * archive with none of it.  The corpus frees the rest.
 */
static void
article_unset(struct article *a)
{
	size_t t;

	free(a->url);
	free(a->entity);
	free(a->related);
	free(a->redirects);
	for (t = 0; t < TAX_N; t++) {
		free(a->terms[t]);
		a->terms[t] = NULL;
		a->nterms[t] = 0;
	}
	a->url = NULL;
	a->entity = NULL;
	a->nentity = a->nnamed = 0;
	a->related = NULL;
	a->redirects = NULL;
	a->trans = NULL;
	a->newer = a->older = NULL;
}

void
archive_free(struct archive *ar)
{
	size_t i, li, t;

	if (ar->langs == NULL)
		return;
	for (li = 0; li < ar->c->nlangs; li++) {
		struct lang_archive *la = &ar->langs[li];

		for (i = 0; i < la->nents; i++)
			model_entity_free(la->ents[i]);
		free(la->ents);
		for (t = 0; t < TAX_N; t++) {
			for (i = 0; i < la->nterms[t]; i++)
				model_term_free(la->terms[t][i]);
			free(la->terms[t]);
		}
		for (i = 0; i < la->n; i++)
			article_unset(la->arts[i]);
		free(la->arts);
		free(la->years);
		free(la->months);
		free(la->days);
	}
	free(ar->langs);
	free(ar->same);
	for (t = 0; t < TAX_N; t++) {
		for (i = 0; ar->tsame[t] && i < hmap_count(ar->tsame[t]); i++)
			free(hmap_value_at(ar->tsame[t], i));
		hmap_free(ar->tsame[t]);
	}
	for (i = 0; i < hmap_count(ar->groups); i++)
		free(hmap_value_at(ar->groups, i));
	hmap_free(ar->groups);
	ar->langs = NULL;
}
