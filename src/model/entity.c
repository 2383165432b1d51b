/*
 * entity.c: the entities of the archive: the names each article gives
 * or mentions, resolved through the registry into one entity per
 * language (linked across languages), the index groups of each
 * language's entity list, each entity's companions and each article's
 * related articles.  Apart from archive.c because it is most of the
 * model's work and has its own rules of cost (see related()).
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
#include "model/url.h"
#include "model/model_int.h"

static int
ent_cmp(const void *pa, const void *pb)
{
	const struct entity *a = *(struct entity *const *)pa;
	const struct entity *b = *(struct entity *const *)pb;
	int c = strcmp(a->sortkey, b->sortkey);

	return c ? c : strcmp(a->name, b->name);
}

void
model_entity_free(struct entity *e)
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
const char *
model_reg_name(const struct config *c, const struct reg_entity *re, size_t li)
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

/*
 * Whether an entity type's index would land on a page of the layout
 * (types "search", "entities"), reported at file:line:col if so.
 */
static int
type_taken(const struct config *c, size_t li, const char *type,
    const char *file, int line, int col)
{
	const char *what = url_type_taken(type);
	char *dir;

	if (what == NULL)
		return 0;
	dir = url_entity_index(c, li, type);
	diag(DIAG_ERROR, file, line, col, "entity type '%s' cannot be used: "
	    "arshif writes %s at /%s; choose another type", type, what, dir);
	free(dir);
	return 1;
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
				    model_reg_name(c, re, li), re->type, re);
			} else if (type_taken(c, li, r->type, a->path,
			    r->line, r->col)) {
				bad = 1;
				continue;
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
			    model_reg_name(c, found[k], li), found[k]->type,
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

/* Entities of every language, linked across languages through the registry. */
int
model_entities(const struct config *c, const struct registry *reg,
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
		/* Only an entity with pages claims its type's folder. */
		if (any && type_taken(c, c->deflang, re->type,
		    registry_path(reg), re->line, 0))
			bad = 1;
		for (li = 0; any && li < c->nlangs; li++) {
			struct entity *e = entity_get(c, &b[li], li, locs[li],
			    key, model_reg_name(c, re, li), re->type, re);

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

char *
archive_group_id(const struct entity *e)
{
	return xasprintf("letter-%zu", e->group + 1);
}
