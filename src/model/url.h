/*
 * url.h: the URL layout of a site, in one place.  Every path arshif
 * writes below the output folder is made here: an article's folder,
 * a language's home, its date, entity and term pages, search, feeds,
 * numbered list pages, the sitemaps, 404.html.  url.c also reads a
 * path the other way, so that an alias is refused where a page of the
 * layout will be written.
 *
 * The second public header of model/ (beside archive.h): plan, render
 * and search link pages without building an archive, and this one
 * declares no function that does.
 *
 * Paths have no leading '/'; a folder ends with '/' ("ar/2020/"), the
 * site's root folder is "".  Functions returning char * say "caller
 * frees".
 */
#ifndef URL_H
#define URL_H

#include <stddef.h>

#include "content/content.h"	/* enum taxonomy */

struct config;
struct archive;
struct article;
struct article_image;
struct date;
struct entity;
struct period;
struct term;

/* The files of the site's root folder. */
#define URL_ROOT_DIR		""
#define URL_NOT_FOUND		"404.html"
#define URL_SITEMAP_INDEX	"sitemap.xml"
#define URL_NEWS_SITEMAP	"sitemap-news.xml"
#define URL_ROBOTS		"robots.txt"

/* A language's home ("ar/"); caller frees. */
char	*url_home(const struct config *, size_t li);
/* An article's folder ("ar/2020/11/03/slug/") on date d; caller frees. */
char	*url_article(const struct config *, size_t li, const struct date *d,
	    const char *slug);
/* A local image beside an article's page ("ar/2020/11/03/slug/x.jpg"); caller frees. */
char	*url_image(const struct article *, const struct article_image *);
/*
 * The folder of a year (m 0), month (d 0) or day of a language's
 * archive ("ar/2020/", "ar/2020/11/", "ar/2020/11/03/"); caller frees.
 */
char	*url_date(const struct config *, size_t li, int y, int m, int d);
/* The folder of a period page; caller frees. */
char	*url_period(const struct config *, size_t li, const struct period *);
/* The folder of an entity's page ("ar/entities/slug/"); caller frees. */
char	*url_entity(const struct config *, size_t li, const struct entity *);
/*
 * The entity index of a language ("ar/entities/") or, type not NULL,
 * of one type ("ar/people/"); caller frees.
 */
char	*url_entity_index(const struct config *, size_t li, const char *type);
/* The folder of a term's page ("ar/tags/slug/"); caller frees. */
char	*url_term(const struct config *, size_t li, enum taxonomy,
	    const struct term *);
/* The index of a taxonomy ("ar/tags/"); caller frees. */
char	*url_term_index(const struct config *, size_t li, enum taxonomy);
/* A language's search page; its index lies below it ("ar/search/"); caller frees. */
char	*url_search(const struct config *, size_t li);
/* The feed of the list in folder dir ("ar/" gives "ar/feed.xml"); caller frees. */
char	*url_feed(const char *dir);
/* Numbered page k of the list in folder dir ("ar/page/3/"); caller frees. */
char	*url_list_page(const char *dir, size_t k);
/*
 * A sitemap chunk of a language's articles (articles 1) or other
 * pages (0), numbered from 1 ("sitemap-ar-articles-1.xml"); caller
 * frees.
 */
char	*url_sitemap_chunk(const struct config *, size_t li, int articles,
	    size_t k);
/* The file a path is written to: a folder's index.html, else the path; caller frees. */
char	*url_file(const char *path);
/*
 * What arshif writes where the index of entity type would be (the
 * index of every entity, the search page, a taxonomy's index: "the
 * language's search page"), or NULL when that folder is free.
 */
const char *url_type_taken(const char *type);

#endif /* URL_H */
