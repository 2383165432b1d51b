/*
 * url.c: see url.h.  The one place that knows where each page family
 * lives: plan, render and search ask here.  The model's use of the
 * layout is here too: each article's URL (model_assign_urls()), and
 * the check of aliases and entity types, which read the same segments
 * back (alias_owned(), url_type_taken()), so that a path the layout
 * gains is refused at its source line without a second list to keep
 * in step.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "input/config.h"
#include "content/content.h"
#include "model/archive.h"
#include "model/url.h"
#include "model/model_int.h"

/* The segments of the layout below a language's folder. */
#define SEG_ENTITIES	"entities/"
#define SEG_SEARCH	"search/"
#define SEG_PAGE	"page/"
#define SEG_FEED	"feed.xml"
#define SEG_INDEX	"index.html"
/* The chunks of the sitemap, in the site's root folder. */
#define SITEMAP_PREFIX	"sitemap-"
#define SITEMAP_SUFFIX	".xml"

char *
url_home(const struct config *c, size_t li)
{
	return xasprintf("%s/", c->langs[li].code);
}

char *
url_article(const struct config *c, size_t li, const struct date *d,
    const char *slug)
{
	return xasprintf("%s/%04d/%02d/%02d/%s/", c->langs[li].code, d->y,
	    d->m, d->d, slug);
}

char *
url_image(const struct article *a, const struct article_image *im)
{
	return xasprintf("%s%s", a->url, im->out);
}

char *
url_date(const struct config *c, size_t li, int y, int m, int d)
{
	if (m == 0)
		return xasprintf("%s/%04d/", c->langs[li].code, y);
	if (d == 0)
		return xasprintf("%s/%04d/%02d/", c->langs[li].code, y, m);
	return xasprintf("%s/%04d/%02d/%02d/", c->langs[li].code, y, m, d);
}

char *
url_period(const struct config *c, size_t li, const struct period *p)
{
	return url_date(c, li, p->y, p->m, p->d);
}

char *
url_entity(const struct config *c, size_t li, const struct entity *e)
{
	return xasprintf("%s/" SEG_ENTITIES "%s/", c->langs[li].code, e->slug);
}

char *
url_entity_index(const struct config *c, size_t li, const char *type)
{
	if (type == NULL)
		return xasprintf("%s/" SEG_ENTITIES, c->langs[li].code);
	return xasprintf("%s/%s/", c->langs[li].code, type);
}

char *
url_term(const struct config *c, size_t li, enum taxonomy t,
    const struct term *e)
{
	return xasprintf("%s/%s/%s/", c->langs[li].code, archive_tax_name(t),
	    e->slug);
}

char *
url_term_index(const struct config *c, size_t li, enum taxonomy t)
{
	return xasprintf("%s/%s/", c->langs[li].code, archive_tax_name(t));
}

char *
url_search(const struct config *c, size_t li)
{
	return xasprintf("%s/" SEG_SEARCH, c->langs[li].code);
}

char *
url_feed(const char *dir)
{
	return xasprintf("%s" SEG_FEED, dir);
}

char *
url_list_page(const char *dir, size_t k)
{
	return xasprintf("%s" SEG_PAGE "%zu/", dir, k);
}

char *
url_sitemap_chunk(const struct config *c, size_t li, int articles, size_t k)
{
	return xasprintf(SITEMAP_PREFIX "%s-%s-%zu" SITEMAP_SUFFIX,
	    c->langs[li].code, articles ? "articles" : "pages", k);
}

char *
url_file(const char *path)
{
	if (path[0] == '\0' || has_suffix(path, "/"))
		return xasprintf("%s" SEG_INDEX, path);
	return xstrdup(path);
}

/* Whether the folder seg ("search/") is named type. */
static int
is_seg(const char *seg, const char *type)
{
	size_t n = strlen(type);

	return strncmp(seg, type, n) == 0 && seg[n] == '/' &&
	    seg[n + 1] == '\0';
}

const char *
url_type_taken(const char *type)
{
	size_t t;

	if (is_seg(SEG_ENTITIES, type))
		return "the index of every entity";
	if (is_seg(SEG_SEARCH, type))
		return "the language's search page";
	for (t = 0; t < TAX_N; t++)
		if (strcmp(archive_tax_name((enum taxonomy)t), type) == 0)
			return "the index of a taxonomy";
	return NULL;
}

/* Whether s starts with the segment seg. */
static int
starts(const char *s, const char *seg)
{
	return strncmp(s, seg, strlen(seg)) == 0;
}

/* A year, month or day page of a language's archive (rest: below its folder). */
static const char *
date_owner(const char *rest)
{
	const char *t;
	int y, m, d, len = 0;

	/* A year, month or day page, or one of its numbered pages. */
	if (sscanf(rest, "%4d/%n", &y, &len) != 1 || len != 5)
		return NULL;
	t = rest + 5;
	if (*t == '\0' || starts(t, SEG_PAGE))
		return "a year of the archive is there";
	if (sscanf(t, "%2d/%n", &m, &len) == 1 && len == 3) {
		t += 3;
		if (*t == '\0' || starts(t, SEG_PAGE))
			return "a month of the archive is there";
		if (sscanf(t, "%2d/%n", &d, &len) == 1 && len == 3 &&
		    (t[3] == '\0' || starts(t + 3, SEG_PAGE)))
			return "a day of the archive is there";
	}
	return NULL;
}

/*
 * Whether an alias is a path arshif writes a page of its own at: a
 * language's home and its numbered pages, a year, month or day of
 * its archive, its entity indexes and pages, its taxonomies, its
 * search page and index, the feeds, the sitemaps, robots.txt and
 * 404.html.  Every segment is one the functions above write with.
 */
static const char *
alias_owned(const struct config *c, const struct archive *ar, const char *al)
{
	static const char *const top[][2] = {
		{ SEG_INDEX, "arshif writes the site's front page there" },
		{ URL_NOT_FOUND, "arshif writes the site's 404 page there" },
		{ URL_SITEMAP_INDEX, "arshif writes the sitemap there" },
		{ URL_NEWS_SITEMAP, "arshif writes the news sitemap there" },
		{ URL_ROBOTS, "arshif writes robots.txt there" },
		{ SEG_FEED, "arshif keeps that name for its feeds" },
		{ NULL, NULL } };
	size_t li, k, n, t;

	for (k = 0; top[k][0]; k++)
		if (strcmp(al, top[k][0]) == 0)
			return top[k][1];
	if (starts(al, SITEMAP_PREFIX) && has_suffix(al, SITEMAP_SUFFIX))
		return "arshif writes a part of the sitemap there";
	for (li = 0; li < c->nlangs; li++) {
		const struct lang_archive *la = &ar->langs[li];
		const char *rest;

		n = strlen(c->langs[li].code);
		if (strncmp(al, c->langs[li].code, n) != 0 || al[n] != '/')
			continue;
		rest = al + n + 1;
		if (*rest == '\0' || starts(rest, SEG_PAGE) ||
		    strcmp(rest, SEG_FEED) == 0 || starts(rest, SEG_ENTITIES))
			return "arshif writes a page of the language there";
		/* Its index's files lie below the page, and are search's alone. */
		if (starts(rest, SEG_SEARCH))
			return "arshif writes the language's search page and "
			    "its index there";
		for (t = 0; t < TAX_N; t++) {
			const char *tn = archive_tax_name((enum taxonomy)t);

			if (strncmp(rest, tn, strlen(tn)) == 0 &&
			    rest[strlen(tn)] == '/')
				return "arshif writes a page of the language "
				    "there";
		}
		for (k = 0; k < la->nents; k++) {
			size_t tl = strlen(la->ents[k]->type);

			if (strncmp(rest, la->ents[k]->type, tl) == 0 &&
			    rest[tl] == '/')
				return "arshif writes an entity index there";
		}
		if ((rest = date_owner(rest)) != NULL)
			return rest;
	}
	return NULL;
}

/* Earliest instant first, then by path: which of a clash keeps its URL. */
static int
first_cmp(const void *pa, const void *pb)
{
	const struct article *a = *(struct article *const *)pa;
	const struct article *b = *(struct article *const *)pb;
	long long ea = date_epoch(&a->date), eb = date_epoch(&b->date);

	if (ea != eb)
		return ea < eb ? -1 : 1;
	return strcmp(a->path, b->path);
}

/*
 * Whether an article's slug takes a name of the layout: its folder
 * lies among its day's own files (the list's numbered pages, its
 * index.html and feed.xml), and a few names are kept for arshif's
 * pages whatever the folder.
 */
static int
slug_reserved(const char *slug)
{
	static const char *const names[] = { SEG_INDEX, SEG_FEED,
	    URL_NOT_FOUND, URL_SITEMAP_INDEX, NULL };
	static const char *const folders[] = { SEG_PAGE, SEG_ENTITIES, NULL };
	size_t k, n;

	for (k = 0; names[k]; k++)
		if (strcmp(slug, names[k]) == 0)
			return 1;
	for (k = 0; folders[k]; k++) {
		n = strlen(folders[k]) - 1;	/* without its '/' */
		if (strncmp(slug, folders[k], n) == 0 && slug[n] == '\0')
			return 1;
	}
	return 0;
}

/* Reports an article whose slug is a name of the layout; -1 if so. */
static int
slug_check(const struct article *a)
{
	if (!slug_reserved(a->slug))
		return 0;
	if (a->slug_given)
		diag(DIAG_ERROR, a->path, a->slug_line, a->slug_col,
		    "slug '%s' cannot be used: that name is reserved for "
		    "pages arshif makes; use letters, digits and '-'", a->slug);
	else
		diag(DIAG_ERROR, a->path, a->slug_line, a->slug_col,
		    "the slug '%s' cannot be used: that name is reserved for "
		    "pages arshif makes; set another slug:", a->slug);
	return -1;
}

/*
 * Sets the URL of each article of one language (urls: URL -> article,
 * every language).  Articles that derive one URL are all kept: the
 * order of first_cmp() decides, so neither the file system nor the
 * number of workers changes which gets the number.
 */
int
model_assign_urls(const struct config *c, size_t li, struct lang_archive *la,
    struct hmap *urls)
{
	struct hmap *groups = hmap_new();	/* base URL -> struct clash * */
	struct clash {
		struct article	**v;
		size_t		  n;
	} *g;
	size_t i, k, gi;
	int bad = 0;

	for (i = 0; i < la->n; i++) {
		struct article *a = la->arts[i];
		char *u;

		if (slug_check(a) == -1)
			bad = 1;
		u = url_article(c, li, &a->date, a->slug);

		if ((g = hmap_get(groups, u)) == NULL) {
			g = xcalloc(1, sizeof(*g));
			hmap_put(groups, u, g);
		}
		g->v = xreallocarray(g->v, g->n + 1, sizeof(*g->v));
		g->v[g->n++] = a;
		free(u);
	}
	/* Every base URL is taken before any number is handed out. */
	for (gi = 0; gi < hmap_count(groups); gi++) {
		g = hmap_value_at(groups, gi);
		if (g->n > 1)
			qsort(g->v, g->n, sizeof(*g->v), first_cmp);
		/* An explicit slug: wins over derived ones. */
		for (k = 0; k < g->n && !g->v[k]->slug_given; k++)
			;
		if (k < g->n && k > 0) {
			struct article *t = g->v[k];

			memmove(g->v + 1, g->v, k * sizeof(*g->v));
			g->v[0] = t;
		}
		g->v[0]->url = xstrdup(hmap_key_at(groups, gi));
		hmap_put(urls, g->v[0]->url, g->v[0]);
	}
	for (gi = 0; gi < hmap_count(groups); gi++) {
		struct article *first;

		g = hmap_value_at(groups, gi);
		first = g->v[0];
		for (k = 1; k < g->n; k++) {
			struct article *a = g->v[k];
			char *slug = NULL;
			int n = 2;

			if (a->slug_given && first->slug_given) {
				diag(DIAG_ERROR, a->path, a->slug_line,
				    a->slug_col, "this article and %s both "
				    "claim /%s; give one of them another "
				    "slug:", first->path, first->url);
				bad = 1;
				a->url = xstrdup(first->url);
				continue;
			}
			do {
				free(slug);
				free(a->url);
				slug = xasprintf("%s-%d", a->slug, n++);
				a->url = url_article(c, li, &a->date, slug);
			} while (hmap_get(urls, a->url) != NULL);
			hmap_put(urls, a->url, a);
			diag(DIAG_WARNING, a->path, a->slug_line, a->slug_col,
			    "this article and %s both make /%s; %s keeps it "
			    "and this one is published at /%s (set slug: in "
			    "either to choose)", first->path, first->url,
			    first->slug_given ? "the one with slug:" :
			    "the earlier one", a->url);
			/* a->slug stays as parsed: a cached parse must not change. */
			free(slug);
		}
		free(g->v);
		free(g);
	}
	hmap_free(groups);
	return bad ? -1 : 0;
}

/* Every alias must be free: no page there, no other alias. */
int
model_check_aliases(const struct config *c, struct archive *ar, struct hmap *urls)
{
	struct hmap *seen = hmap_new();
	size_t li, i, k;
	int bad = 0;

	for (li = 0; li < c->nlangs; li++) {
		struct lang_archive *la = &ar->langs[li];

		/* Oldest first: the earlier claim is the one named. */
		for (i = la->n; i-- > 0;) {
			struct article *a = la->arts[i], *o;
			size_t nr = 0;

			free(a->redirects);
			a->redirects = xcalloc(a->naliases + 1,
			    sizeof(*a->redirects));
			for (k = 0; k < a->naliases; k++) {
				const char *al = a->aliases[k], *why;

				if (strcmp(al, a->url) == 0) {
					diag(DIAG_WARNING, a->path,
					    a->aliases_line, a->aliases_col,
					    "alias /%s is the article's own "
					    "URL; it is ignored", al);
					continue;
				}
				if ((o = hmap_get(urls, al)) != NULL) {
					diag(DIAG_ERROR, a->path,
					    a->aliases_line, a->aliases_col,
					    "alias /%s is the URL of %s; an "
					    "alias cannot replace a page",
					    al, o->path);
					bad = 1;
					continue;
				}
				if ((why = alias_owned(c, ar, al)) != NULL) {
					diag(DIAG_ERROR, a->path,
					    a->aliases_line, a->aliases_col,
					    "alias /%s cannot be used: %s; remove "
					    "it from aliases:", al, why);
					bad = 1;
					continue;
				}
				if ((o = hmap_put(seen, al, a)) != NULL &&
				    o != a) {
					diag(DIAG_ERROR, a->path,
					    a->aliases_line, a->aliases_col,
					    "alias /%s is also an alias of %s; "
					    "an old path can lead to one "
					    "article only", al, o->path);
					bad = 1;
					continue;
				}
				a->redirects[nr++] = al;
			}
		}
	}
	hmap_free(seen);
	return bad ? -1 : 0;
}
