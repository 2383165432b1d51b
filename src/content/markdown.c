/*
 * markdown.c: one article file to an article.  The bytes are checked,
 * the front matter split off and read (frontmatter.c), the body parsed
 * by cmark, cleaned (unsafe images, dropped paragraphs, local image
 * URLs), rendered to HTML and to plain text, and the summary and slug
 * derived when not given.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark.h>

#include "base/util.h"
#include "text/text.h"
#include "input/config.h"
#include "input/yamldoc.h"
#include "cache/cache.h"
#include "content/content.h"
#include "content/content_int.h"

/* Summaries cut from the first paragraph stop near this many bytes. */
#define SUMMARY_MAX 300

/* Cuts s near max bytes at a space, adding an ellipsis. */
static void
shorten(char **s)
{
	size_t n = strlen(*s), cut;
	char *t;

	if (n <= SUMMARY_MAX)
		return;
	cut = SUMMARY_MAX;
	while (cut > SUMMARY_MAX / 2 && (*s)[cut] != ' ')
		cut--;
	if ((*s)[cut] != ' ') {	/* no space: back to a code point start */
		cut = SUMMARY_MAX;
		while (cut > 0 && ((unsigned char)(*s)[cut] & 0xc0) == 0x80)
			cut--;
	}
	t = xasprintf("%.*s…", (int)cut, *s);
	free(*s);
	*s = t;
}

/*
 * Appends the text under node n.  With prose set, code and links are
 * left out: that text is for matching names, which must never be
 * found inside code or a link.
 */
static void
node_text(cmark_node *n, int prose, struct strbuf *sb)
{
	cmark_iter *it = cmark_iter_new(n);
	cmark_event_type ev;
	int skip = 0;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *c = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(c);

		if (t == CMARK_NODE_LINK && prose) {
			skip += ev == CMARK_EVENT_ENTER ? 1 : -1;
			if (ev == CMARK_EVENT_EXIT)
				sb_addc(sb, ' ');
			continue;
		}
		if (skip || ev != CMARK_EVENT_ENTER) {
			if (ev == CMARK_EVENT_EXIT && !skip &&
			    (t == CMARK_NODE_PARAGRAPH ||
			    t == CMARK_NODE_HEADING))
				sb_addc(sb, '\n');
			continue;
		}
		switch (t) {
		case CMARK_NODE_TEXT:
			sb_adds(sb, cmark_node_get_literal(c));
			break;
		case CMARK_NODE_CODE:
			sb_adds(sb, prose ? " " : cmark_node_get_literal(c));
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			sb_addc(sb, ' ');
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

/* cmark's own test of a URL it will not link (safe mode). */
static int
unsafe_url(const char *u)
{
	static const char *const bad[] = { "javascript:", "vbscript:", "file:",
	    "data:", NULL };
	static const char *const images[] = { "data:image/png", "data:image/gif",
	    "data:image/jpeg", "data:image/webp", NULL };
	int i;

	for (i = 0; images[i]; i++)
		if (strncasecmp(u, images[i], strlen(images[i])) == 0)
			return 0;
	for (i = 0; bad[i]; i++)
		if (strncasecmp(u, bad[i], strlen(bad[i])) == 0)
			return 1;
	return 0;
}

/*
 * In safe mode cmark keeps an image with a dangerous URL as <img
 * src="">, which is inert but invalid HTML: show its text instead.
 */
static void
drop_unsafe_images(cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	cmark_node **bad = NULL;
	size_t n = 0, i;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *c = cmark_iter_get_node(it);
		const char *u;

		if (ev != CMARK_EVENT_ENTER ||
		    cmark_node_get_type(c) != CMARK_NODE_IMAGE)
			continue;
		u = cmark_node_get_url(c);
		if (u != NULL && unsafe_url(u)) {
			bad = xreallocarray(bad, n + 1, sizeof(*bad));
			bad[n++] = c;
		}
	}
	cmark_iter_free(it);
	/*
	 * Changed after the walk: the iterator must not see the tree move.
	 * Innermost first (the walk met outer images before the ones they
	 * hold): freeing an outer image frees its subtree, so an inner one
	 * handled after it would be gone.
	 */
	for (i = n; i-- > 0;) {
		struct strbuf alt = STRBUF_INIT;
		cmark_node *t = cmark_node_new(CMARK_NODE_TEXT);

		node_text(bad[i], 0, &alt);
		cmark_node_set_literal(t, sb_str(&alt));
		cmark_node_insert_before(bad[i], t);
		cmark_node_free(bad[i]);
		sb_free(&alt);
	}
	free(bad);
}

/*
 * Removes every paragraph whose whole text, trimmed, is one of the
 * language's drop_paragraphs ("اقرأ المزيد" left by a scraper).  The
 * body is NFC already, and so are the configured strings.
 */
static void
drop_paragraphs(cmark_node *doc, const struct language *l)
{
	cmark_iter *it;
	cmark_event_type ev;
	cmark_node **gone = NULL;
	size_t n = 0, i, k;

	if (l->ndrop == 0)
		return;
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *c = cmark_iter_get_node(it);
		struct strbuf sb = STRBUF_INIT;
		char *t, *e;

		if (ev != CMARK_EVENT_ENTER ||
		    cmark_node_get_type(c) != CMARK_NODE_PARAGRAPH)
			continue;
		node_text(c, 0, &sb);
		t = (char *)sb_str(&sb);
		t += strspn(t, " \t\r\n");
		e = t + strlen(t);
		while (e > t && strchr(" \t\r\n", e[-1]))
			*--e = '\0';
		for (k = 0; k < l->ndrop; k++)
			if (strcmp(t, l->drop[k]) == 0)
				break;
		if (k < l->ndrop) {
			gone = xreallocarray(gone, n + 1, sizeof(*gone));
			gone[n++] = c;
		}
		sb_free(&sb);
	}
	cmark_iter_free(it);
	/* After the walk: the iterator must not see the tree change. */
	for (i = 0; i < n; i++)
		cmark_node_free(gone[i]);
	free(gone);
}

/* The first paragraph's text, or "" (caller frees). */
static char *
first_paragraph(cmark_node *doc)
{
	struct strbuf sb = STRBUF_INIT;
	cmark_node *n;

	for (n = cmark_node_first_child(doc); n; n = cmark_node_next(n))
		if (cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH) {
			node_text(n, 0, &sb);
			break;
		}
	return sb_detach(&sb);
}

/*
 * Where the front matter ends: sets *body to the first byte after the
 * closing line and *fm_len to the YAML's length; returns the number of
 * lines before the body, or -1 when the front matter is not closed.
 */
static int
split_front_matter(const char *buf, size_t len, size_t *fm_start,
    size_t *fm_len, size_t *body)
{
	size_t i = 0, line_start;
	int lines = 1;

	/* The opening line: "---" and nothing else but white space. */
	while (i < len && buf[i] != '\n')
		i++;
	i++;
	*fm_start = i;
	while (i < len) {
		size_t e;

		line_start = i;
		while (i < len && buf[i] != '\n')
			i++;
		e = i;
		lines++;
		while (e > line_start && (buf[e - 1] == '\r' ||
		    buf[e - 1] == ' ' || buf[e - 1] == '\t'))
			e--;
		if ((e - line_start == 3 && (memcmp(buf + line_start, "---",
		    3) == 0 || memcmp(buf + line_start, "...", 3) == 0))) {
			*fm_len = line_start - *fm_start;
			*body = i < len ? i + 1 : len;
			return lines;
		}
		i++;
	}
	return -1;
}

static int
starts_front_matter(const char *buf, size_t len)
{
	size_t i = 3;

	if (len < 3 || memcmp(buf, "---", 3) != 0)
		return 0;
	while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r'))
		i++;
	return i == len || buf[i] == '\n';
}

/* Line and column (in code points) of a byte offset, for diagnostics. */
static void
offset_pos(const char *buf, size_t off, int *line, int *col)
{
	size_t i;

	*line = 1;
	*col = 1;
	for (i = 0; i < off; i++) {
		if (buf[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)buf[i] & 0xc0) != 0x80)
			(*col)++;
	}
}

/*
 * The name a slug comes from under slug_from: file: the file name
 * without .md, or for "story/index.md" the folder's.  Caller frees.
 */
static char *
file_slug_base(const char *path)
{
	const char *end = path + strlen(path), *start;

	if (has_suffix(path, ".md"))
		end -= 3;
	start = end;
	while (start > path && start[-1] != '/')
		start--;
	if (end - start == 5 && memcmp(start, "index", 5) == 0 &&
	    start > path + 1) {
		end = start - 1;
		start = end;
		while (start > path && start[-1] != '/')
			start--;
	}
	return xstrndup(start, (size_t)(end - start));
}

/* The file is UTF-8 text: 0, or -1 after reporting where it is not. */
static int
check_text(const char *path, const char *buf, size_t len)
{
	size_t bad_at;
	int line, col;

	if (!text_utf8_valid(buf, len, &bad_at)) {
		offset_pos(buf, bad_at, &line, &col);
		diag(DIAG_ERROR, path, line, col, "invalid UTF-8 at byte %zu "
		    "(0x%02x); convert the file to UTF-8 (iconv -f "
		    "windows-1256 -t utf-8, for example)", bad_at,
		    (unsigned char)buf[bad_at]);
		return -1;
	}
	if (memchr(buf, '\0', len) != NULL) {
		offset_pos(buf, (size_t)((const char *)memchr(buf, '\0', len) -
		    buf), &line, &col);
		diag(DIAG_ERROR, path, line, col, "the file holds a NUL byte; "
		    "it is not a text file");
		return -1;
	}
	return 0;
}

/*
 * Reads the front matter into a and sets *body to where the body
 * starts.  Returns the number of lines before the body, or -1 after
 * reporting.
 */
static int
read_head(const struct config *c, struct article *a, const char *buf,
    size_t len, int lang, size_t *body)
{
	const char *path = a->path;
	struct ydoc *y;
	size_t i, fm_start, fm_len;
	int lines, rc;

	/* Only len bytes are ours: buf need not end in a NUL. */
	for (i = 0; i < len && strchr(" \t\r\n", buf[i]) && buf[i] != '\0'; i++)
		;
	if (i == len) {
		diag(DIAG_ERROR, path, 1, 1, "the file is empty; an article "
		    "starts with front matter between --- lines");
		return -1;
	}
	if (!starts_front_matter(buf, len)) {
		diag(DIAG_ERROR, path, 1, 1, "no front matter; start the file "
		    "with a line '---', then title: and date:, then '---'");
		return -1;
	}
	lines = split_front_matter(buf, len, &fm_start, &fm_len, body);
	if (lines < 0) {
		diag(DIAG_ERROR, path, 1, 1, "the front matter opened here is "
		    "never closed; add a line '---' after it");
		return -1;
	}
	if ((y = ydoc_parse_noalias(path, buf + fm_start, fm_len, 2)) == NULL)
		return -1;
	if (ydoc_root(y) == 0) {
		diag(DIAG_ERROR, path, 1, 1, "the front matter is empty; it "
		    "needs at least title: and date:");
		ydoc_free(y);
		return -1;
	}
	rc = content_front_matter(c, a, y, lang);
	ydoc_free(y);
	return rc == -1 ? -1 : lines;
}

/*
 * The body, from byte body of buf on (lines lines below the file's
 * start): its html, text, images and, when not given, summary.
 * Returns -1 after reporting.
 */
static int
read_body(const struct config *c, struct article *a, const char *buf,
    size_t len, size_t body, int lines)
{
	const char *path = a->path;
	int line, col, opts;
	cmark_node *doc;
	char *nfc, *raw;

	raw = xstrndup(buf + body, len - body);
	/*
	 * Control codes would reach HTML and the feed's XML, and bidi
	 * overrides can make text read other than it is: drop them.
	 */
	if (text_strip_controls(raw, 1, 1) > 0) {
		offset_pos(buf, body, &line, &col);
		diag(DIAG_WARNING, path, line, 1, "the body holds control or "
		    "bidi override characters; they were removed");
	}
	nfc = text_nfc(raw);
	free(raw);
	opts = CMARK_OPT_DEFAULT | (c->unsafe_html ? CMARK_OPT_UNSAFE : 0);
	doc = cmark_parse_document(nfc, strlen(nfc), opts);
	if (!c->unsafe_html)
		drop_unsafe_images(doc);
	drop_paragraphs(doc, &c->langs[a->lang]);
	if (content_local_images(c, a, doc, nfc, lines) == -1) {
		free(nfc);
		cmark_node_free(doc);
		return -1;
	}
	/* Nothing after the front matter: the page would be a title alone. */
	if (cmark_node_first_child(doc) == NULL) {
		a->empty_body = 1;
		diag(DIAG_WARNING, path, lines, 1, "the article has no body "
		    "after its front matter; it is published with its title "
		    "only");
	}
	free(nfc);
	a->html = cmark_render_html(doc, opts);
	cache_hash(a->html, strlen(a->html), a->body_sig);
	{
		struct strbuf sb = STRBUF_INIT;

		node_text(doc, 1, &sb);
		a->text = sb_detach(&sb);
	}
	if (a->summary == NULL) {
		a->summary = first_paragraph(doc);
		content_squeeze(a->summary);
		shorten(&a->summary);
	}
	cmark_node_free(doc);
	return 0;
}

/* The slug, unless slug: gave it: from the file name or the title. */
static int
derive_slug(const struct config *c, struct article *a)
{
	const char *path = a->path, *why;

	if (a->slug == NULL && c->langs[a->lang].slug_from_file) {
		char *base = file_slug_base(path);

		a->slug = text_slug(base, c->langs[a->lang].slugs);
		a->slug_line = a->slug_col = 0;	/* the file name is the source */
		if (a->slug[0] == '\0') {
			diag(DIAG_ERROR, path, 0, 0, "the file name '%s' gives "
			    "no letter or digit for a URL (slug_from: file); "
			    "rename it or add slug: to the front matter", base);
			free(base);
			return -1;
		}
		free(base);
	}
	if (a->slug == NULL) {
		a->slug = text_slug(a->title, c->langs[a->lang].slugs);
		if (a->slug[0] == '\0') {
			diag(DIAG_ERROR, path, a->slug_line, a->slug_col, "the title '%s' gives no "
			    "letter or digit for a URL; add slug: to the "
			    "front matter", a->title);
			return -1;
		}
	}
	/* A derived slug is one folder name too. */
	if (!content_slug_ok(a->slug, &why)) {
		diag(DIAG_ERROR, path, a->slug_line, a->slug_col, "the slug "
		    "'%s' cannot be used: %s; set another slug:", a->slug, why);
		return -1;
	}
	return 0;
}

struct article *
article_parse(const struct config *c, const char *path, const char *buf,
    size_t len, int lang)
{
	struct article *a = xcalloc(1, sizeof(*a));
	size_t body;
	int lines;

	a->path = xstrdup(path);
	if (check_text(path, buf, len) == -1)
		goto fail;
	/* A byte order mark is allowed and dropped. */
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
		buf += 3;
		len -= 3;
	}
	if ((lines = read_head(c, a, buf, len, lang, &body)) == -1 ||
	    read_body(c, a, buf, len, body, lines) == -1 ||
	    derive_slug(c, a) == -1)
		goto fail;
	return a;
fail:
	article_free(a);
	return NULL;
}
