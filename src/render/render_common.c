/*
 * render_common.c: what every page family uses: links, the variables
 * every page has, the layout around a page's body.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "text/text.h"
#include "base/date.h"
#include "input/config.h"
#include "content/content.h"
#include "input/registry.h"
#include "model/archive.h"
#include "model/url.h"
#include "tmpl/tmpl.h"
#include "input/i18n.h"
#include "plan/plan.h"
#include "render/render.h"
#include "render/render_int.h"

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
char *
render_abs_url(const struct config *c, const char *to)
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
int
render_expand(const struct rs *r, const char *name, const struct tmpl_dict *d,
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

void
render_set_href(struct tmpl_dict *d, const char *key, const struct config *c,
    const char *from, const char *to)
{
	char *h = render_href(c, from, to);

	tmpl_set(d, key, h);
	free(h);
}

void
render_set_abs(struct tmpl_dict *d, const char *key, const struct config *c,
    const char *to)
{
	char *u = render_abs_url(c, to);

	tmpl_set(d, key, u);
	free(u);
}

void
render_set_own(struct tmpl_dict *d, const char *key, char *val)
{
	tmpl_set(d, key, val);
	free(val);
}

char *
render_count(const struct rs *r, size_t li, const char *key, size_t n)
{
	double a = (double)n;

	return i18n_format(r->x->i18n, r->locs[li], li, key, &a, 1);
}

/*
 * The <title>: the theme's page_title with {0} the heading and {1} the
 * site title.  ICU's C API formats numbers well but text arguments
 * poorly, and these two need no formatting: substitute them.
 */
char *
render_page_title(const struct rs *r, size_t li, const char *heading)
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

const char *
render_dir_of(const struct config *c, size_t li)
{
	return c->langs[li].rtl ? "rtl" : "ltr";
}

/* A language's code and direction, and its own name under key name. */
void
render_lang_vars(struct tmpl_dict *d, const struct config *c, size_t i,
    const char *name)
{
	tmpl_set(d, "LANG", c->langs[i].code);
	tmpl_set(d, "DIR", render_dir_of(c, i));
	tmpl_set(d, name, c->langs[i].name);
}

/*
 * Variables every HTML page has.  alt[] holds, per language, the folder
 * of this page's counterpart (NULL where none); alt may be NULL.
 */
void
render_page_common(struct rs *r, struct tmpl_dict *d, size_t li, const char *dir,
    const char *heading, char *const *alt)
{
	const struct config *c = r->c;
	const struct language *l = &c->langs[li];
	const struct i18n *t = r->x->i18n;
	size_t i, nalt = 0;
	char *home = url_home(c, li), *s;

	tmpl_set(d, "LANG", l->code);
	tmpl_set(d, "DIR", render_dir_of(c, li));
	tmpl_set(d, "SITE_TITLE", l->title);
	if (heading != NULL)
		render_set_own(d, "PAGE_TITLE", render_page_title(r, li, heading));
	else
		tmpl_set(d, "PAGE_TITLE", l->title);
	/* 404.html stands for no address: it must not claim one. */
	if (!r->not_found)
		render_set_abs(tmpl_section(d, "CANONICAL"), "URL", c, dir);
	render_set_href(d, "HOME_HREF", c, dir, home);
	s = url_entity_index(c, li, NULL);
	render_set_href(d, "ENTITIES_HREF", c, dir, s);
	free(s);
	s = url_search(c, li);
	render_set_href(d, "SEARCH_HREF", c, dir, s);
	free(s);
	/* The taxonomies this language uses (plan.c hashes which). */
	for (i = 0; i < TAX_N && !r->not_found; i++) {
		struct tmpl_dict *a;

		if (r->x->ar->langs[li].nterms[i] == 0)
			continue;
		a = tmpl_section(d, "TAXONOMY");
		s = url_term_index(c, li, (enum taxonomy)i);
		render_set_href(a, "HREF", c, dir, s);
		free(s);
		render_set_own(a, "LABEL", render_tax_label(r, li,
		    (enum taxonomy)i));
	}
	s = url_feed(home);
	render_set_href(d, "FEED_HREF", c, dir, s);
	render_set_abs(d, "FEED_URL", c, s);
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
			render_set_abs(a, "URL", c, alt[i]);
		}
		{
			struct tmpl_dict *a = tmpl_section(d, "ALTERNATE");

			tmpl_set(a, "HREFLANG", "x-default");
			render_set_abs(a, "URL", c, alt[x]);
		}
	}
	render_meta_page(r, d, li, heading, alt);
	if (c->nlangs > 1 && !r->not_found) {
		struct tmpl_dict *ls = tmpl_section(d, "LANGUAGES");

		for (i = 0; i < c->nlangs; i++) {
			struct tmpl_dict *a = tmpl_section(ls, "LANGUAGE");
			char *h = url_home(c, i);

			render_lang_vars(a, c, i, "NAME");
			render_set_href(a, "HREF", c, dir, alt && alt[i] ? alt[i] : h);
			if (i == li)
				tmpl_show(a, "CURRENT");
			free(h);
		}
	}
	free(home);
}

void
render_date_vars(struct rs *r, struct tmpl_dict *d, size_t li, const struct date *dt)
{
	char iso[32];

	date_iso(dt, iso);
	tmpl_set(d, "DATE_ISO", iso);
	render_set_own(d, "DATE_TEXT", text_date(r->locs[li], TEXT_DATE_FULL,
	    dt->y, dt->m, dt->d));
}

char *
render_type_label(struct rs *r, size_t li, const char *type)
{
	char *k = xasprintf("type_%s", type), *s;

	s = i18n_has(r->x->i18n, k) ? i18n_format(r->x->i18n, r->locs[li], li, k, NULL, 0) :
	    xstrdup(type);
	free(k);
	return s;
}

/*
 * Expands the kind's body, then its layout with the body as CONTENT,
 * into out.  Pages that serve previews get its script before </body>.
 */
int
render_html(struct rs *r, struct tmpl_dict *d, enum plan_kind kind,
    struct strbuf *out)
{
	struct strbuf frag = STRBUF_INIT, page = STRBUF_INIT;
	int rc = -1;

	if (render_expand(r, plan_kind_template(kind, 1), d, &frag) == -1)
		goto out;
	tmpl_setn(d, "CONTENT", frag.s ? frag.s : "", frag.len);
	if (render_expand(r, plan_kind_template(kind, 0), d, &page) == -1)
		goto out;
	if (r->x->inject != NULL) {
		/* Only serve asks for this; what build writes stays clean. */
		char *end = page.s ? strstr(page.s, "</body>") : NULL;

		if (end != NULL) {
			sb_add(out, page.s, (size_t)(end - page.s));
			sb_adds(out, r->x->inject);
			sb_adds(out, end);
			rc = 0;
			goto out;
		}
	}
	sb_add(out, sb_str(&page), page.len);
	rc = 0;
out:
	sb_free(&frag);
	sb_free(&page);
	if (rc == -1)
		r->bad = 1;
	return rc;
}

char *
render_period_label(struct rs *r, size_t li, const struct period *p)
{
	enum text_date_style st = p->m == 0 ? TEXT_DATE_YEAR :
	    p->d == 0 ? TEXT_DATE_MONTH : TEXT_DATE_FULL;

	return text_date(r->locs[li], st, p->y, p->m ? p->m : 1,
	    p->d ? p->d : 1);
}

char *
render_msg(struct rs *r, size_t li, const char *key, const char *fallback)
{
	return i18n_has(r->x->i18n, key) ? i18n_format(r->x->i18n,
	    r->locs[li], li, key, NULL, 0) : xstrdup(fallback);
}

void
render_escape(struct strbuf *sb, const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '&':
			sb_adds(sb, "&amp;");
			break;
		case '<':
			sb_adds(sb, "&lt;");
			break;
		case '>':
			sb_adds(sb, "&gt;");
			break;
		case '"':
			sb_adds(sb, "&quot;");
			break;
		case '\'':
			sb_adds(sb, "&#39;");
			break;
		default:
			sb_addc(sb, *s);
		}
}

char *
render_tax_label(struct rs *r, size_t li, enum taxonomy t)
{
	static const char *const fb[TAX_N] = { "Sections", "Tags", "Authors" };

	return render_msg(r, li, archive_tax_name(t), fb[t]);
}
