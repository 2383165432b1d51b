/*
 * taxonomy.c: the sections, tags and authors of the archive: one term
 * per name and language (a site.yaml section or a registry author are
 * one term whatever name an article gives), in collation order, linked
 * across languages by key.  Its own file: the same shape as entities,
 * with other rules of identity.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "text/text.h"
#include "input/config.h"
#include "content/content.h"
#include "input/registry.h"
#include "model/archive.h"
#include "model/model_int.h"

static const char *const tax_names[TAX_N] = { "sections", "tags", "authors" };

const char *
archive_tax_name(enum taxonomy t)
{
	return tax_names[t];
}

void
model_term_free(struct term *e)
{
	if (e == NULL)
		return;
	free(e->name);
	free(e->slug);
	free(e->key);
	free(e->sortkey);
	free(e->arts);
	free(e);
}

static int
term_cmp(const void *pa, const void *pb)
{
	const struct term *a = *(struct term *const *)pa;
	const struct term *b = *(struct term *const *)pb;
	int c = strcmp(a->sortkey, b->sortkey);

	return c ? c : strcmp(a->name, b->name);
}

/*
 * site.yaml's sections by key and by each name, folded: the map
 * term_get() looks a section up in (once per name, not per section).
 */
static struct hmap *
section_map(const struct config *c)
{
	struct hmap *m = hmap_new();
	size_t i, k;

	for (i = 0; i < c->nsections; i++) {
		const struct section_def *sd = &c->sections[i];
		char *f = text_fold(sd->key);

		hmap_put(m, f, (void *)sd);
		free(f);
		for (k = 0; k < c->nlangs; k++) {
			if (sd->name[k] == NULL)
				continue;
			f = text_fold(sd->name[k]);
			if (hmap_get(m, f) == NULL)
				hmap_put(m, f, (void *)sd);
			free(f);
		}
	}
	return m;
}

/*
 * The term of one name of an article in taxonomy t, made on first use
 * (NULL when the name gives no slug).  The key says which terms of
 * two languages are one: a section of site.yaml's sections:, an
 * author in the registry (type people), else the same name, folded.
 */
static struct term *
term_get(const struct config *c, const struct registry *reg,
    struct hmap *sections, size_t li, struct text_locale *loc, enum taxonomy t,
    const char *name, struct hmap *by_key, struct hmap *by_slug)
{
	char *folded = text_fold(name), *key, *base, *slug;
	const char *shown = name, *fallback = NULL;
	const struct section_def *sd = NULL;
	const struct reg_entity *re = NULL, *other = NULL;
	struct term *e;
	int n = 2;

	if (t == TAX_SECTION && (sd = hmap_get(sections, folded)) != NULL) {
		key = xasprintf("sec:%s", sd->key);
		if (sd->name[li] != NULL)
			shown = sd->name[li];
		fallback = sd->key;
	} else if (t == TAX_AUTHOR && reg != NULL &&
	    (re = registry_lookup(reg, name, &other)) != NULL &&
	    other == NULL && strcmp(re->type, "people") == 0) {
		key = xasprintf("reg:%s", re->id);
		shown = model_reg_name(c, re, li);
		fallback = re->id;
	} else
		key = xasprintf("f:%s", folded);
	free(folded);
	if ((e = hmap_get(by_key, key)) != NULL) {
		free(key);
		return e;
	}
	base = text_slug(shown, c->langs[li].slugs);
	if (base[0] == '\0' && fallback != NULL) {
		free(base);
		base = xstrdup(fallback);
	}
	if (base[0] == '\0') {
		free(base);
		free(key);
		return NULL;
	}
	/* Two names may give one slug: number the later ones. */
	slug = xstrdup(base);
	while (hmap_get(by_slug, slug) != NULL) {
		free(slug);
		slug = xasprintf("%s-%d", base, n++);
	}
	free(base);
	e = xcalloc(1, sizeof(*e));
	e->name = xstrdup(shown);
	e->slug = slug;
	e->key = key;
	e->sortkey = text_sort_key(loc, e->name);
	hmap_put(by_key, key, e);
	hmap_put(by_slug, slug, e);
	return e;
}

/* The names an article gives in taxonomy t. */
static char *const *
tax_names_of(const struct article *a, enum taxonomy t, size_t *n)
{
	static char *none[1];

	switch (t) {
	case TAX_SECTION:
		*n = a->section != NULL;
		return a->section ? &a->section : none;
	case TAX_TAG:
		*n = a->ntags;
		return a->tags ? a->tags : none;
	default:
		*n = a->nauthors;
		return a->authors ? a->authors : none;
	}
}

/*
 * Sections, tags and authors of one language.  Oldest first, so that a
 * term keeps the name and URL it was first given.
 */
static void
build_terms(const struct config *c, const struct registry *reg,
    struct hmap *sections, struct lang_archive *la, size_t li,
    struct text_locale *loc, enum taxonomy t)
{
	struct hmap *by_key = hmap_new(), *by_slug = hmap_new();
	size_t i, k, j, n;

	for (i = la->n; i-- > 0;) {
		struct article *a = la->arts[i];
		char *const *names = tax_names_of(a, t, &n);

		free(a->terms[t]);
		a->terms[t] = xcalloc(n + 1, sizeof(*a->terms[t]));
		a->nterms[t] = 0;
		for (k = 0; k < n; k++) {
			struct term *e = term_get(c, reg, sections, li, loc, t,
			    names[k], by_key, by_slug);

			if (e == NULL) {
				diag(DIAG_WARNING, a->path, a->tax_line[t],
				    a->tax_col[t], "the %s '%s' "
				    "has no letter or digit to make an address "
				    "of; it gets no page", t == TAX_SECTION ?
				    "section" : t == TAX_TAG ? "tag" : "author",
				    names[k]);
				continue;
			}
			for (j = 0; j < a->nterms[t]; j++)
				if (a->terms[t][j] == e)
					break;
			if (j < a->nterms[t])
				continue;	/* "Gaza" and "gaza": one tag */
			a->terms[t][a->nterms[t]++] = e;
			if (e->n == e->cap) {
				e->cap = e->cap ? e->cap * 2 : 4;
				e->arts = xreallocarray(e->arts, e->cap,
				    sizeof(*e->arts));
			}
			e->arts[e->n++] = a;
		}
	}
	n = hmap_count(by_key);
	la->nterms[t] = n;
	la->terms[t] = xcalloc(n + 1, sizeof(*la->terms[t]));
	for (i = 0; i < n; i++) {
		struct term *e = hmap_value_at(by_key, i);

		/* Built oldest first, shown newest first. */
		for (k = 0; k < e->n / 2; k++) {
			struct article *tmp = e->arts[k];

			e->arts[k] = e->arts[e->n - 1 - k];
			e->arts[e->n - 1 - k] = tmp;
		}
		la->terms[t][i] = e;
	}
	if (n > 1)
		qsort(la->terms[t], n, sizeof(*la->terms[t]), term_cmp);
	for (i = 0; i < n; i++)
		la->terms[t][i]->idx = i;
	hmap_free(by_key);
	hmap_free(by_slug);
}

/* Every taxonomy of every language, terms linked across languages by key. */
void
model_taxonomies(const struct config *c, const struct registry *reg,
    struct text_locale **locs, struct archive *ar)
{
	struct hmap *sections = section_map(c);
	size_t li, i, t;

	for (t = 0; t < TAX_N; t++) {
		ar->tsame[t] = hmap_new();
		for (li = 0; li < c->nlangs; li++) {
			struct lang_archive *la = &ar->langs[li];

			build_terms(c, reg, sections, la, li, locs[li],
			    (enum taxonomy)t);
			for (i = 0; i < la->nterms[t]; i++) {
				struct term *e = la->terms[t][i];
				struct term **same = hmap_get(ar->tsame[t],
				    e->key);

				if (same == NULL) {
					same = xcalloc(c->nlangs, sizeof(*same));
					hmap_put(ar->tsame[t], e->key, same);
				}
				same[li] = e;
				e->same = same;
			}
		}
	}
	hmap_free(sections);
}
