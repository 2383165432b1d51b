/*
 * config.c: see config.h.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "text/text.h"
#include "input/yamldoc.h"
#include "input/config.h"

/* The site.yaml of a site can be long, but not this long. */
#define CONFIG_MAX_BYTES (4 * 1024 * 1024)

char *
config_path(const struct config *c, const char *rel)
{
	if (strcmp(c->source, ".") == 0 || c->source[0] == '\0')
		return xstrdup(rel);
	return path_join(c->source, rel);
}

int
config_lang(const struct config *c, const char *code)
{
	size_t i;

	for (i = 0; i < c->nlangs; i++)
		if (strcmp(c->langs[i].code, code) == 0)
			return (int)i;
	return -1;
}

/* BCP 47-ish: a 2-3 letter language, then letters/digits subtags. */
static int
valid_code(const char *s)
{
	size_t n = 0;

	while (islower((unsigned char)s[n]))
		n++;
	if (n < 2 || n > 3)
		return 0;
	for (s += n; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '-')
			return 0;
	return 1;
}

static void
language_free(struct language *l)
{
	free(l->code);
	free(l->name);
	free(l->locale);
	free(l->numbers);
	ydoc_strv_free(l->calendars);
	free(l->title);
	ydoc_strv_free(l->filing);
	ydoc_strv_free(l->drop);
}

void
config_free(struct config *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nlangs; i++)
		language_free(&c->langs[i]);
	free(c->langs);
	free(c->source);
	free(c->path);
	free(c->base_url);
	for (i = 0; i < c->nsections; i++) {
		size_t k;

		for (k = 0; k < c->nlangs; k++)
			free(c->sections[i].name[k]);
		free(c->sections[i].name);
		free(c->sections[i].key);
	}
	free(c->sections);
	free(c);
}

/*
 * sections: key -> {lang: name}: a section's name in each language, so
 * that its pages link to each other.  Returns -1 after reporting.
 */
static int
read_sections(struct config *c, const struct ydoc *y, int v)
{
	size_t i, k;
	int bad = 0;

	if (ydoc_type(y, v) != Y_MAP) {
		diag(DIAG_ERROR, c->path, ydoc_line(y, v), ydoc_col(y, v),
		    "'sections' must map a key to its names, e.g. "
		    "sections: {economy: {en: Economy, fr: Économie}}");
		return -1;
	}
	c->sections = xcalloc(ydoc_len(y, v) + 1, sizeof(*c->sections));
	for (i = 0; i < ydoc_len(y, v); i++) {
		int kn = ydoc_key(y, v, i), m = ydoc_value(y, v, i);
		struct section_def *sd = &c->sections[c->nsections];
		const char *key = ydoc_str(y, kn), *p;

		for (p = key; *p; p++)
			if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' &&
			    *p <= '9') || *p == '-'))
				break;
		if (*p != '\0' || *key == '\0' || ydoc_type(y, m) != Y_MAP) {
			diag(DIAG_ERROR, c->path, ydoc_line(y, kn),
			    ydoc_col(y, kn), "section '%s' must be a key of "
			    "lower-case letters, digits and '-' mapping "
			    "languages to names ({en: Economy, fr: Économie})",
			    key);
			bad = 1;
			continue;
		}
		sd->key = xstrdup(key);
		sd->name = xcalloc(c->nlangs, sizeof(*sd->name));
		c->nsections++;
		for (k = 0; k < ydoc_len(y, m); k++) {
			int ln = ydoc_key(y, m, k);
			int li = config_lang(c, ydoc_str(y, ln));
			char *s;

			if (li < 0) {
				diag(DIAG_ERROR, c->path, ydoc_line(y, ln),
				    ydoc_col(y, ln), "section '%s': language "
				    "'%s' is not in languages", key,
				    ydoc_str(y, ln));
				bad = 1;
				continue;
			}
			if (ydoc_want_str(y, ydoc_value(y, m, k), "section name",
			    &s) == -1) {
				bad = 1;
				continue;
			}
			free(sd->name[li]);
			sd->name[li] = text_nfc(s);
			free(s);
		}
	}
	return bad ? -1 : 0;
}

/*
 * The code of a language given as a map.  Returns -1 after reporting:
 * without a code nothing else of the language can be read.
 */
static int
read_language_code(struct config *c, const struct ydoc *y, int node,
    struct language *l)
{
	static const char *known[] = { "code", "name", "locale", "direction",
	    "numbers", "calendars", "slugs", "title", "slug_from",
	    "filing_articles", "drop_paragraphs", NULL };
	int v;

	ydoc_check_keys(y, node, known, "language key");
	v = ydoc_get(y, node, "code");
	if (v == 0) {
		diag(DIAG_ERROR, c->path, ydoc_line(y, node),
		    ydoc_col(y, node), "this language has no 'code'; "
		    "add code: xx (an ISO 639 code such as ar)");
		return -1;
	}
	if (ydoc_want_str(y, v, "code", &l->code) == -1)
		return -1;
	if (!valid_code(l->code)) {
		diag(DIAG_ERROR, c->path, ydoc_line(y, v),
		    ydoc_col(y, v), "'%s' is not a language code; "
		    "use a lower-case code such as ar, en or fr",
		    l->code);
		return -1;
	}
	return 0;
}

/* name, title and locale; the locale must be one ICU knows. */
static void
read_language_names(struct config *c, const struct ydoc *y, int node,
    struct language *l, int *bad)
{
	int v;

	if ((v = ydoc_get(y, node, "name")) &&
	    ydoc_want_str(y, v, "name", &l->name) == -1)
		*bad = 1;
	if ((v = ydoc_get(y, node, "title")) &&
	    ydoc_want_str(y, v, "title", &l->title) == -1)
		*bad = 1;
	if ((v = ydoc_get(y, node, "locale")) &&
	    ydoc_want_str(y, v, "locale", &l->locale) == -1)
		*bad = 1;
	if (l->locale && !text_locale_known(l->locale)) {
		diag(DIAG_ERROR, c->path, ydoc_line(y, v),
		    ydoc_col(y, v), "ICU knows no locale '%s'; use "
		    "a tag such as ar-SY or fr-CA", l->locale);
		*bad = 1;
	}
}

/* numbers: the digits of the language's pages ("native": the locale's). */
static void
read_language_numbers(struct config *c, const struct ydoc *y, int node,
    struct language *l, int *bad)
{
	int v;

	if ((v = ydoc_get(y, node, "numbers")) == 0)
		;	/* the locale's own digits */
	else if (ydoc_want_str(y, v, "numbers", &l->numbers) == -1)
		*bad = 1;
	else if (strcmp(l->numbers, "latn") != 0 &&
	    strcmp(l->numbers, "arab") != 0 &&
	    strcmp(l->numbers, "arabext") != 0 &&
	    strcmp(l->numbers, "native") != 0) {
		diag(DIAG_ERROR, c->path, ydoc_line(y, v),
		    ydoc_col(y, v), "numbers '%s' is not supported; "
		    "use latn, arab, arabext or native", l->numbers);
		*bad = 1;
	}
	if (l->numbers && strcmp(l->numbers, "native") == 0) {
		free(l->numbers);
		l->numbers = NULL;
	}
}

/* calendars: the extra calendars of dates, each one ICU has. */
static void
read_language_calendars(struct config *c, const struct ydoc *y, int node,
    struct language *l, int *bad)
{
	size_t k;
	int v;

	if ((v = ydoc_get(y, node, "calendars")) &&
	    ydoc_want_list(y, v, "calendars", &l->calendars,
	    &l->ncalendars) == 0) {
		for (k = 0; k < l->ncalendars; k++)
			if (!text_calendar_known(l->calendars[k])) {
				diag(DIAG_ERROR, c->path,
				    ydoc_line(y, ydoc_item(y, v, k)),
				    ydoc_col(y, ydoc_item(y, v, k)),
				    "ICU has no calendar '%s'; try "
				    "islamic-umalqura, islamic-civil, "
				    "persian or hebrew",
				    l->calendars[k]);
				*bad = 1;
			}
	} else if (v)
		*bad = 1;
}

/* drop_paragraphs: texts of paragraphs an import leaves and pages drop. */
static void
read_language_drop(const struct ydoc *y, int node, struct language *l,
    int *bad)
{
	size_t k;
	int v;

	/* Compared with a paragraph's text as content/markdown.c gets it. */
	if ((v = ydoc_get(y, node, "drop_paragraphs")) &&
	    ydoc_want_list(y, v, "drop_paragraphs", &l->drop,
	    &l->ndrop) == 0) {
		for (k = 0; k < l->ndrop; k++) {
			char *t = text_nfc(l->drop[k]), *e;
			size_t sp = strspn(t, " \t\r\n");

			memmove(t, t + sp, strlen(t + sp) + 1);
			e = t + strlen(t);
			while (e > t && strchr(" \t\r\n", e[-1]))
				*--e = '\0';
			free(l->drop[k]);
			l->drop[k] = t;
		}
	} else if (v)
		*bad = 1;
}

/* direction: rtl or ltr; without it, the locale's (rtl stays -1 till then). */
static void
read_language_direction(struct config *c, const struct ydoc *y, int node,
    struct language *l, int *bad)
{
	char *s = NULL;
	int v;

	if ((v = ydoc_get(y, node, "direction"))) {
		if (ydoc_want_str(y, v, "direction", &s) == -1)
			*bad = 1;
		else if (strcmp(s, "rtl") == 0 || strcmp(s, "ltr") == 0)
			l->rtl = strcmp(s, "rtl") == 0 ? 1 : 0;
		else {
			diag(DIAG_ERROR, c->path, ydoc_line(y, v),
			    ydoc_col(y, v), "direction must be rtl "
			    "or ltr");
			*bad = 1;
		}
		free(s);
	} else
		l->rtl = -1;
}

/* slugs: unicode or ascii; without it, ascii for a Latin-script language. */
static void
read_language_slugs(struct config *c, const struct ydoc *y, int node,
    struct language *l, int *bad)
{
	char *s = NULL;
	int v;

	if ((v = ydoc_get(y, node, "slugs"))) {
		if (ydoc_want_str(y, v, "slugs", &s) == -1)
			*bad = 1;
		else {
			if (strcmp(s, "ascii") == 0)
				l->slugs = SLUG_ASCII;
			else if (strcmp(s, "unicode") == 0)
				l->slugs = SLUG_UNICODE;
			else {
				diag(DIAG_ERROR, c->path,
				    ydoc_line(y, v), ydoc_col(y, v),
				    "slugs must be unicode or ascii");
				*bad = 1;
			}
			free(s);
		}
	} else
		l->slugs = text_is_latin(l->code) ? SLUG_ASCII :
		    SLUG_UNICODE;
}

/* slug_from: title (the default) or file. */
static void
read_language_slug_from(struct config *c, const struct ydoc *y, int node,
    struct language *l, int *bad)
{
	char *s = NULL;
	int v;

	if ((v = ydoc_get(y, node, "slug_from"))) {
		if (ydoc_want_str(y, v, "slug_from", &s) == -1)
			*bad = 1;
		else if (strcmp(s, "file") == 0 || strcmp(s, "title") == 0)
			l->slug_from_file = strcmp(s, "file") == 0;
		else {
			diag(DIAG_ERROR, c->path, ydoc_line(y, v),
			    ydoc_col(y, v), "slug_from must be title (slugs "
			    "from headlines) or file (from file names, so "
			    "that editing a headline keeps its URL)");
			*bad = 1;
		}
		free(s);
	}
}

/* filing_articles: the articles an index files names without. */
static void
read_language_filing(const struct ydoc *y, int node, struct language *l,
    int *bad)
{
	size_t k;
	int v;

	if (ydoc_type(y, node) == Y_MAP &&
	    (v = ydoc_get(y, node, "filing_articles"))) {
		if (ydoc_want_list(y, v, "filing_articles", &l->filing,
		    &l->nfiling) == -1)
			*bad = 1;
		for (k = 0; k < l->nfiling; k++) {
			char *n = text_nfc(l->filing[k]);

			free(l->filing[k]);
			l->filing[k] = n;
		}
	} else if (l->code && (strcmp(l->code, "ar") == 0 ||
	    strncmp(l->code, "ar-", 3) == 0)) {
		/* Arabic libraries file names without their "ال". */
		l->filing = xcalloc(2, sizeof(char *));
		l->filing[0] = xstrdup("\u0627\u0644");
		l->nfiling = 1;
	}
}

/*
 * What a language left unsaid, from ICU: its locale, direction and
 * name; and its code must be one ICU knows.
 */
static void
language_defaults(struct config *c, const struct ydoc *y, int node,
    struct language *l, int *bad)
{
	if (ydoc_type(y, node) == Y_SCALAR) {
		l->rtl = -1;
		l->slugs = text_is_latin(l->code) ? SLUG_ASCII : SLUG_UNICODE;
	}
	if (!text_locale_known(l->code)) {
		int at = ydoc_type(y, node) == Y_MAP ?
		    ydoc_get(y, node, "code") : node;

		diag(DIAG_ERROR, c->path, ydoc_line(y, at), ydoc_col(y, at),
		    "ICU knows no language '%s'; use an ISO 639 code", l->code);
		*bad = 1;
	}
	if (l->locale == NULL)
		l->locale = xstrdup(l->code);
	if (l->rtl == -1)
		l->rtl = text_is_rtl(l->locale);
	if (l->name == NULL)
		l->name = text_language_name(l->code);
	if (l->calendars == NULL)
		l->calendars = xcalloc(1, sizeof(char *));
	if (l->filing == NULL)
		l->filing = xcalloc(1, sizeof(char *));
}

/* One item of languages: "- ar" or a map.  Returns -1 after reporting. */
static int
read_language(struct config *c, const struct ydoc *y, int node,
    struct language *l)
{
	int bad = 0;

	if (ydoc_type(y, node) == Y_SCALAR) {
		/* "- ar" is short for "- code: ar". */
		if (ydoc_want_str(y, node, "languages", &l->code) == -1)
			return -1;
	} else if (ydoc_type(y, node) != Y_MAP) {
		diag(DIAG_ERROR, c->path, ydoc_line(y, node), ydoc_col(y, node),
		    "each language is a map with at least 'code: xx'");
		return -1;
	} else {
		if (read_language_code(c, y, node, l) == -1)
			return -1;
		read_language_names(c, y, node, l, &bad);
		read_language_numbers(c, y, node, l, &bad);
		read_language_calendars(c, y, node, l, &bad);
		read_language_drop(y, node, l, &bad);
		read_language_direction(c, y, node, l, &bad);
		read_language_slugs(c, y, node, l, &bad);
		read_language_slug_from(c, y, node, l, &bad);
	}
	read_language_filing(y, node, l, &bad);
	language_defaults(c, y, node, l, &bad);
	return bad ? -1 : 0;
}

static void
read_title(struct config *c, const struct ydoc *y, int v, int *bad)
{
	size_t i;
	int li;

	if (ydoc_type(y, v) == Y_MAP) {
		for (i = 0; i < ydoc_len(y, v); i++) {
			int k = ydoc_key(y, v, i);

			if ((li = config_lang(c, ydoc_str(y, k))) < 0) {
				diag(DIAG_ERROR, c->path, ydoc_line(y, k),
				    ydoc_col(y, k), "title for '%s', which is "
				    "not in languages", ydoc_str(y, k));
				*bad = 1;
				continue;
			}
			free(c->langs[li].title);
			c->langs[li].title = NULL;
			if (ydoc_want_str(y, ydoc_value(y, v, i), "title",
			    &c->langs[li].title) == -1)
				*bad = 1;
		}
	} else {
		char *t;

		if (ydoc_want_str(y, v, "title", &t) == -1) {
			*bad = 1;
			return;
		}
		for (i = 0; i < c->nlangs; i++)
			if (c->langs[i].title == NULL)
				c->langs[i].title = xstrdup(t);
		free(t);
	}
}

/*
 * Reads and parses dir/site.yaml into *y, its text in *buf (the caller
 * frees both, also on failure).  Returns -1 after reporting.
 */
static int
parse_site_yaml(struct config *c, const char *dir, char **buf,
    struct ydoc **y)
{
	char *full;
	size_t len, k;

	full = path_join(dir, "site.yaml");
	*buf = file_read(full, CONFIG_MAX_BYTES, &len);
	free(full);
	if (*buf == NULL) {
		diag(DIAG_ERROR, c->path, 0, 0, "cannot read: %s; a site "
		    "folder needs a site.yaml (see the README)",
		    errno == EFBIG ? "file too large" : strerror(errno));
		return -1;
	}
	if (!text_utf8_valid(*buf, len, &k)) {
		diag(DIAG_ERROR, c->path, 0, 0, "invalid UTF-8 at byte %zu; "
		    "save the file as UTF-8", k);
		return -1;
	}
	if ((*y = ydoc_parse(c->path, *buf, len, 1)) == NULL)
		return -1;
	return 0;
}

/* languages: at least one, each once.  Returns -1 after reporting. */
static int
read_languages(struct config *c, const struct ydoc *y, int root)
{
	size_t i, k;
	int v, bad = 0;

	v = ydoc_get(y, root, "languages");
	if (v == 0 || ydoc_type(y, v) != Y_SEQ || ydoc_len(y, v) == 0) {
		diag(DIAG_ERROR, c->path, v ? ydoc_line(y, v) : 1,
		    v ? ydoc_col(y, v) : 1, "'languages' must be a list of at "
		    "least one language, e.g. languages: [{code: ar}]");
		return -1;
	}
	c->nlangs = ydoc_len(y, v);
	c->langs = xcalloc(c->nlangs, sizeof(*c->langs));
	for (i = 0; i < c->nlangs; i++) {
		if (read_language(c, y, ydoc_item(y, v, i), &c->langs[i]) == -1)
			bad = 1;
		for (k = 0; k < i && c->langs[i].code; k++)
			if (c->langs[k].code && strcmp(c->langs[k].code,
			    c->langs[i].code) == 0) {
				diag(DIAG_ERROR, c->path,
				    ydoc_line(y, ydoc_item(y, v, i)),
				    ydoc_col(y, ydoc_item(y, v, i)),
				    "language '%s' is listed twice",
				    c->langs[i].code);
				bad = 1;
			}
	}
	return bad ? -1 : 0;
}

/*
 * default_language, one of languages (else the first).  Returns -1
 * when it is not text at all: nothing after it is read then.
 */
static int
read_default_language(struct config *c, const struct ydoc *y, int root,
    int *bad)
{
	char *s;
	int v;

	c->deflang = 0;
	if ((v = ydoc_get(y, root, "default_language"))) {
		int li;

		if (ydoc_want_str(y, v, "default_language", &s) == -1)
			return -1;
		li = config_lang(c, s);
		if (li < 0) {
			diag(DIAG_ERROR, c->path, ydoc_line(y, v),
			    ydoc_col(y, v), "default_language '%s' is not in "
			    "languages; add it there or pick one of them", s);
			*bad = 1;
		} else
			c->deflang = (size_t)li;
		free(s);
	}
	return 0;
}

/* base_url: required, http(s), kept with a final '/'. */
static void
read_base_url(struct config *c, const struct ydoc *y, int root, int *bad)
{
	char *s;
	int v;

	if ((v = ydoc_get(y, root, "base_url"))) {
		if (ydoc_want_str(y, v, "base_url", &s) == -1)
			*bad = 1;
		else if (strncmp(s, "https://", 8) != 0 &&
		    strncmp(s, "http://", 7) != 0) {
			diag(DIAG_ERROR, c->path, ydoc_line(y, v),
			    ydoc_col(y, v), "base_url must start with https:// "
			    "or http://");
			*bad = 1;
			free(s);
		} else {
			c->base_url = has_suffix(s, "/") ? xstrdup(s) :
			    xasprintf("%s/", s);
			free(s);
		}
	} else {
		diag(DIAG_ERROR, c->path, 1, 1, "site.yaml has no 'base_url'; "
		    "feeds and sitemaps need absolute addresses: add "
		    "base_url: \"https://example.org/\"");
		*bad = 1;
	}
}

/* paginate, feed_size, sitemap_chunk: counts, each in its range. */
static void
read_sizes(struct config *c, const struct ydoc *y, int root, int *bad)
{
	long n;
	int v;

	if ((v = ydoc_get(y, root, "paginate"))) {
		if (ydoc_want_int(y, v, "paginate", 1, 100000, &n) == -1)
			*bad = 1;
		else
			c->paginate = n;
	}
	if ((v = ydoc_get(y, root, "feed_size"))) {
		if (ydoc_want_int(y, v, "feed_size", 1, 100000, &n) == -1)
			*bad = 1;
		else
			c->feed_size = n;
	}
	/* The sitemaps protocol's own limit is 50,000 URLs a file. */
	if ((v = ydoc_get(y, root, "sitemap_chunk"))) {
		if (ydoc_want_int(y, v, "sitemap_chunk", 1, 50000, &n) == -1)
			*bad = 1;
		else
			c->sitemap_chunk = n;
	}
}

/* mentions, follow_symlinks, unsafe_html (yes or no), feed_content. */
static void
read_switches(struct config *c, const struct ydoc *y, int root, int *bad)
{
	char *s;
	int v;

	c->mentions = 1;
	if ((v = ydoc_get(y, root, "mentions")) &&
	    ydoc_want_bool(y, v, "mentions", &c->mentions) == -1)
		*bad = 1;
	if ((v = ydoc_get(y, root, "follow_symlinks")) &&
	    ydoc_want_bool(y, v, "follow_symlinks", &c->follow_symlinks) == -1)
		*bad = 1;
	if ((v = ydoc_get(y, root, "unsafe_html")) &&
	    ydoc_want_bool(y, v, "unsafe_html", &c->unsafe_html) == -1)
		*bad = 1;
	if ((v = ydoc_get(y, root, "feed_content"))) {
		if (ydoc_want_str(y, v, "feed_content", &s) == -1)
			*bad = 1;
		else {
			if (strcmp(s, "summary") == 0)
				c->feed_summary = 1;
			else if (strcmp(s, "full") != 0) {
				diag(DIAG_ERROR, c->path, ydoc_line(y, v),
				    ydoc_col(y, v), "feed_content must be full "
				    "(whole articles in feeds) or summary");
				*bad = 1;
			}
			free(s);
		}
	}
}

/* link_style: directory (clean URLs) or index. */
static void
read_link_style(struct config *c, const struct ydoc *y, int root, int *bad)
{
	char *s;
	int v;

	if ((v = ydoc_get(y, root, "link_style"))) {
		if (ydoc_want_str(y, v, "link_style", &s) == -1)
			*bad = 1;
		else {
			if (strcmp(s, "index") == 0)
				c->index_links = 1;
			else if (strcmp(s, "directory") != 0) {
				diag(DIAG_ERROR, c->path, ydoc_line(y, v),
				    ydoc_col(y, v), "link_style must be "
				    "directory (clean URLs) or index (links "
				    "end in index.html, for file://)");
				*bad = 1;
			}
			free(s);
		}
	}
}

struct config *
config_load(const char *dir)
{
	static const char *known[] = { "title", "base_url", "default_language",
	    "languages", "paginate", "feed_size", "unsafe_html", "link_style",
	    "mentions", "follow_symlinks", "feed_content", "sections", "sitemap_chunk", NULL };
	struct config *c = xcalloc(1, sizeof(*c));
	struct ydoc *y = NULL;
	char *buf = NULL;
	size_t i;
	int root, v, bad = 0;

	c->source = xstrdup(dir);
	c->path = config_path(c, "site.yaml");
	c->paginate = 10;
	c->feed_size = 50;
	c->sitemap_chunk = 50000;
	if (parse_site_yaml(c, dir, &buf, &y) == -1)
		goto fail;
	root = ydoc_root(y);
	if (ydoc_type(y, root) != Y_MAP) {
		diag(DIAG_ERROR, c->path, 1, 1, "site.yaml must be a map of "
		    "settings (title, base_url, languages...)");
		goto fail;
	}
	ydoc_check_keys(y, root, known, "key");

	if (read_languages(c, y, root) == -1)
		goto fail;
	if (read_default_language(c, y, root, &bad) == -1)
		goto fail;
	if ((v = ydoc_get(y, root, "title")))
		read_title(c, y, v, &bad);
	else {
		diag(DIAG_ERROR, c->path, 1, 1, "site.yaml has no 'title'; "
		    "add title: \"My archive\"");
		bad = 1;
	}
	for (i = 0; i < c->nlangs && !bad; i++)
		if (c->langs[i].title == NULL)
			c->langs[i].title = xstrdup(
			    c->langs[c->deflang].title ?
			    c->langs[c->deflang].title : "");
	read_base_url(c, y, root, &bad);
	read_sizes(c, y, root, &bad);
	read_switches(c, y, root, &bad);
	if ((v = ydoc_get(y, root, "sections")) &&
	    read_sections(c, y, v) == -1)
		bad = 1;
	read_link_style(c, y, root, &bad);
	if (bad)
		goto fail;
	ydoc_free(y);
	free(buf);
	return c;
fail:
	ydoc_free(y);
	free(buf);
	config_free(c);
	return NULL;
}
