/*
 * plan_int.h: what the files of plan/ share: the planner's state and
 * the hashing helpers every page's signature is made with (small, so
 * inline here).  Only the files of plan/ include it.
 *
 * plan.c: the plan's life, the kinds' templates, the pages of each
 *	article, the root, 404.html and the search pages.
 * lists.c: the list pages (home, dates, entities, terms), their
 *	indexes and feeds.
 * sig.c: the signatures of articles and of each search index.
 * sitemap.c: the sitemap chunks, their index, the news sitemap and
 *	robots.txt.
 */
#ifndef PLAN_INT_H
#define PLAN_INT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifndef XXH_INLINE_ALL
#define XXH_INLINE_ALL
#endif
#include <xxhash.h>

#include "base/date.h"
#include "input/config.h"
#include "content/content.h"
#include "model/archive.h"
#include "plan/plan.h"

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
static inline void
h_bytes(XXH3_state_t *h, const void *p, size_t n)
{
	uint64_t len = n;

	XXH3_128bits_update(h, &len, sizeof(len));
	if (n > 0)
		XXH3_128bits_update(h, p, n);
}

static inline void
h_str(XXH3_state_t *h, const char *s)
{
	if (s == NULL) {
		uint64_t none = UINT64_MAX;

		XXH3_128bits_update(h, &none, sizeof(none));
		return;
	}
	h_bytes(h, s, strlen(s));
}

static inline void
h_num(XXH3_state_t *h, uint64_t v)
{
	XXH3_128bits_update(h, &v, sizeof(v));
}

static inline void
h_sig(XXH3_state_t *h, const struct plan_sig *s)
{
	XXH3_128bits_update(h, s->b, sizeof(s->b));
}

static inline void
h_date(XXH3_state_t *h, const struct date *d)
{
	char buf[32];

	date_rfc3339(d, buf);
	h_str(h, buf);
	h_num(h, (uint64_t)d->has_time);
}

static inline void
h_done(XXH3_state_t *h, struct plan_sig *out)
{
	XXH128_canonical_t c;

	XXH128_canonicalFromHash(&c, XXH3_128bits_digest(h));
	memcpy(out->b, c.digest, sizeof(out->b));
}

/* The start of every page's signature: its kind, templates, site, language. */
static inline void
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

static inline void
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
static inline void
h_image(XXH3_state_t *h, const struct article_image *im)
{
	h_str(h, im->src);
	h_str(h, im->out);
	h_num(h, (uint64_t)im->hero);
	h_num(h, (uint64_t)im->size);
	h_num(h, (uint64_t)im->mtime_ns);
	h_num(h, (uint64_t)im->ino);
}

/* An entity as a link shows it. */
static inline void
h_entity(XXH3_state_t *h, const struct entity *e)
{
	h_str(h, e->name);
	h_str(h, e->type);
	h_str(h, e->slug);
}

/* A list of periods with their counts, as home and date pages show it. */
static inline void
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

static inline const struct plan_sig *
brief_of(const struct pl *q, const struct article *a)
{
	return &q->as[a->lang].brief[a->idx];
}

static inline const struct plan_sig *
full_of(const struct pl *q, const struct article *a)
{
	return &q->as[a->lang].full[a->idx];
}

/* plan.c */
/* Adds a page at dir (file: dir's index.html when NULL) to the plan. */
struct plan_page *plan_add_page(struct pl *, enum plan_kind, size_t li,
	    const char *dir, const char *file);
/* An empty alt[] (one slot per language); NULL: copies alt, or NULL. */
char	**plan_alt_new(const struct config *);
char	**plan_alt_dup(const struct config *, char *const *alt);

/* lists.c: the list pages of language li, each with its feed. */
void	 plan_home(struct pl *, size_t li);
void	 plan_dates(struct pl *, size_t li);
void	 plan_entities(struct pl *, size_t li);
/* The entity index of every entity (t 0) or of type t - 1. */
void	 plan_entity_index(struct pl *, size_t li, size_t t);
void	 plan_terms(struct pl *, size_t li, enum taxonomy);
void	 plan_term_index(struct pl *, size_t li, enum taxonomy);
/* The feed of a list at dir; name: what it follows (NULL: the language). */
void	 plan_feed(struct pl *, size_t li, const char *dir, enum plan_feed_of,
	    size_t idx, const char *name, struct article *const *arts,
	    size_t n);
/* Fills each language's entity types (struct plan_lang). */
void	 plan_types(struct plan *);

/* sig.c */
/* The signatures of every article (q->as); free with plan_unsign_articles(). */
void	 plan_sign_articles(struct pl *);
void	 plan_unsign_articles(struct pl *);
/* The signature of each language's search index (p->search). */
void	 plan_sign_search(struct pl *);

/* sitemap.c */
/* The sitemap chunks, their index, the news sitemap and robots.txt. */
void	 plan_sitemap(struct pl *);

#endif /* PLAN_INT_H */
