/*
 * archive.c: see archive.h.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/util.h"
#include "text/text.h"
#include "input/config.h"
#include "content/content.h"
#include "input/registry.h"
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
	free(e->letter);
	free(e->arts);
	free(e->with);
	free(e);
}

/* Per-language state while entities are resolved. */
struct ent_build {
	struct hmap	*by_key;	/* key -> entity */
	struct hmap	*by_slug;	/* slug -> entity */
};

/* The name a registry entity goes by in language li. */
static const char *
reg_name(const struct config *c, const struct reg_entity *re, size_t li)
{
	size_t k;

	if (re->name[li])
		return re->name[li];
	if (re->name[c->deflang])
		return re->name[c->deflang];
	for (k = 0; k < c->nlangs; k++)
		if (re->name[k])
			return re->name[k];
	return re->id;
}

/* The entity of key in this language, made on first use. */
static struct entity *
entity_get(const struct config *c, struct ent_build *b, size_t li,
    struct text_locale *loc, const char *key, const char *name,
    const char *type, const struct reg_entity *re)
{
	struct entity *e = hmap_get(b->by_key, key);
	char *base, *slug;
	int n = 2;

	if (e != NULL)
		return e;
	base = text_slug(name, c->langs[li].slugs);
	if (base[0] == '\0' && re != NULL) {
		free(base);
		base = xstrdup(re->id);
	}
	if (base[0] == '\0') {
		free(base);
		return NULL;
	}
	/* Two names may fold to one slug: number the later ones. */
	slug = xstrdup(base);
	while (hmap_get(b->by_slug, slug) != NULL) {
		free(slug);
		slug = xasprintf("%s-%d", base, n++);
	}
	free(base);
	e = xcalloc(1, sizeof(*e));
	e->name = xstrdup(name);
	e->type = xstrdup(type);
	e->slug = slug;
	e->key = xstrdup(key);
	{
		/* Filed without a leading "ال" or quote, as libraries do. */
		char *filed = text_filing_form(e->name, c->langs[li].filing);
		enum text_group kind;

		e->sortkey = text_sort_key(loc, filed);
		e->letter = text_index_group(filed, &kind);
		e->letter_kind = (int)kind;
		free(filed);
	}
	e->reg = re;
	hmap_put(b->by_key, key, e);
	hmap_put(b->by_slug, slug, e);
	return e;
}

/* Adds e to the article (once) and the article to e (once). */
static void
link_entity(struct article *a, struct entity *e)
{
	size_t k;

	for (k = 0; k < a->nentity; k++)
		if (a->entity[k] == e)
			return;
	a->entity = xreallocarray(a->entity, a->nentity + 1,
	    sizeof(*a->entity));
	a->entity[a->nentity++] = e;
	if (e->n == e->cap) {
		e->cap = e->cap ? e->cap * 2 : 4;
		e->arts = xreallocarray(e->arts, e->cap, sizeof(*e->arts));
	}
	e->arts[e->n++] = a;
}

/* Resolves the names of one language's articles into entities. */
static int
build_entities(const struct config *c, const struct registry *reg,
    struct lang_archive *la, size_t li, struct text_locale *loc,
    struct ent_build *b)
{
	const struct reg_entity **found;
	size_t i, k;
	int bad = 0;

	/*
	 * Oldest first, so that an entity keeps the name and URL it was
	 * first given: a newer spelling never moves its page.
	 */
	for (i = la->n; i-- > 0;) {
		struct article *a = la->arts[i];
		size_t nfound;

		for (k = 0; k < a->nents; k++) {
			struct entity_ref *r = &a->ents[k];
			const struct reg_entity *re = NULL, *other = NULL;
			struct entity *e;
			char *key;

			if (reg != NULL)
				re = registry_lookup(reg, r->name, &other);
			if (other != NULL) {
				diag(DIAG_ERROR, a->path, r->line, r->col,
				    "'%s' names two entities of %s: '%s' "
				    "(line %d) and '%s' (line %d); write a name "
				    "only one of them has", r->name,
				    registry_path(reg), re->id, re->line,
				    other->id, other->line);
				bad = 1;
				continue;
			}
			if (re != NULL) {
				key = xasprintf("reg:%s", re->id);
				e = entity_get(c, b, li, loc, key,
				    reg_name(c, re, li), re->type, re);
			} else {
				key = text_fold(r->name);
				e = entity_get(c, b, li, loc, key, r->name,
				    r->type, NULL);
				if (e != NULL && reg != NULL &&
				    registry_count(reg) > 0)
					diag(DIAG_WARNING, a->path, r->line,
					    r->col, "'%s' is not in %s; it gets "
					    "a page in this language only. Add "
					    "it there to link its languages",
					    r->name, registry_path(reg));
			}
			free(key);
			if (e == NULL) {
				/* A link on "€": nothing to name a page by, nothing lost. */
				diag(DIAG_WARNING, a->path, r->line, r->col,
				    "the entity name '%s' has no letter or "
				    "digit; it is skipped", r->name);
				continue;
			}
			link_entity(a, e);
		}
		a->nnamed = a->nentity;
		if (reg == NULL || !c->mentions)
			continue;
		/* Found while parsing, on every processor; else here. */
		if (!a->mentions_done) {
			a->nmentions = registry_mentions(reg, li, article_text(a),
			    &a->mentions, 0);
			a->mentions_done = 1;
		}
		found = a->mentions;
		nfound = a->nmentions;
		for (k = 0; k < nfound; k++) {
			char *key = xasprintf("reg:%s", found[k]->id);
			struct entity *e = entity_get(c, b, li, loc, key,
			    reg_name(c, found[k], li), found[k]->type,
			    found[k]);

			free(key);
			if (e != NULL)
				link_entity(a, e);
		}
	}
	return bad ? -1 : 0;
}

/* Reverses an entity's articles: built oldest first, shown newest first. */
static void
newest_first(struct entity *e)
{
	size_t k;

	for (k = 0; k < e->n / 2; k++) {
		struct article *t = e->arts[k];

		e->arts[k] = e->arts[e->n - 1 - k];
		e->arts[e->n - 1 - k] = t;
	}
}

static int
with_cmp(const void *pa, const void *pb)
{
	const struct entity_with *a = pa, *b = pb;

	if (a->n != b->n)
		return a->n < b->n ? 1 : -1;
	return strcmp(a->e->sortkey, b->e->sortkey);
}

/*
 * The entities that most often appear with e.  Cost: the entities of
 * e's articles, so the sum over all entities is the sum over articles
 * of their entity count squared: linear in the archive.
 */
static void
companions(struct entity *e, struct hmap *count)
{
	size_t i, k, n;

	for (i = 0; i < e->n; i++) {
		const struct article *a = e->arts[i];

		for (k = 0; k < a->nentity; k++) {
			struct entity *o = a->entity[k];
			struct entity_with *w;

			if (o == e)
				continue;
			if ((w = hmap_get(count, o->key)) == NULL) {
				w = xcalloc(1, sizeof(*w));
				w->e = o;
				hmap_put(count, o->key, w);
			}
			w->n++;
		}
	}
	n = hmap_count(count);
	if (n == 0)
		return;
	e->with = xcalloc(n, sizeof(*e->with));
	for (i = 0; i < n; i++) {
		struct entity_with *w = hmap_value_at(count, i);

		e->with[i] = *w;
		free(w);
	}
	qsort(e->with, n, sizeof(*e->with), with_cmp);
	e->nwith = n < ARCHIVE_WITH_MAX ? n : ARCHIVE_WITH_MAX;
}

/*
 * An entity named by more articles than this says little about how
 * related two of them are (and walking its list from each of them
 * would be quadratic): it does not count for related articles.
 */
#define RELATED_ENTITY_MAX 400

struct cand {
	struct article	*a;
	size_t		 shared;
};

static int
cand_cmp(const void *pa, const void *pb)
{
	const struct cand *a = pa, *b = pb;

	if (a->shared != b->shared)
		return a->shared < b->shared ? 1 : -1;
	/* Same language, so its order: newest first, then by path. */
	return a->a->idx < b->a->idx ? -1 : a->a->idx > b->a->idx;
}

/*
 * How many of an entity's articles just before a count towards a's
 * related articles: recent companions say the most, and the bound
 * keeps the cost per article constant.
 */
#define RELATED_WINDOW 64

/* Position of a in e->arts (newest first, so by ascending idx). */
static size_t
arts_pos(const struct entity *e, const struct article *a)
{
	size_t lo = 0, hi = e->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (e->arts[mid]->idx < a->idx)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * The earlier articles sharing the most entities with a.  Only earlier
 * ones: a new article then never changes the page of an older one.
 * Counts live in cnt[], indexed by article position (all zero on entry
 * and again on return); touched[] lists the slots used.
 */
static void
related(const struct lang_archive *la, struct article *a, unsigned *cnt,
    size_t *touched)
{
	struct cand *v;
	size_t i, k, nt = 0;

	a->related = xcalloc(ARCHIVE_RELATED_MAX + 1, sizeof(*a->related));
	for (k = 0; k < a->nentity; k++) {
		const struct entity *e = a->entity[k];
		size_t from, to;

		if (e->n > RELATED_ENTITY_MAX)
			continue;
		from = arts_pos(e, a) + 1;	/* the next older one */
		to = from + RELATED_WINDOW < e->n ? from + RELATED_WINDOW :
		    e->n;
		for (i = from; i < to; i++) {
			size_t b = e->arts[i]->idx;

			if (cnt[b]++ == 0)
				touched[nt++] = b;
		}
	}
	if (nt == 0)
		return;
	v = xcalloc(nt, sizeof(*v));
	for (i = 0; i < nt; i++) {
		v[i].a = la->arts[touched[i]];
		v[i].shared = cnt[touched[i]];
		cnt[touched[i]] = 0;
	}
	qsort(v, nt, sizeof(*v), cand_cmp);
	for (i = 0; i < nt && i < ARCHIVE_RELATED_MAX; i++)
		a->related[i] = v[i].a;
	free(v);
}

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Entities of every language, linked across languages through the registry. */
static int
entities(const struct config *c, const struct registry *reg,
    struct text_locale **locs, struct archive *ar)
{
	struct ent_build *b = xcalloc(c->nlangs, sizeof(*b));
	size_t li, i, nreg = registry_count(reg);
	int bad = 0;

	for (li = 0; li < c->nlangs; li++) {
		b[li].by_key = hmap_new();
		b[li].by_slug = hmap_new();
		if (build_entities(c, reg, &ar->langs[li], li, locs[li],
		    &b[li]) == -1)
			bad = 1;
	}
	/*
	 * One registry entity, every language: a page in each, even where
	 * that language has no article yet (it shows the other languages').
	 */
	ar->same = xcalloc(nreg * c->nlangs + 1, sizeof(*ar->same));
	for (i = 0; i < nreg; i++) {
		const struct reg_entity *re = registry_at(reg, i);
		char *key = xasprintf("reg:%s", re->id);
		int any = 0;

		for (li = 0; li < c->nlangs; li++)
			any |= hmap_get(b[li].by_key, key) != NULL;
		for (li = 0; any && li < c->nlangs; li++) {
			struct entity *e = entity_get(c, &b[li], li, locs[li],
			    key, reg_name(c, re, li), re->type, re);

			ar->same[i * c->nlangs + li] = e;
			if (e != NULL)
				e->same = &ar->same[i * c->nlangs];
		}
		free(key);
	}
	for (li = 0; li < c->nlangs; li++) {
		struct lang_archive *la = &ar->langs[li];

		la->nents = hmap_count(b[li].by_key);
		la->ents = xcalloc(la->nents + 1, sizeof(*la->ents));
		for (i = 0; i < la->nents; i++) {
			la->ents[i] = hmap_value_at(b[li].by_key, i);
			newest_first(la->ents[i]);
		}
		if (la->nents > 1)
			qsort(la->ents, la->nents, sizeof(*la->ents), ent_cmp);
		/* Index groups: contiguous in collation order, numbered once. */
		for (i = 0; i < la->nents; i++) {
			struct entity *e = la->ents[i], *p = i ? la->ents[i - 1] :
			    NULL;

			e->group = p == NULL ? 0 : p->group +
			    !(p->letter_kind == e->letter_kind &&
			    (e->letter_kind != TEXT_GROUP_LETTER ||
			    text_same_letter(locs[li], p->letter, e->letter)));
			if (p != NULL && p->group == e->group) {
				free(e->letter);
				e->letter = xstrdup(p->letter);
			}
		}
		for (i = 0; i < la->nents; i++) {
			struct hmap *count = hmap_new();

			companions(la->ents[i], count);
			hmap_free(count);
		}
		{
			unsigned *cnt = xcalloc(la->n + 1, sizeof(*cnt));
			size_t *touched = xcalloc(la->n + 1, sizeof(*touched));

			for (i = 0; i < la->n; i++)
				related(la, la->arts[i], cnt, touched);
			free(cnt);
			free(touched);
		}
		hmap_free(b[li].by_key);
		hmap_free(b[li].by_slug);
	}
	free(b);
	return bad ? -1 : 0;
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

static const char *const tax_names[TAX_N] = { "sections", "tags", "authors" };

const char *
archive_tax_name(enum taxonomy t)
{
	return tax_names[t];
}

static void
term_free(struct term *e)
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
		shown = reg_name(c, re, li);
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
		return a->section ? &((struct article *)a)->section : none;
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
static void
taxonomies(const struct config *c, const struct registry *reg,
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

char *
archive_group_id(const struct entity *e)
{
	return xasprintf("letter-%zu", e->group + 1);
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

		if (entities(c, reg, locs, ar) == -1)
			bad = 1;
		ar->entity_ms = now_ms() - t0;
	}
	taxonomies(c, reg, locs, ar);
	if (model_check_aliases(c, ar, urls) == -1)
		bad = 1;
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
	size_t i, li, t;

	if (ar->langs == NULL)
		return;
	for (li = 0; li < ar->c->nlangs; li++) {
		struct lang_archive *la = &ar->langs[li];

		for (i = 0; i < la->nents; i++)
			entity_free(la->ents[i]);
		free(la->ents);
		for (t = 0; t < TAX_N; t++) {
			for (i = 0; i < la->nterms[t]; i++)
				term_free(la->terms[t][i]);
			free(la->terms[t]);
		}
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
