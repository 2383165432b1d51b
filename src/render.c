/*
 * render.c: see render.h.  One function per kind of page; each fills a
 * dictionary and hands it to emit_page().
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"
#include "text.h"
#include "config.h"
#include "content.h"
#include "registry.h"
#include "archive.h"
#include "tmpl.h"
#include "i18n.h"
#include "output.h"
#include "render.h"

const char *const render_templates[] = { "layout.tpl", "article.tpl",
	"list.tpl", "entities.tpl", "root.tpl", "404.tpl", "feed.tpl",
	"sitemap.tpl", "search.tpl", NULL };

/* The sitemap entries of one job: folders, and their language versions. */
struct smap {
	char	**dir;		/* owned */
	char	***alt;		/* per entry: nlangs folders or NULL; owned */
	size_t	  n;
};

/*
 * One worker's state.  Pages only read the model; what a worker writes
 * is its own: ICU formatters (not thread-safe), the sitemap entries of
 * the job at hand, and its error flag.
 */
struct rs {
	const struct render_ctx	 *x;
	const struct config	 *c;
	struct hmap		**periods;	/* per language: "2020/11/" -> period; shared, read-only */
	struct text_locale	**locs;		/* this worker's formatters */
	struct smap		 *sm;		/* the current job's sitemap entries */
	int			  bad;
	int			  not_found;	/* 404.html: its own switcher, no canonical URL */
};

static void
pct_encode(struct strbuf *sb, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p))
			sb_addc(sb, (char)*p);
		else {
			sb_addc(sb, '%');
			sb_addc(sb, hex[*p >> 4]);
			sb_addc(sb, hex[*p & 15]);
		}
	}
}

char *
render_href(const struct config *c, const char *from, const char *to)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p;

	for (p = from; *p; p++)
		if (*p == '/')
			sb_adds(&sb, "../");
	pct_encode(&sb, to);
	if (c->index_links && (to[0] == '\0' || has_suffix(to, "/")))
		sb_adds(&sb, "index.html");
	if (sb.len == 0)
		sb_adds(&sb, "./");
	return sb_detach(&sb);
}

/* Absolute URL of a folder; caller frees. */
static char *
abs_url(const struct config *c, const char *to)
{
	struct strbuf sb = STRBUF_INIT;

	sb_adds(&sb, c->base_url);
	pct_encode(&sb, to);
	return sb_detach(&sb);
}

/*
 * Expands a template into out without the blank lines its pragma line
 * leaves at the top: an XML declaration must be the very first bytes.
 */
static int
expand(const struct rs *r, const char *name, const struct tmpl_dict *d,
    struct strbuf *out)
{
	struct strbuf sb = STRBUF_INIT;
	size_t skip = 0;

	if (tmpl_expand(r->x->tc, name, d, &sb) == -1) {
		sb_free(&sb);
		return -1;
	}
	while (skip < sb.len && (sb.s[skip] == '\n' || sb.s[skip] == '\r'))
		skip++;
	sb_add(out, sb.s ? sb.s + skip : "", sb.len - skip);
	sb_free(&sb);
	return 0;
}

static void
set_href(struct tmpl_dict *d, const char *key, const struct config *c,
    const char *from, const char *to)
{
	char *h = render_href(c, from, to);

	tmpl_set(d, key, h);
	free(h);
}

static void
set_abs(struct tmpl_dict *d, const char *key, const struct config *c,
    const char *to)
{
	char *u = abs_url(c, to);

	tmpl_set(d, key, u);
	free(u);
}

static void
set_own(struct tmpl_dict *d, const char *key, char *val)
{
	tmpl_set(d, key, val);
	free(val);
}

static char *
count_text(const struct rs *r, size_t li, const char *key, size_t n)
{
	double a = (double)n;

	return i18n_format(r->x->i18n, r->locs[li], li, key, &a, 1);
}

/*
 * The <title>: the theme's page_title with {0} the heading and {1} the
 * site title.  ICU's C API formats numbers well but text arguments
 * poorly, and these two need no formatting: substitute them.
 */
static char *
page_title(const struct rs *r, size_t li, const char *heading)
{
	const char *p = NULL;
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < i18n_count(r->x->i18n); i++)
		if (strcmp(i18n_key(r->x->i18n, i), "page_title") == 0)
			p = i18n_pattern(r->x->i18n, li, i);
	if (p == NULL)
		p = "{0} — {1}";
	while (*p) {
		if (strncmp(p, "{0}", 3) == 0) {
			sb_adds(&sb, heading);
			p += 3;
		} else if (strncmp(p, "{1}", 3) == 0) {
			sb_adds(&sb, r->c->langs[li].title);
			p += 3;
		} else
			sb_addc(&sb, *p++);
	}
	return sb_detach(&sb);
}

static const char *
dir_of(const struct config *c, size_t li)
{
	return c->langs[li].rtl ? "rtl" : "ltr";
}

/* A language's code and direction, and its own name under key name. */
static void
lang_vars(struct tmpl_dict *d, const struct config *c, size_t i,
    const char *name)
{
	tmpl_set(d, "LANG", c->langs[i].code);
	tmpl_set(d, "DIR", dir_of(c, i));
	tmpl_set(d, name, c->langs[i].name);
}

/*
 * Variables every HTML page has.  alt[] holds, per language, the folder
 * of this page's counterpart (NULL where none); alt may be NULL.
 */
static void
page_common(struct rs *r, struct tmpl_dict *d, size_t li, const char *dir,
    const char *heading, char *const *alt)
{
	const struct config *c = r->c;
	const struct language *l = &c->langs[li];
	const struct i18n *t = r->x->i18n;
	size_t i, nalt = 0;
	char *home = xasprintf("%s/", l->code), *s;

	tmpl_set(d, "LANG", l->code);
	tmpl_set(d, "DIR", dir_of(c, li));
	tmpl_set(d, "SITE_TITLE", l->title);
	if (heading != NULL)
		set_own(d, "PAGE_TITLE", page_title(r, li, heading));
	else
		tmpl_set(d, "PAGE_TITLE", l->title);
	/* 404.html stands for no address: it must not claim one. */
	if (!r->not_found)
		set_abs(tmpl_section(d, "CANONICAL"), "URL", c, dir);
	set_href(d, "HOME_HREF", c, dir, home);
	s = xasprintf("%sentities/", home);
	set_href(d, "ENTITIES_HREF", c, dir, s);
	free(s);
	s = xasprintf("%ssearch/", home);
	set_href(d, "SEARCH_HREF", c, dir, s);
	free(s);
	s = xasprintf("%sfeed.xml", home);
	set_href(d, "FEED_HREF", c, dir, s);
	set_abs(d, "FEED_URL", c, s);
	free(s);
	{
		/* The site root, where static/ lands: "" at the root itself. */
		struct strbuf sb = STRBUF_INIT;
		const char *p;

		for (p = dir; *p; p++)
			if (*p == '/')
				sb_adds(&sb, "../");
		tmpl_set(d, "STATIC_HREF", sb_str(&sb));
		sb_free(&sb);
	}
	for (i = 0; i < i18n_count(t); i++) {
		char *k;

		if (i18n_takes_args(t, i))
			continue;
		k = xasprintf("T_%s", i18n_key(t, i));
		for (s = k; *s; s++)
			if (*s >= 'a' && *s <= 'z')
				*s = (char)(*s - 'a' + 'A');
		tmpl_set(d, k, i18n_plain(t, li, i));
		free(k);
	}
	for (i = 0; alt && i < c->nlangs; i++)
		nalt += alt[i] != NULL;
	/* hreflang only where another language has this page too. */
	if (nalt > 1) {
		size_t x = alt[c->deflang] ? c->deflang : c->nlangs;

		for (i = 0; i < c->nlangs; i++) {
			struct tmpl_dict *a;

			if (alt[i] == NULL)
				continue;
			if (x == c->nlangs)
				x = i;
			a = tmpl_section(d, "ALTERNATE");
			tmpl_set(a, "HREFLANG", c->langs[i].code);
			set_abs(a, "URL", c, alt[i]);
		}
		{
			struct tmpl_dict *a = tmpl_section(d, "ALTERNATE");

			tmpl_set(a, "HREFLANG", "x-default");
			set_abs(a, "URL", c, alt[x]);
		}
	}
	if (c->nlangs > 1 && !r->not_found) {
		struct tmpl_dict *ls = tmpl_section(d, "LANGUAGES");

		for (i = 0; i < c->nlangs; i++) {
			struct tmpl_dict *a = tmpl_section(ls, "LANGUAGE");
			char *h = xasprintf("%s/", c->langs[i].code);

			lang_vars(a, c, i, "NAME");
			set_href(a, "HREF", c, dir, alt && alt[i] ? alt[i] : h);
			if (i == li)
				tmpl_show(a, "CURRENT");
			free(h);
		}
	}
	free(home);
}

/* Adds a page to the current job's sitemap entries. */
static void
sitemap_add(struct rs *r, const char *dir, char *const *alt)
{
	struct smap *m = r->sm;
	size_t i, nalt = 0;

	m->dir = xreallocarray(m->dir, m->n + 1, sizeof(*m->dir));
	m->alt = xreallocarray(m->alt, m->n + 1, sizeof(*m->alt));
	m->dir[m->n] = xstrdup(dir);
	m->alt[m->n] = NULL;
	for (i = 0; alt && i < r->c->nlangs; i++)
		nalt += alt[i] != NULL;
	if (nalt > 1) {
		m->alt[m->n] = xcalloc(r->c->nlangs, sizeof(char *));
		for (i = 0; i < r->c->nlangs; i++)
			if (alt[i] != NULL)
				m->alt[m->n][i] = xstrdup(alt[i]);
	}
	m->n++;
}

/* Writes a job's entries into the sitemap dictionary and frees them. */
static void
sitemap_flush(const struct config *c, struct smap *m, struct tmpl_dict *sitemap)
{
	size_t i, k;

	for (i = 0; i < m->n; i++) {
		struct tmpl_dict *u = tmpl_section(sitemap, "URL");

		set_abs(u, "LOC", c, m->dir[i]);
		for (k = 0; m->alt[i] && k < c->nlangs; k++) {
			struct tmpl_dict *a;

			if (m->alt[i][k] == NULL)
				continue;
			a = tmpl_section(u, "ALT");
			tmpl_set(a, "HREFLANG", c->langs[k].code);
			set_abs(a, "HREF", c, m->alt[i][k]);
			free(m->alt[i][k]);
		}
		free(m->alt[i]);
		free(m->dir[i]);
	}
	free(m->dir);
	free(m->alt);
	memset(m, 0, sizeof(*m));
}

/* Expands body then layout, and writes dir/index.html (or file). */
static int
emit(struct rs *r, struct tmpl_dict *d, const char *body, const char *file)
{
	struct strbuf frag = STRBUF_INIT, page = STRBUF_INIT;
	int rc = -1;

	if (expand(r, body, d, &frag) == -1)
		goto out;
	tmpl_setn(d, "CONTENT", frag.s ? frag.s : "", frag.len);
	if (expand(r, "layout.tpl", d, &page) == -1)
		goto out;
	if (r->x->inject != NULL) {
		/* Only serve asks for this; what build writes stays clean. */
		char *end = page.s ? strstr(page.s, "</body>") : NULL;

		if (end != NULL) {
			struct strbuf w = STRBUF_INIT;

			sb_add(&w, page.s, (size_t)(end - page.s));
			sb_adds(&w, r->x->inject);
			sb_adds(&w, end);
			sb_free(&page);
			page = w;
		}
	}
	rc = output_write(r->x->out, file, sb_str(&page), page.len);
out:
	sb_free(&frag);
	sb_free(&page);
	if (rc == -1)
		r->bad = 1;
	return rc;
}

static int
emit_page(struct rs *r, struct tmpl_dict *d, const char *body, const char *dir)
{
	char *file = xasprintf("%sindex.html", dir);
	int rc = emit(r, d, body, file);

	free(file);
	return rc;
}

static void
date_vars(struct rs *r, struct tmpl_dict *d, size_t li, const struct date *dt)
{
	char iso[32];

	date_iso(dt, iso);
	tmpl_set(d, "DATE_ISO", iso);
	set_own(d, "DATE_TEXT", text_date(r->locs[li], TEXT_DATE_FULL,
	    dt->y, dt->m, dt->d));
}

static char *
type_label(struct rs *r, size_t li, const char *type)
{
	char *k = xasprintf("type_%s", type), *s;

	s = i18n_has(r->x->i18n, k) ? i18n_format(r->x->i18n, r->locs[li], li, k, NULL, 0) :
	    xstrdup(type);
	free(k);
	return s;
}

static char *
entity_dir(const struct config *c, size_t li, const struct entity *e)
{
	return xasprintf("%s/entities/%s/", c->langs[li].code, e->slug);
}

static void
article_page(struct rs *r, size_t li, struct article *a)
{
	const struct config *c = r->c;
	struct tmpl_dict *d = tmpl_dict_new(), *s, *sec;
	char **alt = xcalloc(c->nlangs, sizeof(*alt));
	char buf[64];
	size_t i, k;

	for (i = 0; i < c->nlangs; i++)
		if (a->trans && a->trans[i])
			alt[i] = a->trans[i]->url;
	if (a->trans == NULL)
		alt[li] = a->url;
	page_common(r, d, li, a->url, a->title, alt);
	sitemap_add(r, a->url, alt);
	tmpl_set(d, "TITLE", a->title);
	tmpl_set(d, "SUMMARY", a->summary);
	date_vars(r, d, li, &a->date);
	for (k = 0; k < text_ncalendars(r->locs[li]); k++) {
		s = tmpl_section(d, "OTHER_CALENDAR");
		set_own(s, "DATE_TEXT", text_date_other(r->locs[li], k,
		    a->date.y, a->date.m, a->date.d));
	}
	if (a->has_updated) {
		s = tmpl_section(d, "UPDATED");
		date_vars(r, s, li, &a->updated);
	}
	if (a->author) {
		s = tmpl_section(d, "AUTHOR");
		tmpl_set(s, "NAME", a->author);
	}
	tmpl_set(d, "BODY", a->html);
	snprintf(buf, sizeof(buf), "%s/%04d/", c->langs[li].code, a->date.y);
	set_href(d, "YEAR_HREF", c, a->url, buf);
	set_own(d, "YEAR_TEXT", text_date(r->locs[li], TEXT_DATE_YEAR,
	    a->date.y, a->date.m, a->date.d));
	snprintf(buf, sizeof(buf), "%s/%04d/%02d/", c->langs[li].code,
	    a->date.y, a->date.m);
	set_href(d, "MONTH_HREF", c, a->url, buf);
	set_own(d, "MONTH_TEXT", text_date(r->locs[li], TEXT_DATE_MONTH,
	    a->date.y, a->date.m, a->date.d));
	snprintf(buf, sizeof(buf), "%s/%04d/%02d/%02d/", c->langs[li].code,
	    a->date.y, a->date.m, a->date.d);
	set_href(d, "DAY_HREF", c, a->url, buf);
	set_own(d, "DAY_TEXT", text_date(r->locs[li], TEXT_DATE_FULL,
	    a->date.y, a->date.m, a->date.d));
	sec = NULL;
	for (k = 0; k < a->nentity; k++) {
		const struct entity *e = a->entity[k];
		char *ed;

		if (sec == NULL)
			sec = tmpl_section(d, "ENTITIES");
		s = tmpl_section(sec, "ENTITY");
		tmpl_set(s, "NAME", e->name);
		tmpl_set(s, "TYPE", e->type);
		set_own(s, "TYPE_LABEL", type_label(r, li, e->type));
		ed = entity_dir(c, li, e);
		set_href(s, "HREF", c, a->url, ed);
		free(ed);
	}
	if (a->ntags > 0) {
		sec = tmpl_section(d, "TAGS");
		for (k = 0; k < a->ntags; k++) {
			s = tmpl_section(sec, "TAG");
			tmpl_set(s, "NAME", a->tags[k]);
		}
	}
	sec = NULL;
	for (i = 0; a->trans && i < c->nlangs; i++) {
		struct article *o = a->trans[i];

		if (o == NULL || o == a)
			continue;
		if (sec == NULL)
			sec = tmpl_section(d, "TRANSLATIONS");
		s = tmpl_section(sec, "TRANSLATION");
		lang_vars(s, c, i, "LANGUAGE_NAME");
		tmpl_set(s, "TITLE", o->title);
		set_href(s, "HREF", c, a->url, o->url);
	}
	if (a->related && a->related[0]) {
		sec = tmpl_section(d, "RELATED");
		for (k = 0; a->related[k]; k++) {
			s = tmpl_section(sec, "ARTICLE");
			tmpl_set(s, "TITLE", a->related[k]->title);
			set_href(s, "HREF", c, a->url, a->related[k]->url);
			date_vars(r, s, li, &a->related[k]->date);
		}
	}
	if (a->older) {
		s = tmpl_section(d, "PREV");
		tmpl_set(s, "TITLE", a->older->title);
		tmpl_set(s, "DIR", dir_of(c, li));
		set_href(s, "HREF", c, a->url, a->older->url);
	}
	if (a->newer) {
		s = tmpl_section(d, "NEXT");
		tmpl_set(s, "TITLE", a->newer->title);
		tmpl_set(s, "DIR", dir_of(c, li));
		set_href(s, "HREF", c, a->url, a->newer->url);
	}
	for (k = 0; a->extra && a->extra[k]; k += 2) {
		char *key = xasprintf("P_%s", a->extra[k]), *p;

		for (p = key; *p; p++)
			*p = (*p >= 'a' && *p <= 'z') ? (char)(*p - 32) :
			    ((*p >= 'A' && *p <= 'Z') || (*p >= '0' &&
			    *p <= '9')) ? *p : '_';
		tmpl_set(d, key, a->extra[k + 1]);
		free(key);
	}
	emit_page(r, d, "article.tpl", a->url);
	tmpl_dict_free(d);
	free(alt);
}

/* Fills the extra parts of one list page; called for every page of a list. */
typedef void (*list_extra_fn)(struct rs *, struct tmpl_dict *, size_t li,
    const char *dir, size_t page, const void *arg);

/*
 * A paginated list of articles at dir: dir, dir/page/2/, ...  Only
 * the first page takes part in hreflang (later pages of two languages
 * do not hold the same articles).
 */
static void
list_pages(struct rs *r, size_t li, const char *dir, const char *heading,
    struct article *const *arts, size_t n, char *const *alt,
    list_extra_fn extra, const void *arg)
{
	const struct config *c = r->c;
	size_t per = (size_t)c->paginate, pages = n ? (n + per - 1) / per : 1;
	size_t p, i;

	for (p = 1; p <= pages; p++) {
		struct tmpl_dict *d = tmpl_dict_new(), *s;
		char *pdir = p == 1 ? xstrdup(dir) :
		    xasprintf("%spage/%zu/", dir, p);
		char *h;

		if (p == 1) {
			page_common(r, d, li, pdir, heading, alt);
			sitemap_add(r, pdir, alt);
		} else {
			double a[2] = { (double)p, (double)pages };
			char *t = i18n_format(r->x->i18n, r->locs[li], li, "page_of", a, 2);
			char *hp = heading ? xasprintf("%s (%s)", heading, t) :
			    xstrdup(t);

			page_common(r, d, li, pdir, hp, NULL);
			sitemap_add(r, pdir, NULL);
			free(t);
			free(hp);
		}
		tmpl_set(d, "HEADING", heading ? heading : c->langs[li].title);
		set_own(d, "COUNT_TEXT", count_text(r, li, "articles_count",
		    n));
		for (i = (p - 1) * per; i < n && i < p * per; i++) {
			const struct article *a = arts[i];

			s = tmpl_section(d, "ITEM");
			tmpl_set(s, "TITLE", a->title);
			set_href(s, "HREF", c, pdir, a->url);
			tmpl_set(s, "DIR", dir_of(c, a->lang));
			tmpl_set(s, "LANG", c->langs[a->lang].code);
			tmpl_set(s, "SUMMARY", a->summary);
			date_vars(r, s, a->lang, &a->date);
		}
		if (pages > 1) {
			double a[2] = { (double)p, (double)pages };

			s = tmpl_section(d, "PAGINATION");
			set_own(s, "PAGE_TEXT", i18n_format(r->x->i18n, r->locs[li], li,
			    "page_of", a, 2));
			if (p > 1) {
				struct tmpl_dict *q = tmpl_section(s, "NEWER");

				h = p == 2 ? xstrdup(dir) :
				    xasprintf("%spage/%zu/", dir, p - 1);
				set_href(q, "HREF", c, pdir, h);
				free(h);
			}
			if (p < pages) {
				struct tmpl_dict *q = tmpl_section(s, "OLDER");

				h = xasprintf("%spage/%zu/", dir, p + 1);
				set_href(q, "HREF", c, pdir, h);
				free(h);
			}
		}
		if (extra)
			extra(r, d, li, pdir, p, arg);
		emit_page(r, d, "list.tpl", pdir);
		tmpl_dict_free(d);
		free(pdir);
	}
}

static char *
period_dir(const struct config *c, size_t li, const struct period *p)
{
	if (p->m == 0)
		return xasprintf("%s/%04d/", c->langs[li].code, p->y);
	if (p->d == 0)
		return xasprintf("%s/%04d/%02d/", c->langs[li].code, p->y, p->m);
	return xasprintf("%s/%04d/%02d/%02d/", c->langs[li].code, p->y, p->m,
	    p->d);
}

static char *
period_label(struct rs *r, size_t li, const struct period *p)
{
	enum text_date_style st = p->m == 0 ? TEXT_DATE_YEAR :
	    p->d == 0 ? TEXT_DATE_MONTH : TEXT_DATE_FULL;

	return text_date(r->locs[li], st, p->y, p->m ? p->m : 1,
	    p->d ? p->d : 1);
}

/* A list of periods (years on the home page, months on a year page...). */
static void
period_list(struct rs *r, struct tmpl_dict *d, size_t li, const char *from,
    const struct period *v, size_t n)
{
	struct tmpl_dict *sec, *s;
	size_t i;

	if (n == 0)
		return;
	sec = tmpl_section(d, "PERIODS");
	for (i = 0; i < n; i++) {
		char *pd = period_dir(r->c, li, &v[i]);

		s = tmpl_section(sec, "PERIOD");
		set_own(s, "LABEL", period_label(r, li, &v[i]));
		set_href(s, "HREF", r->c, from, pd);
		set_own(s, "COUNT_TEXT", count_text(r, li, "articles_count",
		    v[i].end - v[i].start));
		free(pd);
	}
}

static void
home_extra(struct rs *r, struct tmpl_dict *d, size_t li, const char *dir,
    size_t page, const void *arg)
{
	const struct lang_archive *la = arg;

	if (page == 1)
		period_list(r, d, li, dir, la->years, la->nyears);
}

/* What a date page needs besides its articles. */
struct period_arg {
	const struct period	*v;	/* the periods of this kind */
	size_t			 n, i;	/* count, and which one this is */
	const struct period	*sub;	/* the periods one level down */
	size_t			 nsub;
	const char		*up;	/* folder of the period above */
	const char		*up_label;
};

static void
period_extra(struct rs *r, struct tmpl_dict *d, size_t li, const char *dir,
    size_t page, const void *arg)
{
	const struct period_arg *pa = arg;
	struct tmpl_dict *nav = tmpl_section(d, "PERIOD_NAV"), *s;
	char *pd;

	s = tmpl_section(nav, "UP");
	set_href(s, "HREF", r->c, dir, pa->up);
	tmpl_set(s, "LABEL", pa->up_label);
	/* v is newest first: i + 1 is the older neighbour. */
	if (pa->i + 1 < pa->n) {
		s = tmpl_section(nav, "PREV_PERIOD");
		pd = period_dir(r->c, li, &pa->v[pa->i + 1]);
		set_href(s, "HREF", r->c, dir, pd);
		set_own(s, "LABEL", period_label(r, li, &pa->v[pa->i + 1]));
		free(pd);
	}
	if (pa->i > 0) {
		s = tmpl_section(nav, "NEXT_PERIOD");
		pd = period_dir(r->c, li, &pa->v[pa->i - 1]);
		set_href(s, "HREF", r->c, dir, pd);
		set_own(s, "LABEL", period_label(r, li, &pa->v[pa->i - 1]));
		free(pd);
	}
	if (page == 1 && pa->sub != NULL)
		period_list(r, d, li, dir, pa->sub, pa->nsub);
}

/* Counterparts of a period page: the same period in each language that has it. */
static char **
period_alts(struct rs *r, const struct period *p)
{
	char **alt = xcalloc(r->c->nlangs, sizeof(*alt));
	size_t i;

	for (i = 0; i < r->c->nlangs; i++) {
		char *pd = period_dir(r->c, i, p);
		const char *key = strchr(pd, '/') + 1;

		if (hmap_get(r->periods[i], key) != NULL)
			alt[i] = pd;
		else
			free(pd);
	}
	return alt;
}

static void
strv_free_n(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* The periods of kind v contained in p (sub-range of the sub-periods). */
static void
sub_periods(const struct period *p, const struct period *v, size_t n,
    const struct period **sub, size_t *nsub)
{
	size_t i, first = n;

	*sub = NULL;
	*nsub = 0;
	for (i = 0; i < n; i++)
		if (v[i].start >= p->start && v[i].end <= p->end) {
			if (first == n)
				first = i;
			(*nsub)++;
		} else if (first != n)
			break;
	if (first != n)
		*sub = &v[first];
}

/* The date page of the i-th period of kind k (0 years, 1 months, 2 days). */
static void
date_page(struct rs *r, size_t li, size_t k, size_t i)
{
	const struct lang_archive *la = &r->x->ar->langs[li];
	const struct period *kinds[3] = { la->years, la->months, la->days };
	const size_t counts[3] = { la->nyears, la->nmonths, la->ndays };

	{
		{
			const struct period *p = &kinds[k][i];
			struct period_arg pa;
			char *dir = period_dir(r->c, li, p), *label, *up;
			char **alt = period_alts(r, p);
			struct period parent = *p;

			memset(&pa, 0, sizeof(pa));
			pa.v = kinds[k];
			pa.n = counts[k];
			pa.i = i;
			if (k < 2)
				sub_periods(p, kinds[k + 1], counts[k + 1],
				    &pa.sub, &pa.nsub);
			if (k == 0) {
				up = xasprintf("%s/", r->c->langs[li].code);
				pa.up_label = r->c->langs[li].title;
				label = NULL;
			} else {
				if (k == 1)
					parent.m = 0;
				parent.d = 0;
				up = period_dir(r->c, li, &parent);
				label = period_label(r, li, &parent);
				pa.up_label = label;
			}
			pa.up = up;
			{
				char *heading = period_label(r, li, p);

				list_pages(r, li, dir, heading,
				    la->arts + p->start, p->end - p->start,
				    alt, period_extra, &pa);
				free(heading);
			}
			free(label);
			free(up);
			free(dir);
			strv_free_n(alt, r->c->nlangs);
		}
	}
}

/* Counterparts of an entity page: the same registry entity in each language. */
static char **
entity_alts(const struct config *c, const struct entity *e)
{
	char **alt = xcalloc(c->nlangs, sizeof(*alt));
	size_t i;

	for (i = 0; e->same && i < c->nlangs; i++)
		if (e->same[i] != NULL)
			alt[i] = entity_dir(c, i, e->same[i]);
	return alt;
}

static void
entity_extra(struct rs *r, struct tmpl_dict *d, size_t li, const char *dir,
    size_t page, const void *arg)
{
	const struct entity *e = arg;
	const struct config *c = r->c;
	struct tmpl_dict *sec, *s;
	size_t i, lj, max = 0;

	s = tmpl_section(d, "ENTITY_INFO");
	set_own(s, "TYPE_LABEL", type_label(r, li, e->type));
	if (e->reg && e->reg->wikidata) {
		char *u = xasprintf("https://www.wikidata.org/wiki/%s",
		    e->reg->wikidata);

		sec = tmpl_section(s, "WIKIDATA");
		tmpl_set(sec, "URL", u);
		tmpl_set(sec, "ID", e->reg->wikidata);
		free(u);
	}
	if (page != 1)
		return;
	if (e->reg && e->reg->desc_html[li]) {
		s = tmpl_section(d, "DESCRIPTION");
		tmpl_set(s, "HTML", e->reg->desc_html[li]);
	}
	sec = NULL;
	for (lj = 0; e->same && lj < c->nlangs; lj++) {
		const struct entity *o = e->same[lj];
		char *od;

		if (lj == li || o == NULL)
			continue;
		if (sec == NULL)
			sec = tmpl_section(d, "OTHER_LANGUAGE_COUNTS");
		s = tmpl_section(sec, "COUNT");
		lang_vars(s, c, lj, "LANGUAGE_NAME");
		tmpl_set(s, "NAME", o->name);
		set_own(s, "COUNT_TEXT", count_text(r, li, "articles_count",
		    o->n));
		od = entity_dir(c, lj, o);
		set_href(s, "HREF", c, dir, od);
		free(od);
	}
	if (e->n > 0) {
		const struct article *first = e->arts[e->n - 1];
		const struct article *last = e->arts[0];

		s = tmpl_section(d, "MENTIONS");
		sec = tmpl_section(s, "FIRST");
		date_vars(r, sec, li, &first->date);
		tmpl_set(sec, "TITLE", first->title);
		set_href(sec, "HREF", c, dir, first->url);
		sec = tmpl_section(s, "LAST");
		date_vars(r, sec, li, &last->date);
		tmpl_set(sec, "TITLE", last->title);
		set_href(sec, "HREF", c, dir, last->url);
		/* The timeline: articles per year, oldest year first. */
		for (i = 0; i < e->n;) {
			size_t k = i;

			while (k < e->n && e->arts[k]->date.y ==
			    e->arts[i]->date.y)
				k++;
			if (k - i > max)
				max = k - i;
			i = k;
		}
		sec = tmpl_section(d, "TIMELINE");
		for (i = e->n; i > 0;) {
			size_t k = i;
			int y = e->arts[i - 1]->date.y;
			char buf[32];

			while (k > 0 && e->arts[k - 1]->date.y == y)
				k--;
			s = tmpl_section(sec, "YEAR");
			set_own(s, "LABEL", text_date(r->locs[li],
			    TEXT_DATE_YEAR, y, 1, 1));
			snprintf(buf, sizeof(buf), "%zu", i - k);
			tmpl_set(s, "COUNT", buf);
			snprintf(buf, sizeof(buf), "%zu", max);
			tmpl_set(s, "MAX", buf);
			set_own(s, "COUNT_TEXT", count_text(r, li,
			    "articles_count", i - k));
			snprintf(buf, sizeof(buf), "%s/%04d/", c->langs[li].code,
			    y);
			set_href(s, "HREF", c, dir, buf);
			i = k;
		}
	}
	if (e->nwith > 0) {
		sec = tmpl_section(d, "COMPANIONS");
		for (i = 0; i < e->nwith; i++) {
			char *od = entity_dir(c, li, e->with[i].e);

			s = tmpl_section(sec, "COMPANION");
			tmpl_set(s, "NAME", e->with[i].e->name);
			set_href(s, "HREF", c, dir, od);
			set_own(s, "COUNT_TEXT", count_text(r, li,
			    "articles_count", e->with[i].n));
			free(od);
		}
	}
}

/*
 * An entity index: every entity (type NULL) or those of one type,
 * grouped under their initial letters in the collation order.
 */
static void
entity_index(struct rs *r, size_t li, const char *type, struct hmap *types,
    const size_t *tcount)
{
	const struct lang_archive *la = &r->x->ar->langs[li];
	const struct config *c = r->c;
	struct tmpl_dict *d = tmpl_dict_new(), *g = NULL, *s, *ts;
	char **alt = xcalloc(c->nlangs, sizeof(*alt));
	char *dir, *heading, *letter = NULL;
	size_t i, lj, count = 0;

	dir = type ? xasprintf("%s/%s/", c->langs[li].code, type) :
	    xasprintf("%s/entities/", c->langs[li].code);
	for (lj = 0; lj < c->nlangs; lj++) {
		const struct lang_archive *lo = &r->x->ar->langs[lj];
		size_t k;

		for (k = 0; type && k < lo->nents; k++)
			if (strcmp(lo->ents[k]->type, type) == 0)
				break;
		if (type == NULL || k < lo->nents)
			alt[lj] = type ? xasprintf("%s/%s/", c->langs[lj].code,
			    type) : xasprintf("%s/entities/",
			    c->langs[lj].code);
	}
	heading = type ? type_label(r, li, type) :
	    i18n_has(r->x->i18n, "entities") ?
	    i18n_format(r->x->i18n, r->locs[li], li, "entities", NULL, 0) : xstrdup("Entities");
	page_common(r, d, li, dir, heading, alt);
	sitemap_add(r, dir, alt);
	tmpl_set(d, "HEADING", heading);
	ts = tmpl_section(d, "TYPES");
	{
		char *all = xasprintf("%s/entities/", c->langs[li].code);

		s = tmpl_section(ts, "TYPE");
		set_own(s, "LABEL", i18n_has(r->x->i18n, "all_entities") ?
		    i18n_format(r->x->i18n, r->locs[li], li, "all_entities", NULL, 0) :
		    xstrdup("All"));
		set_href(s, "HREF", c, dir, all);
		set_own(s, "COUNT_TEXT", count_text(r, li, "entities_count",
		    la->nents));
		if (type == NULL)
			tmpl_show(s, "CURRENT");
		free(all);
	}
	for (i = 0; i < hmap_count(types); i++) {
		const char *t = hmap_key_at(types, i);
		char *td = xasprintf("%s/%s/", c->langs[li].code, t);

		s = tmpl_section(ts, "TYPE");
		set_own(s, "LABEL", type_label(r, li, t));
		set_href(s, "HREF", c, dir, td);
		set_own(s, "COUNT_TEXT", count_text(r, li, "entities_count",
		    tcount[i]));
		if (type && strcmp(type, t) == 0)
			tmpl_show(s, "CURRENT");
		free(td);
	}
	for (i = 0; i < la->nents; i++) {
		const struct entity *e = la->ents[i];
		char *l, *ed;

		if (type && strcmp(e->type, type) != 0)
			continue;
		count++;
		l = text_index_letter(e->name);
		if (letter == NULL || strcmp(letter, l) != 0) {
			g = tmpl_section(d, "GROUP");
			tmpl_set(g, "LETTER", l);
			free(letter);
			letter = l;
		} else
			free(l);
		s = tmpl_section(g, "ENTITY");
		tmpl_set(s, "NAME", e->name);
		ed = entity_dir(c, li, e);
		set_href(s, "HREF", c, dir, ed);
		free(ed);
		set_own(s, "COUNT_TEXT", count_text(r, li, "articles_count",
		    e->n));
		set_own(s, "TYPE_LABEL", type_label(r, li, e->type));
	}
	set_own(d, "COUNT_TEXT", count_text(r, li, "entities_count", count));
	emit_page(r, d, "entities.tpl", dir);
	tmpl_dict_free(d);
	free(letter);
	free(heading);
	free(dir);
	strv_free_n(alt, c->nlangs);
}

static void
entity_page(struct rs *r, size_t li, size_t i)
{
	const struct entity *e = r->x->ar->langs[li].ents[i];
	char *ed = entity_dir(r->c, li, e);
	char **alt = entity_alts(r->c, e);

	list_pages(r, li, ed, e->name, e->arts, e->n, alt, entity_extra, e);
	free(ed);
	strv_free_n(alt, r->c->nlangs);
}

/* The index of every entity of a language, and one per type. */
static void
entity_indexes(struct rs *r, size_t li)
{
	const struct lang_archive *la = &r->x->ar->langs[li];
	struct hmap *types = hmap_new();	/* type -> index + 1 into tcount */
	size_t i, *tcount = NULL;

	for (i = 0; i < la->nents; i++) {
		const struct entity *e = la->ents[i];
		intptr_t k = (intptr_t)hmap_get(types, e->type);

		if (k == 0) {
			k = (intptr_t)hmap_count(types) + 1;
			hmap_put(types, e->type, (void *)k);
			tcount = xreallocarray(tcount, (size_t)k,
			    sizeof(*tcount));
			tcount[k - 1] = 0;
		}
		tcount[k - 1]++;
	}
	entity_index(r, li, NULL, types, tcount);
	for (i = 0; i < hmap_count(types); i++)
		entity_index(r, li, hmap_key_at(types, i), types, tcount);
	free(tcount);
	hmap_free(types);
}

static void
feed(struct rs *r, size_t li)
{
	const struct lang_archive *la = &r->x->ar->langs[li];
	const struct config *c = r->c;
	struct tmpl_dict *d = tmpl_dict_new(), *e, *s;
	char *home = xasprintf("%s/", c->langs[li].code);
	char *file = xasprintf("%sfeed.xml", home), buf[32];
	struct strbuf out = STRBUF_INIT;
	size_t i, n = la->n < (size_t)c->feed_size ? la->n :
	    (size_t)c->feed_size;

	tmpl_set(d, "TITLE", c->langs[li].title);
	tmpl_set(d, "LANG", c->langs[li].code);
	set_abs(d, "FEED_URL", c, file);
	set_abs(d, "HOME_URL", c, home);
	/* The newest change, not the time of the build: output stays reproducible. */
	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		const struct article *a = la->arts[i];
		char u[32];

		date_rfc3339(a->has_updated ? &a->updated : &a->date, u);
		if (strcmp(u, buf) > 0)
			memcpy(buf, u, sizeof(u));
	}
	tmpl_set(d, "UPDATED", buf[0] ? buf : "1970-01-01T00:00:00Z");
	for (i = 0; i < n; i++) {
		const struct article *a = la->arts[i];

		e = tmpl_section(d, "ENTRY");
		tmpl_set(e, "TITLE", a->title);
		set_abs(e, "URL", c, a->url);
		set_abs(e, "ID", c, a->url);
		date_rfc3339(&a->date, buf);
		tmpl_set(e, "PUBLISHED", buf);
		date_rfc3339(a->has_updated ? &a->updated : &a->date, buf);
		tmpl_set(e, "UPDATED", buf);
		tmpl_set(e, "SUMMARY", a->summary);
		tmpl_set(e, "CONTENT", a->html);
		if (a->author) {
			s = tmpl_section(e, "AUTHOR");
			tmpl_set(s, "NAME", a->author);
		}
	}
	if (expand(r, "feed.tpl", d, &out) == -1 ||
	    output_write(r->x->out, file, sb_str(&out), out.len) == -1)
		r->bad = 1;
	sb_free(&out);
	tmpl_dict_free(d);
	free(home);
	free(file);
}

static void
root_pages(struct rs *r)
{
	const struct config *c = r->c;
	size_t d0 = c->deflang;
	struct tmpl_dict *d = tmpl_dict_new();
	char *h = xasprintf("%s/", c->langs[d0].code);
	char **alt = xcalloc(c->nlangs, sizeof(*alt));
	size_t i;

	/* The root lists every language: the switcher links their homes. */
	for (i = 0; i < c->nlangs; i++)
		alt[i] = xasprintf("%s/", c->langs[i].code);
	page_common(r, d, d0, "", NULL, NULL);
	{
		/* page_common showed LANGUAGES for 2+ languages; root always lists them. */
		struct tmpl_dict *ls = c->nlangs > 1 ? NULL :
		    tmpl_section(d, "LANGUAGES");

		for (i = 0; ls && i < c->nlangs; i++) {
			struct tmpl_dict *a = tmpl_section(ls, "LANGUAGE");

			lang_vars(a, c, i, "NAME");
			set_href(a, "HREF", c, "", alt[i]);
		}
	}
	set_href(d, "DEFAULT_HREF", c, "", h);
	tmpl_show(d, "REFRESH");
	emit_page(r, d, "root.tpl", "");
	tmpl_dict_free(d);

	/*
	 * 404.html is served for any missing path, at any depth: its links
	 * cannot be relative.  They start from base_url's path instead.
	 */
	d = tmpl_dict_new();
	r->not_found = 1;
	page_common(r, d, d0, "", NULL, NULL);
	r->not_found = 0;
	{
		const char *p = strstr(c->base_url, "://");
		const char *path = p ? strchr(p + 3, '/') : NULL;
		char *s;

		if (path == NULL)
			path = "/";
		tmpl_set(d, "STATIC_HREF", path);
		s = xasprintf("%s%s", path, h);
		tmpl_set(d, "HOME_HREF", s);
		tmpl_set(d, "DEFAULT_HREF", s);
		free(s);
		s = xasprintf("%s%sentities/", path, h);
		tmpl_set(d, "ENTITIES_HREF", s);
		free(s);
		s = xasprintf("%s%sfeed.xml", path, h);
		tmpl_set(d, "FEED_HREF", s);
		free(s);
		s = xasprintf("%s%ssearch/", path, h);
		tmpl_set(d, "SEARCH_HREF", s);
		free(s);
		/* The switcher of 404.html: each language's home. */
		if (c->nlangs > 1) {
			struct tmpl_dict *ls = tmpl_section(d, "LANGUAGES");

			for (i = 0; i < c->nlangs; i++) {
				struct tmpl_dict *a = tmpl_section(ls,
				    "LANGUAGE");

				lang_vars(a, c, i, "NAME");
				s = xasprintf("%s%s", path, alt[i]);
				tmpl_set(a, "HREF", s);
				free(s);
				if (i == d0)
					tmpl_show(a, "CURRENT");
			}
		}
	}
	emit(r, d, "404.tpl", "404.html");
	tmpl_dict_free(d);
	free(h);
	strv_free_n(alt, c->nlangs);
}

/*
 * The search page of a language: a form that works as a plain GET,
 * and what static/search.js needs to answer it there (the index is
 * search.c's).
 */
static void
search_page(struct rs *r, size_t li)
{
	const struct config *c = r->c;
	const struct language *l = &c->langs[li];
	struct tmpl_dict *d = tmpl_dict_new();
	char **alt = xcalloc(c->nlangs, sizeof(*alt));
	char *dir = xasprintf("%s/search/", l->code);
	size_t i;
	char *heading = i18n_format(r->x->i18n, r->locs[li], li, "search",
	    NULL, 0);

	for (i = 0; i < c->nlangs; i++)
		alt[i] = xasprintf("%s/search/", c->langs[i].code);
	page_common(r, d, li, dir, heading, alt);
	free(heading);
	tmpl_set(d, "NUMBERS", l->numbers ? l->numbers : "");
	tmpl_set(d, "SELF_HREF", c->index_links ? "index.html" : "./");
	emit_page(r, d, "search.tpl", dir);
	sitemap_add(r, dir, alt);
	tmpl_dict_free(d);
	free(dir);
	strv_free_n(alt, c->nlangs);
}

/* A unit of rendering work; jobs run in any order, on any worker. */
enum job_kind {
	JOB_ROOT,
	JOB_HOME,
	JOB_ARTICLE,
	JOB_DATE,
	JOB_ENTITY,
	JOB_ENTITY_INDEXES,
	JOB_FEED,
	JOB_SEARCH
};

struct job {
	enum job_kind	 kind;
	size_t		 li, k, i;
	struct smap	 sm;	/* its sitemap entries, merged in job order */
};

struct pool {
	struct rs	 proto;
	struct job	*jobs;
	size_t		 njobs;
	atomic_size_t	 next;
	atomic_int	 bad;
};

static void
home_page(struct rs *r, size_t li)
{
	const struct lang_archive *la = &r->x->ar->langs[li];
	const struct config *c = r->c;
	char **alt = xcalloc(c->nlangs, sizeof(*alt));
	char *home = xasprintf("%s/", c->langs[li].code);
	size_t i;

	for (i = 0; i < c->nlangs; i++)
		alt[i] = xasprintf("%s/", c->langs[i].code);
	list_pages(r, li, home, NULL, la->arts, la->n, alt, home_extra, la);
	free(home);
	strv_free_n(alt, c->nlangs);
}

static void
run_job(struct rs *r, struct job *j)
{
	const struct lang_archive *la = &r->x->ar->langs[j->li];

	r->sm = &j->sm;
	switch (j->kind) {
	case JOB_ROOT:
		root_pages(r);
		break;
	case JOB_HOME:
		home_page(r, j->li);
		break;
	case JOB_ARTICLE:
		article_page(r, j->li, la->arts[j->i]);
		break;
	case JOB_DATE:
		date_page(r, j->li, j->k, j->i);
		break;
	case JOB_ENTITY:
		entity_page(r, j->li, j->i);
		break;
	case JOB_ENTITY_INDEXES:
		entity_indexes(r, j->li);
		break;
	case JOB_FEED:
		feed(r, j->li);
		break;
	case JOB_SEARCH:
		search_page(r, j->li);
		break;
	}
}

static void *
worker(void *arg)
{
	struct pool *p = arg;
	const struct config *c = p->proto.c;
	struct rs r = p->proto;
	size_t li, j;

	/* ICU formatters are not thread-safe: each worker opens its own. */
	r.locs = xcalloc(c->nlangs, sizeof(*r.locs));
	for (li = 0; li < c->nlangs; li++) {
		char *err = NULL;

		r.locs[li] = text_locale_new(c->langs[li].locale,
		    c->langs[li].numbers, c->langs[li].calendars,
		    c->langs[li].ncalendars, &err);
		if (r.locs[li] == NULL) {	/* it opened once already */
			diag(DIAG_ERROR, NULL, 0, 0, "%s", err);
			free(err);
			r.bad = 1;
		}
	}
	while (!r.bad && (j = atomic_fetch_add(&p->next, 1)) < p->njobs)
		run_job(&r, &p->jobs[j]);
	if (r.bad)
		atomic_store(&p->bad, 1);
	for (li = 0; li < c->nlangs; li++)
		text_locale_free(r.locs[li]);
	free(r.locs);
	text_thread_done();
	return NULL;
}

static void
add_job(struct pool *p, enum job_kind kind, size_t li, size_t k, size_t i)
{
	p->jobs = xreallocarray(p->jobs, p->njobs + 1, sizeof(*p->jobs));
	memset(&p->jobs[p->njobs], 0, sizeof(*p->jobs));
	p->jobs[p->njobs].kind = kind;
	p->jobs[p->njobs].li = li;
	p->jobs[p->njobs].k = k;
	p->jobs[p->njobs].i = i;
	p->njobs++;
}

int
render_site(const struct render_ctx *x)
{
	const struct config *c = x->c;
	struct strbuf out = STRBUF_INIT;
	struct tmpl_dict *sitemap;
	struct pool p;
	pthread_t *th;
	size_t li, i, k, nw;
	int bad;

	memset(&p, 0, sizeof(p));
	p.proto.x = x;
	p.proto.c = c;
	p.proto.periods = xcalloc(c->nlangs, sizeof(*p.proto.periods));
	for (li = 0; li < c->nlangs; li++) {
		const struct lang_archive *la = &x->ar->langs[li];
		const struct period *kinds[3] = { la->years, la->months,
		    la->days };
		const size_t counts[3] = { la->nyears, la->nmonths, la->ndays };

		p.proto.periods[li] = hmap_new();
		for (k = 0; k < 3; k++)
			for (i = 0; i < counts[k]; i++) {
				char *pd = period_dir(c, li, &kinds[k][i]);

				hmap_put(p.proto.periods[li], strchr(pd, '/') + 1,
				    (void *)&kinds[k][i]);
				free(pd);
			}
	}
	/* The order of jobs is the order of the sitemap, whatever runs first. */
	add_job(&p, JOB_ROOT, 0, 0, 0);
	for (li = 0; li < c->nlangs; li++) {
		const struct lang_archive *la = &x->ar->langs[li];
		const size_t counts[3] = { la->nyears, la->nmonths, la->ndays };

		add_job(&p, JOB_HOME, li, 0, 0);
		for (i = 0; i < la->n; i++)
			add_job(&p, JOB_ARTICLE, li, 0, i);
		for (k = 0; k < 3; k++)
			for (i = 0; i < counts[k]; i++)
				add_job(&p, JOB_DATE, li, k, i);
		for (i = 0; i < la->nents; i++)
			add_job(&p, JOB_ENTITY, li, 0, i);
		add_job(&p, JOB_ENTITY_INDEXES, li, 0, 0);
		add_job(&p, JOB_FEED, li, 0, 0);
		add_job(&p, JOB_SEARCH, li, 0, 0);
	}
	nw = workers_for(p.njobs);
	th = xcalloc(nw, sizeof(*th));
	for (i = 1; i < nw; i++)
		if (pthread_create(&th[i], NULL, worker, &p) != 0)
			th[i] = 0;
	worker(&p);	/* the calling thread works too */
	for (i = 1; i < nw; i++)
		if (th[i])
			pthread_join(th[i], NULL);
	free(th);
	bad = atomic_load(&p.bad);
	sitemap = tmpl_dict_new();
	for (i = 0; i < p.njobs; i++)
		sitemap_flush(c, &p.jobs[i].sm, sitemap);
	free(p.jobs);
	{
		struct rs r = p.proto;

		if (expand(&r, "sitemap.tpl", sitemap, &out) == -1 ||
		    output_write(x->out, "sitemap.xml", sb_str(&out),
		    out.len) == -1)
			bad = 1;
	}
	sb_free(&out);
	tmpl_dict_free(sitemap);
	for (li = 0; li < c->nlangs; li++)
		hmap_free(p.proto.periods[li]);
	free(p.proto.periods);
	return bad ? -1 : 0;
}
