/*
 * render_int.h: what the renderers of each page family share.  Only
 * render*.c include it.  Each family has its file: render_article.c
 * (articles), render_list.c (home and date lists), render_entity.c
 * (entity pages and indexes), render_term.c (sections, tags and
 * authors), render_feed.c (feeds and the sitemap),
 * render_root.c (the language chooser, 404.html, redirects),
 * render_search.c (the search page; its index is search/'s).
 */
#ifndef RENDER_INT_H
#define RENDER_INT_H

#include <stddef.h>

#include "content/content.h"
#include "plan/plan.h"		/* enum plan_kind */

struct strbuf;
struct tmpl_dict;
struct plan_page;
struct date;
struct entity;
struct period;
struct article;
struct config;

/*
 * One worker's state.  Pages only read the model and the plan; what a
 * worker writes is its own: ICU formatters (not thread-safe) and its
 * error flag.
 */
struct rs {
	const struct render_ctx	 *x;
	const struct config	 *c;
	struct text_locale	**locs;		/* this worker's formatters */
	int			  bad;
	int			  not_found;	/* 404.html: its own switcher, no canonical URL */
};

/* Fills the extra parts of one list page. */
typedef void (*list_extra_fn)(struct rs *, struct tmpl_dict *,
    const struct plan_page *);

/* render_common.c */
/* Absolute URL of a folder; caller frees. */
char	*render_abs_url(const struct config *, const char *to);
/* Expands template name into out, without the blank lines its pragma leaves on top. */
int	 render_expand(const struct rs *, const char *name,
	    const struct tmpl_dict *, struct strbuf *out);
void	 render_set_href(struct tmpl_dict *, const char *key,
	    const struct config *, const char *from, const char *to);
void	 render_set_abs(struct tmpl_dict *, const char *key,
	    const struct config *, const char *to);
/* Sets key to val and frees val. */
void	 render_set_own(struct tmpl_dict *, const char *key, char *val);
/* The theme's count message key for n, in language li; caller frees. */
char	*render_count(const struct rs *, size_t li, const char *key, size_t n);
const char *render_dir_of(const struct config *, size_t li);
/* A language's code and direction, and its own name under key name. */
void	 render_lang_vars(struct tmpl_dict *, const struct config *, size_t li,
	    const char *name);
/* Variables every HTML page has; alt as in struct plan_page. */
void	 render_page_common(struct rs *, struct tmpl_dict *, size_t li,
	    const char *dir, const char *heading, char *const *alt);
/*
 * Expands the body template of kind, then its layout around it
 * (plan_kind_template()), into out; -1 on error.
 */
int	 render_html(struct rs *, struct tmpl_dict *, enum plan_kind,
	    struct strbuf *out);
void	 render_date_vars(struct rs *, struct tmpl_dict *, size_t li,
	    const struct date *);
/* The label of an entity type in language li; caller frees. */
char	*render_type_label(struct rs *, size_t li, const char *type);
/* The heading of a period ("November 2020"); caller frees. */
char	*render_period_label(struct rs *, size_t li, const struct period *);
/* "heading — site title", by the theme's page_title; caller frees. */
char	*render_page_title(const struct rs *, size_t li, const char *heading);
/* The heading of a taxonomy's index ("Sections"); caller frees. */
char	*render_tax_label(struct rs *, size_t li, enum taxonomy);
/* A message without arguments, or fallback when the theme lacks it; caller frees. */
char	*render_msg(struct rs *, size_t li, const char *key,
	    const char *fallback);

/* The families: each renders one planned file into out, -1 on error. */
int	 render_article(struct rs *, const struct plan_page *, struct strbuf *);
int	 render_list(struct rs *, const struct plan_page *, struct strbuf *);
int	 render_entity_index(struct rs *, const struct plan_page *,
	    struct strbuf *);
int	 render_term_index(struct rs *, const struct plan_page *,
	    struct strbuf *);
int	 render_feed(struct rs *, const struct plan_page *, struct strbuf *);
int	 render_sitemap(struct rs *, const struct plan_page *, struct strbuf *);
int	 render_sitemap_index(struct rs *, const struct plan_page *,
	    struct strbuf *);
int	 render_news(struct rs *, const struct plan_page *, struct strbuf *);
int	 render_robots(struct rs *, const struct plan_page *, struct strbuf *);
int	 render_root(struct rs *, const struct plan_page *, struct strbuf *);
int	 render_404(struct rs *, const struct plan_page *, struct strbuf *);
int	 render_alias(struct rs *, const struct plan_page *, struct strbuf *);
int	 render_search(struct rs *, const struct plan_page *, struct strbuf *);
int	 render_image(struct rs *, const struct plan_page *, struct strbuf *);
/* Appends s escaped for HTML text and attribute values. */
void	 render_escape(struct strbuf *, const char *s);

/* render_meta.c */
/* The absolute URL of an article's hero image, or NULL; caller frees. */
char	*render_hero_url(const struct config *, const struct article *);
/* Section IMAGE of d (SRC relative to from, URL, ALT, SIZE) when a has a hero. */
void	 render_hero(struct rs *, struct tmpl_dict *, const struct article *,
	    const char *from);
/* OpenGraph and Twitter defaults every HTML page has. */
void	 render_meta_page(struct rs *, struct tmpl_dict *, size_t li,
	    const char *title, char *const *alt);
/*
 * An article's description, OpenGraph article tags and JSON-LD
 * (NewsArticle and the BreadcrumbList of crumbs, the year, month and
 * day, at crumb_dirs).
 */
void	 render_meta_article(struct rs *, struct tmpl_dict *,
	    const struct article *, const char *const crumbs[3],
	    const char *const crumb_dirs[3]);

/* render_list.c's hooks for entity pages (render_entity.c). */
void	 render_entity_extra(struct rs *, struct tmpl_dict *,
	    const struct plan_page *);
/* render_term.c's part of a term's list page. */
void	 render_term_extra(struct rs *, struct tmpl_dict *,
	    const struct plan_page *);
/* A list page's own feed, announced in its head (layout.tpl) and body. */
void	 render_page_feed(struct rs *, struct tmpl_dict *,
	    const struct plan_page *, const char *heading);
/* A list of periods (years on the home page, months on a year page...). */
void	 render_period_list(struct rs *, struct tmpl_dict *, size_t li,
	    const char *from, const struct period *, size_t n);

#endif /* RENDER_INT_H */
