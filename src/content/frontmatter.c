/*
 * frontmatter.c: the YAML between an article's --- lines, read into its
 * fields.  Every field's text is NFC with its controls removed; every
 * problem is reported at the line and column that causes it, and all of
 * them at once.  Also what a slug and an alias may be: one folder name,
 * one path under the output folder.
 */
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "base/date.h"
#include "text/text.h"
#include "input/config.h"
#include "input/yamldoc.h"
#include "content/content.h"
#include "content/content_int.h"

/* A string value, NFC-normalised; NULL after reporting. */
static char *
want_text(const struct ydoc *y, int node, const char *what)
{
	char *s, *n;
	size_t k;

	if (ydoc_want_str(y, node, what, &s) == -1)
		return NULL;
	n = text_nfc(s);
	free(s);
	/*
	 * A field is one line of text on a page, in a feed and in
	 * attributes: control characters would break the XML, and bidi
	 * overrides could reorder what a reader sees around them.
	 */
	if (strcmp(what, "slug") != 0 &&
	    (k = text_strip_controls(n, 0, 1)) > 0)
		diag(DIAG_WARNING, ydoc_file(y), ydoc_line(y, node),
		    ydoc_col(y, node), "'%s' held %zu invisible control "
		    "character%s (control codes or bidi overrides); %s removed",
		    what, k, k == 1 ? "" : "s", k == 1 ? "it was" :
		    "they were");
	return n;
}

/* Collapses white space and trims; in place. */
void
content_squeeze(char *s)
{
	char *r = s, *w = s;
	int sp = 0;

	for (; *r; r++) {
		if (*r == ' ' || *r == '\n' || *r == '\t' || *r == '\r') {
			sp = w > s;
			continue;
		}
		if (sp)
			*w++ = ' ';
		sp = 0;
		*w++ = *r;
	}
	*w = '\0';
}

/*
 * A slug becomes one folder name: it must not climb out (/, .., \),
 * hide (.x), or carry characters a URL or a file system treats
 * specially.  Which names the layout keeps for itself is model/url.c's
 * to say.
 */
int
content_slug_ok(const char *s, const char **why)
{
	const unsigned char *p;

	if (s[0] == '\0')
		return *why = "it is empty", 0;
	if (s[0] == '.')
		return *why = "it starts with '.' (.. climbs out of the "
		    "folder, .x is hidden)", 0;
	for (p = (const unsigned char *)s; *p; p++) {
		/* C0, DEL and C1 (U+0080-U+009F, UTF-8 C2 80-C2 9F). */
		if (*p < 0x20 || *p == 0x7f || (p[0] == 0xc2 && p[1] >= 0x80 &&
		    p[1] <= 0x9f))
			return *why = "it holds a control character", 0;
		/* Bidi embeddings, overrides and isolates: U+202A-E, U+2066-9. */
		if (p[0] == 0xe2 && ((p[1] == 0x80 && p[2] >= 0xaa &&
		    p[2] <= 0xae) || (p[1] == 0x81 && p[2] >= 0xa6 &&
		    p[2] <= 0xa9)))
			return *why = "it holds a bidirectional control "
			    "character", 0;
		if (strchr("/\\?#%<>\"'` ", *p))
			return *why = "it holds a space or one of / \\ ? # % "
			    "< > \" ' `", 0;
	}
	if (strlen(s) > 200)
		return *why = "it is longer than 200 bytes", 0;
	return 1;
}

static int
read_date(const struct ydoc *y, int node, const char *what, struct date *d)
{
	const char *why;
	int at;

	if (ydoc_type(y, node) != Y_SCALAR) {
		diag(DIAG_ERROR, ydoc_file(y), ydoc_line(y, node),
		    ydoc_col(y, node), "'%s' must be a date like 2020-11-03, "
		    "not %s", what, ydoc_type_name(ydoc_type(y, node)));
		return -1;
	}
	if (date_parse(ydoc_str(y, node), d, &why, &at) == -1) {
		diag(DIAG_ERROR, ydoc_file(y), ydoc_line(y, node),
		    ydoc_col(y, node) + at + (ydoc_plain(y, node) ? 0 : 1),
		    "bad %s '%s': %s", what, ydoc_str(y, node), why);
		return -1;
	}
	return 0;
}

static void
add_entity(struct article *a, const char *type, char *name, int line, int col)
{
	a->ents = xreallocarray(a->ents, a->nents + 1, sizeof(*a->ents));
	a->ents[a->nents].type = xstrdup(type);
	a->ents[a->nents].name = name;
	a->ents[a->nents].line = line;
	a->ents[a->nents].col = col;
	a->nents++;
}

static int
read_entity_list(struct article *a, const struct ydoc *y, int node,
    const char *type)
{
	size_t i, n;
	int item, bad = 0;
	char *s;

	if (ydoc_type(y, node) == Y_SCALAR && ydoc_len(y, node) == 0)
		return 0;
	if (ydoc_type(y, node) != Y_SEQ) {
		diag(DIAG_ERROR, ydoc_file(y), ydoc_line(y, node),
		    ydoc_col(y, node), "the %s of 'entities' must be a list of "
		    "names: [\"name\", ...]", type);
		return -1;
	}
	n = ydoc_len(y, node);
	for (i = 0; i < n; i++) {
		item = ydoc_item(y, node, i);
		if ((s = want_text(y, item, "entities")) == NULL) {
			bad = 1;
			continue;
		}
		content_squeeze(s);
		if (s[0] == '\0') {
			free(s);
			continue;
		}
		add_entity(a, type, s, ydoc_line(y, item), ydoc_col(y, item));
	}
	return bad ? -1 : 0;
}

static int
read_entities(struct article *a, const struct ydoc *y, int node)
{
	size_t i;
	int bad = 0;

	if (ydoc_type(y, node) != Y_MAP)
		return read_entity_list(a, y, node, "other");
	for (i = 0; i < ydoc_len(y, node); i++) {
		int k = ydoc_key(y, node, i);
		const char *type = ydoc_str(y, k), *p;

		for (p = type; *p; p++)
			if (!((*p >= 'a' && *p <= 'z') || *p == '_'))
				break;
		if (*p || type[0] == '\0') {
			diag(DIAG_ERROR, ydoc_file(y), ydoc_line(y, k),
			    ydoc_col(y, k), "entity type '%s' must be a lower-"
			    "case word such as people, places or organisations",
			    type);
			bad = 1;
			continue;
		}
		/* Its index would be written where a taxonomy's is. */
		if (strcmp(type, "sections") == 0 || strcmp(type, "tags") == 0 ||
		    strcmp(type, "authors") == 0) {
			diag(DIAG_ERROR, ydoc_file(y), ydoc_line(y, k),
			    ydoc_col(y, k), "entity type '%s' is taken: /<lang>/%s/ "
			    "lists the articles' %s; write them under %s: in the "
			    "front matter, or choose another type", type, type,
			    type, strcmp(type, "sections") == 0 ? "section" :
			    strcmp(type, "tags") == 0 ? "tags" : "author");
			bad = 1;
			continue;
		}
		/* One spelling of the type, whichever the writer used. */
		if (strcmp(type, "organizations") == 0)
			type = "organisations";
		else if (strcmp(type, "persons") == 0)
			type = "people";
		if (read_entity_list(a, y, ydoc_value(y, node, i), type) == -1)
			bad = 1;
	}
	return bad ? -1 : 0;
}

/* Keys the front matter understands; the rest go to a->extra. */
static const char *const fm_keys[] = { "title", "date", "lang", "slug",
	"entities", "tags", "summary", "author", "updated", "draft",
	"translation_key", "aliases", "section", "category", "categories",
	"image", NULL };

/*
 * Every key arshif or its themes know, for telling a misspelling
 * ("darft", "Draft") from a key of the site's own: those read here,
 * and those that reach templates as they are (P_SECTION, P_IMAGE).
 */
static const char *const fm_known[] = { "title", "date", "lang", "slug",
	"entities", "tags", "summary", "author", "updated", "draft",
	"translation_key", "aliases", "section", "category", "categories",
	"image", NULL };

int
content_hexval(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/*
 * An old path as one path under the output folder: "/ar/old-slug/",
 * "ar/old-slug" and "https://<base_url>/ar/old-slug/index.html" all
 * give "ar/old-slug/"; "old/page.html" stays a file.  Percent escapes
 * are decoded (old URLs are often copied encoded).  Returns NULL with
 * *why set when the path would leave the folder, hide, or is not one.
 * Caller frees.
 */
static char *
alias_norm(const struct config *c, const char *in, const char **why)
{
	struct strbuf dec = STRBUF_INIT, out = STRBUF_INIT;
	const char *p = in, *seg;
	size_t base = strlen(c->base_url), n, k;
	int file = 0;

	if (strncmp(p, c->base_url, base) == 0)
		p += base;
	else if (strstr(p, "://") != NULL || strncmp(p, "//", 2) == 0) {
		*why = "it is an address on another site; give a path on "
		    "this one, like /ar/2019/03/12/old-slug/";
		return NULL;
	}
	for (; *p; p++) {
		if (*p == '%') {
			int hi = content_hexval(p[1]), lo = hi < 0 ? -1 : content_hexval(p[2]);

			if (lo < 0) {
				sb_free(&dec);
				*why = "a '%' is not followed by two hex digits";
				return NULL;
			}
			sb_addc(&dec, (char)(hi * 16 + lo));
			p += 2;
		} else
			sb_addc(&dec, *p);
	}
	n = dec.len;
	if (!text_utf8_valid(sb_str(&dec), n, NULL) ||
	    strlen(sb_str(&dec)) != n) {
		sb_free(&dec);
		*why = "its escapes do not decode to UTF-8 text";
		return NULL;
	}
	for (k = 0; k < n; k++) {
		unsigned char ch = (unsigned char)dec.s[k];

		if (ch < 0x20 || ch == 0x7f || strchr("\\?#\"<>`", ch)) {
			sb_free(&dec);
			*why = "it holds a control character or one of "
			    "\\ ? # \" < > `";
			return NULL;
		}
	}
	for (seg = sb_str(&dec); *seg;) {
		size_t len = strcspn(seg, "/");

		if (len == 0) {
			seg++;
			continue;
		}
		if (seg[0] == '.') {
			sb_free(&dec);
			sb_free(&out);
			*why = "a part of it starts with '.' (.. climbs out "
			    "of the site, .x is hidden)";
			return NULL;
		}
		/* ".../index.html" is the folder's page: one form for both. */
		if (seg[len] == '\0' && len == 10 &&
		    memcmp(seg, "index.html", 10) == 0)
			break;
		sb_add(&out, seg, len);
		file = seg[len] == '\0' && (has_suffix(seg, ".html") ||
		    has_suffix(seg, ".htm") || has_suffix(seg, ".xml"));
		if (!file)
			sb_addc(&out, '/');
		seg += len;
	}
	sb_free(&dec);
	if (out.len == 0) {
		*why = "it is the home page of the site";
		return NULL;
	}
	{
		char *r = text_nfc(sb_str(&out));

		sb_free(&out);
		return r;
	}
}

/* aliases: a list of old paths that redirect to the article. */
static int
read_aliases(const struct config *c, struct article *a, const struct ydoc *y,
    int v)
{
	char **list;
	size_t n, i, k;
	int bad = 0;

	a->aliases_line = ydoc_line(y, v);
	a->aliases_col = ydoc_col(y, v);
	if (ydoc_want_list(y, v, "aliases", &list, &n) == -1)
		return -1;
	a->aliases = xcalloc(n + 1, sizeof(*a->aliases));
	for (i = 0; i < n; i++) {
		int item = ydoc_type(y, v) == Y_SEQ ? ydoc_item(y, v, i) : v;
		const char *why = "";
		char *norm = alias_norm(c, list[i], &why);

		if (norm == NULL) {
			diag(DIAG_ERROR, a->path, ydoc_line(y, item),
			    ydoc_col(y, item), "alias '%s' cannot be used: "
			    "%s", list[i], why);
			bad = 1;
			continue;
		}
		for (k = 0; k < a->naliases; k++)
			if (strcmp(a->aliases[k], norm) == 0)
				break;
		if (k < a->naliases) {
			diag(DIAG_WARNING, a->path, ydoc_line(y, item),
			    ydoc_col(y, item), "alias '%s' is listed twice "
			    "(as /%s); the second is ignored", list[i], norm);
			free(norm);
			continue;
		}
		a->aliases[a->naliases++] = norm;
	}
	ydoc_strv_free(list);
	return bad ? -1 : 0;
}

/*
 * A list of texts (a scalar or a sequence of scalars), each NFC, its
 * white space squeezed and its controls removed; empty items dropped.
 * Returns the NULL-terminated list (caller frees) or NULL after
 * reporting.
 */
static char **
read_texts(struct article *a, const struct ydoc *y, int v, const char *what,
    size_t *n)
{
	char **list, *s;
	size_t i, k = 0;

	if (ydoc_want_list(y, v, what, &list, n) == -1)
		return NULL;
	for (i = 0; i < *n; i++) {
		s = text_nfc(list[i]);
		free(list[i]);
		if (text_strip_controls(s, 0, 1) > 0)
			diag(DIAG_WARNING, a->path, ydoc_line(y, v),
			    ydoc_col(y, v), "'%s' held invisible control "
			    "characters; they were removed", what);
		content_squeeze(s);
		if (s[0] == '\0') {
			free(s);
			continue;
		}
		list[k++] = s;
	}
	list[k] = NULL;
	*n = k;
	return list;
}

/*
 * author: one name or a list.  a->authors holds each, a->author the
 * byline that templates and feeds show ("A, B"), NULL without one.
 */
static int
read_authors(struct article *a, const struct ydoc *y, int v)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	a->tax_line[TAX_AUTHOR] = ydoc_line(y, v);
	a->tax_col[TAX_AUTHOR] = ydoc_col(y, v);
	if ((a->authors = read_texts(a, y, v, "author", &a->nauthors)) == NULL)
		return -1;
	for (i = 0; i < a->nauthors; i++) {
		if (i > 0)
			sb_adds(&sb, ", ");
		sb_adds(&sb, a->authors[i]);
	}
	a->author = a->nauthors > 0 ? sb_detach(&sb) : NULL;
	sb_free(&sb);
	return 0;
}

/*
 * section:, or Hugo's and Jekyll's category: and categories:.  An
 * article is in one section: the first of a list, with a warning for
 * the rest (nothing is published wrong, one link is missing); one key
 * of the three is read, the first in that order.
 */
static int
read_section(struct article *a, const struct ydoc *y, int root)
{
	static const char *const keys[] = { "section", "category",
	    "categories", NULL };
	const char *used = NULL;
	char **list;
	size_t k, n;
	int v;

	for (k = 0; keys[k]; k++) {
		if ((v = ydoc_get(y, root, keys[k])) == 0)
			continue;
		if (used != NULL) {
			diag(DIAG_WARNING, a->path, ydoc_line(y, v),
			    ydoc_col(y, v), "'%s' is ignored: '%s' already "
			    "gives the article's section", keys[k], used);
			continue;
		}
		used = keys[k];
		a->tax_line[TAX_SECTION] = ydoc_line(y, v);
		a->tax_col[TAX_SECTION] = ydoc_col(y, v);
		if ((list = read_texts(a, y, v, keys[k], &n)) == NULL)
			return -1;
		if (n > 1)
			diag(DIAG_WARNING, a->path, ydoc_line(y, v),
			    ydoc_col(y, v), "an article is in one section: "
			    "'%s' is used and the %zu other%s of '%s' ignored; "
			    "put the others in tags:", list[0], n - 1,
			    n == 2 ? "" : "s", keys[k]);
		if (n > 0) {
			size_t i;

			a->section = list[0];
			for (i = 1; i < n; i++)
				free(list[i]);
			free(list);
		} else
			ydoc_strv_free(list);
	}
	return 0;
}

/* title:, its white space squeezed; never empty. */
static int
read_title(struct article *a, const struct ydoc *y, int root)
{
	int v, bad = 0;

	if ((v = ydoc_get(y, root, "title")) == 0) {
		diag(DIAG_ERROR, a->path, ydoc_line(y, root), 1, "no 'title'; "
		    "add title: \"...\" to the front matter");
		return -1;
	}
	/* A slug made from the title is reported at the title. */
	a->slug_line = ydoc_line(y, v);
	a->slug_col = ydoc_col(y, v);
	if ((a->title = want_text(y, v, "title")) == NULL)
		bad = 1;
	else {
		content_squeeze(a->title);
		if (a->title[0] == '\0') {
			diag(DIAG_ERROR, a->path, ydoc_line(y, v),
			    ydoc_col(y, v), "'title' is empty; give "
			    "the article a title");
			bad = 1;
		}
	}
	return bad ? -1 : 0;
}

/* date:, which every article has, and updated:. */
static int
read_dates(struct article *a, const struct ydoc *y, int root)
{
	int v, bad = 0;

	if ((v = ydoc_get(y, root, "date")) == 0) {
		diag(DIAG_ERROR, a->path, ydoc_line(y, root), 1, "no 'date'; "
		    "add date: YYYY-MM-DD to the front matter");
		bad = 1;
	} else if (read_date(y, v, "date", &a->date) == -1)
		bad = 1;
	if ((v = ydoc_get(y, root, "updated"))) {
		if (read_date(y, v, "updated", &a->updated) == -1)
			bad = 1;
		else
			a->has_updated = 1;
	}
	return bad ? -1 : 0;
}

/* lang:, else the folder's language (lang), else the site's first. */
static int
read_lang(const struct config *c, struct article *a, const struct ydoc *y,
    int root, int lang)
{
	int v, bad = 0;
	char *s;

	a->lang = lang >= 0 ? (size_t)lang : c->deflang;
	if ((v = ydoc_get(y, root, "lang"))) {
		if ((s = want_text(y, v, "lang")) == NULL)
			bad = 1;
		else if (config_lang(c, s) < 0) {
			diag(DIAG_ERROR, a->path, ydoc_line(y, v),
			    ydoc_col(y, v), "language '%s' is not in site.yaml;"
			    " add it to languages or fix the code", s);
			bad = 1;
		} else
			a->lang = (size_t)config_lang(c, s);
		free(s);
	}
	return bad ? -1 : 0;
}

/* slug: written by hand. */
static int
read_slug(struct article *a, const struct ydoc *y, int v)
{
	const char *why;

	a->slug_line = ydoc_line(y, v);
	a->slug_col = ydoc_col(y, v);
	a->slug_given = 1;
	if ((a->slug = want_text(y, v, "slug")) == NULL)
		return -1;
	if (!content_slug_ok(a->slug, &why)) {
		diag(DIAG_ERROR, a->path, a->slug_line, a->slug_col,
		    "slug '%s' cannot be used: %s; use letters, digits "
		    "and '-'", a->slug, why);
		return -1;
	}
	return 0;
}

/* tags: a list, each NFC with its controls removed. */
static int
read_tags(struct article *a, const struct ydoc *y, int v)
{
	size_t i;
	int bad = 0;
	char *s;

	a->tax_line[TAX_TAG] = ydoc_line(y, v);
	a->tax_col[TAX_TAG] = ydoc_col(y, v);
	if (ydoc_want_list(y, v, "tags", &a->tags, &a->ntags) == -1)
		bad = 1;
	for (i = 0; i < a->ntags; i++) {
		s = text_nfc(a->tags[i]);
		free(a->tags[i]);
		a->tags[i] = s;
		if (text_strip_controls(s, 0, 1) > 0)
			diag(DIAG_WARNING, a->path, ydoc_line(y, v),
			    ydoc_col(y, v), "a tag held invisible control "
			    "characters; they were removed");
	}
	return bad ? -1 : 0;
}

/* image: and translation_key:, as written. */
static int
read_image_tkey(struct article *a, const struct ydoc *y, int root)
{
	int v, bad = 0;

	if ((v = ydoc_get(y, root, "image"))) {
		a->image_line = ydoc_line(y, v);
		a->image_col = ydoc_col(y, v);
		if ((a->image = want_text(y, v, "image")) == NULL)
			bad = 1;
	}
	if ((v = ydoc_get(y, root, "translation_key"))) {
		a->tkey_line = ydoc_line(y, v);
		a->tkey_col = ydoc_col(y, v);
		if ((a->tkey = want_text(y, v, "translation_key")) == NULL)
			bad = 1;
	}
	return bad ? -1 : 0;
}

/* A misspelled key would silently do nothing ("darft: true" publishes). */
static void
warn_unknown_keys(struct article *a, const struct ydoc *y, int root)
{
	size_t i;

	for (i = 0; i < ydoc_len(y, root); i++) {
		int kn = ydoc_key(y, root, i);
		const char *near = ydoc_suggest(ydoc_str(y, kn), fm_known);

		if (near != NULL)
			diag(DIAG_WARNING, a->path, ydoc_line(y, kn),
			    ydoc_col(y, kn), "unknown key '%s'; did you mean "
			    "'%s'?", ydoc_str(y, kn), near);
	}
}

/* The other scalar keys, for templates: key, value, ..., NULL. */
static void
read_extra(struct article *a, const struct ydoc *y, int root)
{
	size_t i, k, nx = 0;
	int v;

	a->extra = xcalloc(2 * ydoc_len(y, root) + 1, sizeof(char *));
	for (i = 0; i < ydoc_len(y, root); i++) {
		const char *key = ydoc_str(y, ydoc_key(y, root, i));

		v = ydoc_value(y, root, i);
		for (k = 0; fm_keys[k]; k++)
			if (strcmp(key, fm_keys[k]) == 0)
				break;
		if (fm_keys[k] || ydoc_type(y, v) != Y_SCALAR ||
		    strlen(ydoc_str(y, v)) != ydoc_len(y, v))
			continue;
		a->extra[nx++] = xstrdup(key);
		a->extra[nx] = text_nfc(ydoc_str(y, v));
		text_strip_controls(a->extra[nx++], 1, 1);
	}
}

int
content_front_matter(const struct config *c, struct article *a,
    const struct ydoc *y, int lang)
{
	int root = ydoc_root(y), v, bad = 0;

	if (ydoc_type(y, root) != Y_MAP) {
		diag(DIAG_ERROR, a->path, ydoc_line(y, root), 1, "front matter "
		    "must be a map of keys (title: ..., date: ...), not %s",
		    ydoc_type_name(ydoc_type(y, root)));
		return -1;
	}
	/* In this order: the diagnostics come in it. */
	if (read_title(a, y, root) == -1)
		bad = 1;
	if (read_dates(a, y, root) == -1)
		bad = 1;
	if (read_lang(c, a, y, root, lang) == -1)
		bad = 1;
	if ((v = ydoc_get(y, root, "slug")) && read_slug(a, y, v) == -1)
		bad = 1;
	if ((v = ydoc_get(y, root, "summary"))) {
		if ((a->summary = want_text(y, v, "summary")) == NULL)
			bad = 1;
		else
			content_squeeze(a->summary);
	}
	if ((v = ydoc_get(y, root, "author")) &&
	    read_authors(a, y, v) == -1)
		bad = 1;
	if (read_section(a, y, root) == -1)
		bad = 1;
	if (read_image_tkey(a, y, root) == -1)
		bad = 1;
	if ((v = ydoc_get(y, root, "draft")) &&
	    ydoc_want_bool(y, v, "draft", &a->draft) == -1)
		bad = 1;
	if ((v = ydoc_get(y, root, "tags")) && read_tags(a, y, v) == -1)
		bad = 1;
	if ((v = ydoc_get(y, root, "entities")) &&
	    read_entities(a, y, v) == -1)
		bad = 1;
	if ((v = ydoc_get(y, root, "aliases")) &&
	    read_aliases(c, a, y, v) == -1)
		bad = 1;
	if (a->aliases == NULL)
		a->aliases = xcalloc(1, sizeof(*a->aliases));
	warn_unknown_keys(a, y, root);
	read_extra(a, y, root);
	return bad ? -1 : 0;
}
