/*
 * render_meta.c: what a page says about itself to machines: the meta
 * description, OpenGraph and Twitter card tags, schema.org JSON-LD,
 * and the hero image every family shows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "base/json.h"
#include "base/date.h"
#include "input/config.h"
#include "content/content.h"
#include "input/registry.h"
#include "model/archive.h"
#include "model/url.h"
#include "tmpl/tmpl.h"
#include "plan/plan.h"
#include "render/render.h"
#include "render/render_int.h"

/* "key":"value", with a comma before unless first. */
static void
j_kv(struct strbuf *sb, const char *k, const char *v)
{
	if (sb->len > 0 && sb->s[sb->len - 1] != '{' &&
	    sb->s[sb->len - 1] != '[')
		sb_addc(sb, ',');
	json_strz(sb, k, JSON_SCRIPT);
	sb_addc(sb, ':');
	json_strz(sb, v, JSON_SCRIPT);
}

/* "key": followed by the caller's value. */
static void
j_key(struct strbuf *sb, const char *k)
{
	if (sb->len > 0 && sb->s[sb->len - 1] != '{' &&
	    sb->s[sb->len - 1] != '[')
		sb_addc(sb, ',');
	json_strz(sb, k, JSON_SCRIPT);
	sb_addc(sb, ':');
}

static void
j_sep(struct strbuf *sb)
{
	if (sb->len > 0 && sb->s[sb->len - 1] != '{' &&
	    sb->s[sb->len - 1] != '[')
		sb_addc(sb, ',');
}

/* The section of an article (section:, category: or categories:), or NULL. */
static const char *
section_of(const struct article *a)
{
	return a->section && a->section[0] != '\0' ? a->section : NULL;
}

static const char *
extra_of(const struct article *a, const char *key)
{
	size_t k;

	for (k = 0; a->extra && a->extra[k]; k += 2)
		if (strcmp(a->extra[k], key) == 0)
			return a->extra[k + 1];
	return NULL;
}

/* An absolute URL of a hero written as "/path" or "http(s)://...": NULL for others. */
static char *
foreign_url(const struct config *c, const char *u)
{
	if (strncmp(u, "https://", 8) == 0 || strncmp(u, "http://", 7) == 0)
		return xstrdup(u);
	if (u[0] == '/' && u[1] != '/')
		return xasprintf("%s%s", c->base_url, u + 1);
	return NULL;
}

char *
render_hero_url(const struct config *c, const struct article *a)
{
	const struct article_image *im = article_hero(a);

	if (im != NULL) {
		char *to = url_image(a, im);
		char *u = render_abs_url(c, to);

		free(to);
		return u;
	}
	return a->image ? foreign_url(c, a->image) : NULL;
}

void
render_hero(struct rs *r, struct tmpl_dict *d, const struct article *a,
    const char *from)
{
	const struct config *c = r->c;
	const struct article_image *im = article_hero(a);
	const char *alt = extra_of(a, "image_alt");
	struct tmpl_dict *s;
	char *fu = im == NULL && a->image ? foreign_url(c, a->image) : NULL;
	int w, h;

	if (im == NULL && fu == NULL)
		return;
	s = tmpl_section(d, "IMAGE");
	tmpl_set(s, "ALT", alt ? alt : "");
	if (im != NULL) {
		char *to = url_image(a, im);

		render_set_href(s, "SRC", c, from, to);
		render_set_abs(s, "URL", c, to);
		free(to);
		if (content_image_size(a, im, &w, &h) == 0) {
			struct tmpl_dict *z = tmpl_section(s, "SIZE");
			char buf[16];

			snprintf(buf, sizeof(buf), "%d", w);
			tmpl_set(z, "WIDTH", buf);
			snprintf(buf, sizeof(buf), "%d", h);
			tmpl_set(z, "HEIGHT", buf);
		}
	} else {
		tmpl_set(s, "SRC", fu);
		tmpl_set(s, "URL", fu);
	}
	free(fu);
}

/* og:locale wants ll_TT: "ar-SY" gives "ar_SY". */
static char *
og_locale(const struct config *c, size_t li)
{
	char *s = xstrdup(c->langs[li].locale ? c->langs[li].locale :
	    c->langs[li].code), *p;

	for (p = s; *p; p++)
		if (*p == '-')
			*p = '_';
	return s;
}

void
render_meta_page(struct rs *r, struct tmpl_dict *d, size_t li,
    const char *title, char *const *alt)
{
	const struct config *c = r->c;
	size_t i;

	tmpl_set(d, "OG_TYPE", "website");
	tmpl_set(d, "OG_TITLE", title ? title : c->langs[li].title);
	render_set_own(d, "OG_LOCALE", og_locale(c, li));
	for (i = 0; alt && i < c->nlangs; i++)
		if (i != li && alt[i] != NULL)
			render_set_own(tmpl_section(d, "OG_LOCALE_ALT"),
			    "LOCALE", og_locale(c, i));
	tmpl_set(d, "TWITTER_CARD", "summary");
}

/* A schema.org type for an entity type. */
static const char *
schema_type(const char *type)
{
	if (strcmp(type, "people") == 0 || strcmp(type, "person") == 0)
		return "Person";
	if (strcmp(type, "places") == 0 || strcmp(type, "place") == 0)
		return "Place";
	if (strcmp(type, "organisations") == 0 ||
	    strcmp(type, "organizations") == 0)
		return "Organization";
	return "Thing";
}

static void
j_entities(struct rs *r, struct strbuf *sb, const struct article *a,
    const char *key, size_t from, size_t to)
{
	const struct config *c = r->c;
	size_t k;

	if (from >= to)
		return;
	j_key(sb, key);
	sb_addc(sb, '[');
	for (k = from; k < to; k++) {
		const struct entity *e = a->entity[k];
		char *dir = url_entity(c, a->lang, e), *u;

		j_sep(sb);
		sb_addc(sb, '{');
		j_kv(sb, "@type", schema_type(e->type));
		j_kv(sb, "name", e->name);
		u = render_abs_url(c, dir);
		j_kv(sb, "url", u);
		free(u);
		if (e->reg != NULL && e->reg->wikidata != NULL) {
			u = xasprintf("https://www.wikidata.org/wiki/%s",
			    e->reg->wikidata);
			j_kv(sb, "sameAs", u);
			free(u);
		}
		sb_addc(sb, '}');
		free(dir);
	}
	sb_addc(sb, ']');
}

static void
j_crumb(struct strbuf *sb, int pos, const char *name, const char *url)
{
	char n[16];

	j_sep(sb);
	snprintf(n, sizeof(n), "%d", pos);
	sb_addc(sb, '{');
	j_kv(sb, "@type", "ListItem");
	j_key(sb, "position");
	sb_adds(sb, n);
	j_kv(sb, "name", name);
	j_kv(sb, "item", url);
	sb_addc(sb, '}');
}

/* A date as ISO 8601: with its time and offset when it has one. */
static void
iso_of(const struct date *d, char buf[32])
{
	if (d->has_time)
		date_rfc3339(d, buf);
	else
		date_iso(d, buf);
}

void
render_meta_article(struct rs *r, struct tmpl_dict *d, const struct article *a,
    const char *const crumbs[3], const char *const crumb_dirs[3])
{
	const struct config *c = r->c;
	const char *section = section_of(a);
	char *url = render_abs_url(c, a->url), *img = render_hero_url(c, a);
	char *site = render_abs_url(c, "");
	struct strbuf sb = STRBUF_INIT;
	struct tmpl_dict *og;
	char pub[32], mod[32];
	size_t k;

	iso_of(&a->date, pub);
	iso_of(a->has_updated ? &a->updated : &a->date, mod);
	if (a->summary && a->summary[0])
		tmpl_set(tmpl_section(d, "META_DESCRIPTION"), "TEXT",
		    a->summary);
	tmpl_set(d, "OG_TYPE", "article");
	tmpl_set(d, "OG_TITLE", a->title);
	if (img != NULL) {
		tmpl_set(d, "TWITTER_CARD", "summary_large_image");
		/* IMAGE holds og:image and its size; render_hero() fills it for the body too. */
	}
	og = tmpl_section(d, "OG_ARTICLE");
	tmpl_set(og, "PUBLISHED", pub);
	tmpl_set(og, "MODIFIED", mod);
	if (section)
		tmpl_set(tmpl_section(og, "SECTION"), "NAME", section);
	for (k = 0; k < a->ntags; k++)
		tmpl_set(tmpl_section(og, "TAG"), "NAME", a->tags[k]);

	sb_adds(&sb, "{");
	j_kv(&sb, "@context", "https://schema.org");
	j_key(&sb, "@graph");
	sb_adds(&sb, "[{");
	j_kv(&sb, "@type", "NewsArticle");
	{
		char *id = xasprintf("%s#article", url);

		j_kv(&sb, "@id", id);
		free(id);
	}
	j_kv(&sb, "headline", a->title);
	if (a->summary && a->summary[0])
		j_kv(&sb, "description", a->summary);
	j_kv(&sb, "datePublished", pub);
	j_kv(&sb, "dateModified", mod);
	j_kv(&sb, "inLanguage", c->langs[a->lang].code);
	j_kv(&sb, "url", url);
	j_key(&sb, "mainEntityOfPage");
	sb_addc(&sb, '{');
	j_kv(&sb, "@type", "WebPage");
	j_kv(&sb, "@id", url);
	sb_addc(&sb, '}');
	if (a->author) {
		j_key(&sb, "author");
		sb_adds(&sb, "[{");
		j_kv(&sb, "@type", "Person");
		j_kv(&sb, "name", a->author);
		sb_adds(&sb, "}]");
	}
	j_key(&sb, "publisher");
	sb_addc(&sb, '{');
	j_kv(&sb, "@type", "Organization");
	j_kv(&sb, "name", c->langs[a->lang].title);
	j_kv(&sb, "url", site);
	sb_addc(&sb, '}');
	j_key(&sb, "isPartOf");
	sb_addc(&sb, '{');
	j_kv(&sb, "@type", "WebSite");
	j_kv(&sb, "name", c->langs[a->lang].title);
	j_kv(&sb, "url", site);
	sb_addc(&sb, '}');
	if (img != NULL) {
		j_key(&sb, "image");
		sb_addc(&sb, '[');
		json_strz(&sb, img, JSON_SCRIPT);
		sb_addc(&sb, ']');
	}
	if (section)
		j_kv(&sb, "articleSection", section);
	if (a->ntags > 0) {
		j_key(&sb, "keywords");
		sb_addc(&sb, '[');
		for (k = 0; k < a->ntags; k++) {
			j_sep(&sb);
			json_strz(&sb, a->tags[k], JSON_SCRIPT);
		}
		sb_addc(&sb, ']');
	}
	/* Named in the front matter: what it is about; found in the text: mentioned. */
	j_entities(r, &sb, a, "about", 0, a->nnamed);
	j_entities(r, &sb, a, "mentions", a->nnamed, a->nentity);
	sb_adds(&sb, "},{");
	j_kv(&sb, "@type", "BreadcrumbList");
	j_key(&sb, "itemListElement");
	sb_addc(&sb, '[');
	for (k = 0; k < 3; k++) {
		char *u = render_abs_url(c, crumb_dirs[k]);

		j_crumb(&sb, (int)k + 1, crumbs[k], u);
		free(u);
	}
	j_crumb(&sb, 4, a->title, url);
	sb_adds(&sb, "]}]}");
	tmpl_set(tmpl_section(d, "JSON_LD"), "JSON", sb_str(&sb));
	sb_free(&sb);
	free(url);
	free(img);
	free(site);
}
