/*
 * content.c: see content.h.
 */
#define _GNU_SOURCE
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <strings.h>

#include <cmark.h>

#include "base/util.h"
#include "text/text.h"
#include "input/config.h"
#include "input/yamldoc.h"
#include "input/registry.h"
#include "cache/cache.h"
#include "content/content.h"
#include "content/content_int.h"
#include "base/progress.h"

/* Summaries cut from the first paragraph stop near this many bytes. */
#define SUMMARY_MAX 300
/*
 * A file whose status changed less than this before it was read may
 * change again within the same timestamp tick (coarse clocks, FAT's 2
 * seconds): its stat is recorded but not trusted, so the next build
 * hashes it again.
 */
#define RACY_NS 2000000000LL

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

struct article *
article_parse(const struct config *c, const char *path, const char *buf,
    size_t len, int lang)
{
	struct article *a = xcalloc(1, sizeof(*a));
	struct ydoc *y = NULL;
	size_t bad_at, fm_start, fm_len, body;
	int lines, line, col, opts;
	cmark_node *doc;
	char *nfc, *raw;
	const char *why;

	a->path = xstrdup(path);
	if (!text_utf8_valid(buf, len, &bad_at)) {
		offset_pos(buf, bad_at, &line, &col);
		diag(DIAG_ERROR, path, line, col, "invalid UTF-8 at byte %zu "
		    "(0x%02x); convert the file to UTF-8 (iconv -f "
		    "windows-1256 -t utf-8, for example)", bad_at,
		    (unsigned char)buf[bad_at]);
		goto fail;
	}
	if (memchr(buf, '\0', len) != NULL) {
		offset_pos(buf, (size_t)((const char *)memchr(buf, '\0', len) -
		    buf), &line, &col);
		diag(DIAG_ERROR, path, line, col, "the file holds a NUL byte; "
		    "it is not a text file");
		goto fail;
	}
	/* A byte order mark is allowed and dropped. */
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
		buf += 3;
		len -= 3;
	}
	/* Only len bytes are ours: buf need not end in a NUL. */
	for (bad_at = 0; bad_at < len && strchr(" \t\r\n", buf[bad_at]) &&
	    buf[bad_at] != '\0'; bad_at++)
		;
	if (bad_at == len) {
		diag(DIAG_ERROR, path, 1, 1, "the file is empty; an article "
		    "starts with front matter between --- lines");
		goto fail;
	}
	if (!starts_front_matter(buf, len)) {
		diag(DIAG_ERROR, path, 1, 1, "no front matter; start the file "
		    "with a line '---', then title: and date:, then '---'");
		goto fail;
	}
	lines = split_front_matter(buf, len, &fm_start, &fm_len, &body);
	if (lines < 0) {
		diag(DIAG_ERROR, path, 1, 1, "the front matter opened here is "
		    "never closed; add a line '---' after it");
		goto fail;
	}
	if ((y = ydoc_parse_noalias(path, buf + fm_start, fm_len, 2)) == NULL)
		goto fail;
	if (ydoc_root(y) == 0) {
		diag(DIAG_ERROR, path, 1, 1, "the front matter is empty; it "
		    "needs at least title: and date:");
		goto fail;
	}
	if (content_front_matter(c, a, y, lang) == -1)
		goto fail;
	ydoc_free(y);
	y = NULL;

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
		goto fail;
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

	if (a->slug == NULL && c->langs[a->lang].slug_from_file) {
		char *base = file_slug_base(path);

		a->slug = text_slug(base, c->langs[a->lang].slugs);
		a->slug_line = a->slug_col = 0;	/* the file name is the source */
		if (a->slug[0] == '\0') {
			diag(DIAG_ERROR, path, 0, 0, "the file name '%s' gives "
			    "no letter or digit for a URL (slug_from: file); "
			    "rename it or add slug: to the front matter", base);
			free(base);
			goto fail;
		}
		free(base);
	}
	if (a->slug == NULL) {
		a->slug = text_slug(a->title, c->langs[a->lang].slugs);
		if (a->slug[0] == '\0') {
			diag(DIAG_ERROR, path, a->slug_line, a->slug_col, "the title '%s' gives no "
			    "letter or digit for a URL; add slug: to the "
			    "front matter", a->title);
			goto fail;
		}
	}
	/* The reserved names hold for derived slugs too. */
	if (!content_slug_ok(a->slug, &why)) {
		diag(DIAG_ERROR, path, a->slug_line, a->slug_col, "the slug "
		    "'%s' cannot be used: %s; set another slug:", a->slug, why);
		goto fail;
	}
	return a;
fail:
	ydoc_free(y);
	article_free(a);
	return NULL;
}

void
corpus_free(struct corpus *cp)
{
	size_t i;

	for (i = 0; i < cp->n; i++)
		article_free(cp->arts[i]);
	free(cp->arts);
	cp->arts = NULL;
	cp->n = 0;
}

size_t
corpus_drop_future(struct corpus *cp, long long now)
{
	const struct article *next = NULL;
	size_t i, n = 0, dropped = 0;

	for (i = 0; i < cp->n; i++) {
		struct article *a = cp->arts[i];

		if (date_epoch(&a->date) <= now) {
			cp->arts[n++] = a;
			continue;
		}
		dropped++;
		if (next == NULL || date_epoch(&a->date) <
		    date_epoch(&next->date) || (date_epoch(&a->date) ==
		    date_epoch(&next->date) && strcmp(a->path, next->path) < 0)) {
			article_free((struct article *)next);
			next = a;
		} else
			article_free(a);
	}
	cp->n = n;
	if (next != NULL) {
		char when[32];

		date_iso(&next->date, when);
		diag(DIAG_NOTE, NULL, 0, 0, "%zu article%s dated after now %s "
		    "not published (the next: %s, %s); --future builds them",
		    dropped, dropped == 1 ? "" : "s", dropped == 1 ? "is" :
		    "are", next->path, when);
		article_free((struct article *)next);
	}
	return dropped;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
content_link_escapes(const char *root, const char *path, char **to)
{
	struct stat st;
	char *r;
	size_t n = strlen(root);

	*to = NULL;
	if (lstat(path, &st) == -1 || !S_ISLNK(st.st_mode))
		return 0;
	if ((r = realpath(path, NULL)) == NULL)
		return 0;
	if (strncmp(r, root, n) == 0 && (r[n] == '/' || r[n] == '\0' ||
	    strcmp(root, "/") == 0)) {
		free(r);
		return 0;
	}
	*to = r;
	return 1;
}

void
content_report_escape(const char *shown, const char *to)
{
	diag(DIAG_ERROR, shown, 0, 0, "this symbolic link leads out of the "
	    "site folder (to %s), whose files are not published; copy the "
	    "file into the site, or set follow_symlinks: true in site.yaml",
	    to);
}

/* A file name shown safely: bytes that are not UTF-8 become \xNN. */
static char *
show_name(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	size_t bad, len = strlen(s);

	while (!text_utf8_valid(s, len, &bad)) {
		sb_add(&sb, s, bad);
		sb_addf(&sb, "\\x%02x", (unsigned char)s[bad]);
		s += bad + 1;
		len -= bad + 1;
	}
	sb_add(&sb, s, len);
	return sb_detach(&sb);
}

/* A file to parse, or a place where the walk had something to say. */
struct entry {
	char		*full;		/* NULL: diagnostics only */
	char		*shown;
	int		 lang;
	struct diag_buf	 diags;		/* held, printed in path order */
	struct article	*art;		/* the result */
	int		 bad;
	/* With a cache: */
	char		*rel;		/* below content/: the file's record */
	struct cache_stat st;		/* as the walk found it */
	unsigned char	 hash[CACHE_HASH_LEN];
	unsigned char	 key[CACHE_HASH_LEN];
	int		 keyed;		/* key names a good parse of this file */
	int		 cached;	/* the parse came from the cache */
	int		 put_file;	/* its record is to be (re)written */
	int		 trusted;
	int		 put_parse;	/* parsed now: to be stored */
	int		 drop;		/* a draft, not built: dropped once stored */
	int		 unstatted;	/* st is still to be filled, by the worker */
	struct diag_list dl;		/* what its parse reported, to store */
};

struct walk {
	const struct config	*c;
	const struct registry	*reg;
	struct cache		*cache;		/* or NULL */
	int			 drafts;
	struct entry		*e;		/* in path order */
	size_t			 n, cap;
	atomic_size_t		 next;		/* the next entry to parse */
	atomic_llong		 mention_ns;	/* time matching names, all workers */
	dev_t			 devs[64];	/* folders on the current path */
	ino_t			 inos[64];
	int			 depth;
	int			 bad;
	char			*root;		/* the site folder, resolved; NULL: links may leave it */
};

/* A new entry; what the walk reports until the next one is held in it. */
static struct entry *
add_entry(struct walk *w, const char *full, const char *shown, int lang)
{
	struct entry *e;

	/* Doubling: 100,000 files must not mean 100,000 reallocations. */
	if (w->n == w->cap) {
		w->cap = w->cap ? 2 * w->cap : 256;
		w->e = xreallocarray(w->e, w->cap, sizeof(*w->e));
	}
	e = &w->e[w->n++];
	memset(e, 0, sizeof(*e));
	e->full = full ? xstrdup(full) : NULL;
	e->shown = xstrdup(shown);
	e->lang = lang;
	return e;
}

/* The parse stored under e->key, if there is a good one: 1, else 0. */
static int
from_cache(struct walk *w, struct entry *e)
{
	struct diag_list dl = { NULL, 0 };
	struct article *a;

	cache_parse_key(w->cache, e->hash, e->lang, e->key);
	if ((a = codec_article_get(w->cache, e->key, e->shown, w->reg,
	    &dl)) == NULL) {
		diag_list_free(&dl);
		return 0;
	}
	a->lazy = xcalloc(1, sizeof(*a->lazy));
	a->lazy->cache = w->cache;
	a->lazy->c = w->c;
	a->lazy->full = xstrdup(e->full);
	a->lazy->lang = e->lang;
	memcpy(a->lazy->key, e->key, CACHE_HASH_LEN);
	memcpy(a->lazy->hash, e->hash, CACHE_HASH_LEN);
	/* Reported again as the parse reported them: same text, same order. */
	diag_replay(&dl, e->shown);
	diag_list_free(&dl);
	e->cached = e->keyed = 1;
	if (a->draft && !w->drafts)
		article_free(a);
	else
		e->art = a;
	return 1;
}

int64_t
content_ns_of(struct timespec t)
{
	return (int64_t)t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* Reads, parses and matches one entry; runs on any worker. */
static void
load_entry(struct walk *w, struct entry *e)
{
	struct timespec now;
	size_t len;
	char *buf;

	/* Stats on every worker: one per file, 100,000 of them in a large archive. */
	if (w->cache != NULL && e->unstatted) {
		struct stat st;

		if (stat(e->full, &st) == -1) {
			diag(DIAG_ERROR, e->shown, 0, 0, "cannot read: %s%s",
			    strerror(errno), errno == ELOOP ?
			    "; remove the symbolic link loop" : "");
			e->bad = 1;
			return;
		}
		if (!S_ISREG(st.st_mode))	/* replaced since the walk */
			return;
		e->st.size = (uint64_t)st.st_size;
		e->st.dev = (uint64_t)st.st_dev;
		e->st.ino = (uint64_t)st.st_ino;
		e->st.mtime_ns = content_ns_of(st.st_mtim);
		e->st.ctime_ns = content_ns_of(st.st_ctim);
		e->unstatted = 0;
	}
	if (w->cache != NULL && cache_file_match(w->cache, e->rel, &e->st,
	    e->hash) && from_cache(w, e))
		return;
	clock_gettime(CLOCK_REALTIME, &now);
	buf = file_read(e->full, ARTICLE_MAX_BYTES, &len);
	if (buf == NULL) {
		if (errno == EFBIG)
			diag(DIAG_ERROR, e->shown, 0, 0, "the file is larger "
			    "than %d MiB; split it, an article this long is "
			    "probably not one", ARTICLE_MAX_BYTES >> 20);
		else
			diag(DIAG_ERROR, e->shown, 0, 0, "cannot read: %s; "
			    "check its permissions", strerror(errno));
		e->bad = 1;
		return;
	}
	if (w->cache != NULL) {
		cache_hash(buf, len, e->hash);
		e->put_file = 1;
		e->trusted = e->st.ctime_ns < content_ns_of(now) - RACY_NS;
		if (from_cache(w, e)) {
			free(buf);
			return;
		}
		diag_record(&e->dl);
	}
	e->art = article_parse(w->c, e->shown, buf, len, e->lang);
	free(buf);
	if (w->cache != NULL) {
		diag_record(NULL);
		diag_replay(&e->dl, e->shown);
	}
	if (e->art == NULL) {
		e->bad = 1;
		return;
	}
	if (e->art->draft && !w->drafts) {
		/* Stored whole all the same, for a build with --drafts. */
		if (w->cache == NULL) {
			article_free(e->art);
			e->art = NULL;
			return;
		}
		e->drop = 1;
	}
	e->keyed = e->put_parse = w->cache != NULL;
	/* Matching names is most of an article's cost: done here, in parallel. */
	if (w->reg != NULL && w->c->mentions) {
		struct timespec t0, t1;

		clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
		e->art->nmentions = registry_mentions(w->reg, e->art->lang,
		    e->art->text, &e->art->mentions, 0);
		e->art->mentions_done = 1;
		clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t1);
		atomic_fetch_add(&w->mention_ns, (long long)(t1.tv_sec -
		    t0.tv_sec) * 1000000000LL + (t1.tv_nsec - t0.tv_nsec));
	}
}

static void *
parse_worker(void *arg)
{
	struct walk *w = arg;
	size_t i;

	while ((i = atomic_fetch_add(&w->next, 1)) < w->n) {
		struct entry *e = &w->e[i];

		if (e->full != NULL) {
			diag_hold(&e->diags);
			load_entry(w, e);
			diag_hold(NULL);
		}
		progress_add(1);
	}
	text_thread_done();
	return NULL;
}

/* rel is the path below content/ ("" at the top). */
static void
walk_dir(struct walk *w, const char *full, const char *rel, int lang)
{
	struct stat st;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	DIR *d;
	int k;

	if (stat(full, &st) == -1 || (d = opendir(full)) == NULL) {
		char *shown = config_path(w->c, *rel ? rel : "content");
		int err = errno;

		diag_hold(&add_entry(w, NULL, shown, lang)->diags);
		diag(DIAG_ERROR, shown, 0, 0, "cannot read folder: %s",
		    strerror(err));
		diag_hold(NULL);
		free(shown);
		w->bad = 1;
		return;
	}
	for (k = 0; k < w->depth; k++)
		if (w->devs[k] == st.st_dev && w->inos[k] == st.st_ino)
			break;
	if (k < w->depth || w->depth == 64) {
		char *r = xasprintf("content/%s", rel), *shown;

		shown = config_path(w->c, r);
		diag_hold(&add_entry(w, NULL, shown, lang)->diags);
		diag(DIAG_ERROR, shown, 0, 0, "%s; remove the symbolic link "
		    "that leads back into a folder above it",
		    w->depth == 64 ? "folders nest too deep" :
		    "symbolic link loop");
		diag_hold(NULL);
		free(shown);
		free(r);
		closedir(d);
		w->bad = 1;
		return;
	}
	w->devs[w->depth] = st.st_dev;
	w->inos[w->depth] = st.st_ino;
	w->depth++;
	while ((de = readdir(d)) != NULL) {
		size_t len;

		if (de->d_name[0] == '.')	/* hidden files, . and .. */
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			names = xreallocarray(names, cap, sizeof(*names));
		}
		/* The type rides after the name's NUL: no stat for a plain file. */
		len = strlen(de->d_name);
		names[n] = xmalloc(len + 2);
		memcpy(names[n], de->d_name, len + 1);
		names[n++][len + 1] = (char)de->d_type;
	}
	/* Sorted, so that diagnostics come in the same order every time. */
	if (n > 1)
		qsort(names, n, sizeof(*names), name_cmp);
	for (i = 0; i < n; i++) {
		size_t len = strlen(names[i]);
		char *f = path_join(full, names[i]);
		char *r = *rel ? path_join(rel, names[i]) : xstrdup(names[i]);
		char *cr = path_join("content", r), *sn = show_name(cr);
		char *shown = config_path(w->c, sn);
		int l = lang;

		char *to = NULL;

		/*
		 * A plain .md file with a good name is stat'ed by a worker
		 * (and only with a cache: reading it says the rest).  It is
		 * no symbolic link, so it cannot lead out of the site.
		 */
		if ((unsigned char)names[i][len + 1] == DT_REG &&
		    has_suffix(names[i], ".md") &&
		    text_utf8_valid(names[i], len, NULL)) {
			struct entry *e = add_entry(w, NULL, shown, l);

			e->full = f;
			e->rel = r;
			e->unstatted = 1;
			f = r = NULL;
		} else if (w->root != NULL && content_link_escapes(w->root, f, &to)) {
			diag_hold(&add_entry(w, NULL, shown, l)->diags);
			content_report_escape(shown, to);
			diag_hold(NULL);
			w->bad = 1;
		/* Relative to the open folder: no path to resolve again. */
		} else if (fstatat(dirfd(d), names[i], &st, 0) == -1) {
			int err = errno;

			diag_hold(&add_entry(w, NULL, shown, l)->diags);
			diag(DIAG_ERROR, shown, 0, 0, "cannot read: %s%s",
			    strerror(err), err == ELOOP ?
			    "; remove the symbolic link loop" : "");
			diag_hold(NULL);
			w->bad = 1;
		} else if (!text_utf8_valid(names[i], strlen(names[i]),
		    NULL)) {
			diag_hold(&add_entry(w, NULL, shown, l)->diags);
			diag(DIAG_ERROR, shown, 0, 0, "the name is not valid "
			    "UTF-8; rename it (convmv can do it)");
			diag_hold(NULL);
			w->bad = 1;
		} else if (S_ISDIR(st.st_mode)) {
			if (*rel == '\0' && config_lang(w->c, names[i]) >= 0)
				l = config_lang(w->c, names[i]);
			walk_dir(w, f, r, l);
		} else if (S_ISREG(st.st_mode) && has_suffix(names[i], ".md")) {
			struct entry *e = add_entry(w, f, shown, l);

			e->rel = xstrdup(r);
			e->st.size = (uint64_t)st.st_size;
			e->st.dev = (uint64_t)st.st_dev;
			e->st.ino = (uint64_t)st.st_ino;
			e->st.mtime_ns = content_ns_of(st.st_mtim);
			e->st.ctime_ns = content_ns_of(st.st_ctim);
		}
		free(to);
		free(f);
		free(r);
		free(cr);
		free(sn);
		free(shown);
		free(names[i]);
	}
	closedir(d);
	free(names);
	w->depth--;
}

/* Parses per write transaction: what a write holds in memory stays small. */
#define STORE_CHUNK 2048

/* Commits every STORE_CHUNK puts, so that a cold build's write stays small. */
static struct cache_batch *
chunk(struct cache *cache, struct cache_batch *b, size_t *n)
{
	if (++*n % STORE_CHUNK != 0)
		return b;
	cache_batch_commit(b);
	return cache_batch_begin(cache);
}

/*
 * Stores what was parsed and forgets what is gone.  Bodies first, then
 * the small records that lead to them: a build killed in between
 * leaves bodies that the next one prunes, never a parse without its
 * body; and the small records, the only ones loading reads, lie
 * together in the file.
 */
static void
store(struct walk *w)
{
	struct cache_batch *b;
	char **rels;
	unsigned char (*keys)[CACHE_HASH_LEN];
	size_t i, n = 0, changed = 0, puts = 0;

	for (i = 0; i < w->n; i++) {
		n += w->e[i].keyed;
		changed += w->e[i].put_file || w->e[i].put_parse;
	}
	/* Nothing new and no record of a file that is gone: no write at all. */
	if (changed == 0 && cache_file_count(w->cache) == n)
		return;
	rels = xcalloc(n + 1, sizeof(*rels));
	keys = xcalloc(n + 1, sizeof(*keys));
	b = cache_batch_begin(w->cache);
	for (i = 0; i < w->n; i++)
		if (w->e[i].keyed && w->e[i].put_parse) {
			codec_body_put(b, w->e[i].key, w->e[i].art);
			b = chunk(w->cache, b, &puts);
		}
	for (i = 0, n = 0; i < w->n; i++) {
		struct entry *e = &w->e[i];

		if (!e->keyed)
			continue;
		if (e->put_parse)
			codec_article_put(b, e->key, e->art, &e->dl);
		if (e->put_file)
			cache_batch_file(b, e->rel, &e->st, e->hash,
			    e->trusted);
		if (e->put_parse || e->put_file)
			b = chunk(w->cache, b, &puts);
		rels[n] = e->rel;
		memcpy(keys[n++], e->key, CACHE_HASH_LEN);
	}
	cache_batch_prune(b, rels, n, keys, n);
	cache_batch_commit(b);
	free(rels);
	free(keys);
}

int
content_load(const struct config *c, const struct registry *reg, int drafts,
    struct cache *cache, struct corpus *out)
{
	struct walk w;
	char *dir = path_join(c->source, "content");
	struct timespec t0, t1;
	pthread_t *th;
	size_t i, nw;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	memset(&w, 0, sizeof(w));
	w.c = c;
	w.reg = reg;
	w.cache = cache;
	w.drafts = drafts;
	if (!c->follow_symlinks)
		w.root = realpath(c->source, NULL);
	walk_dir(&w, dir, "", -1);
	free(w.root);
	free(dir);
	progress_begin(PROGRESS_READING, w.n);
	nw = workers_for(w.n);
	th = xcalloc(nw, sizeof(*th));
	for (i = 1; i < nw; i++)
		if (pthread_create(&th[i], NULL, parse_worker, &w) != 0)
			th[i] = 0;
	parse_worker(&w);
	for (i = 1; i < nw; i++)
		if (th[i])
			pthread_join(th[i], NULL);
	free(th);
	/* In path order, whichever worker finished first. */
	for (i = 0; i < w.n; i++) {
		struct entry *e = &w.e[i];

		diag_release(&e->diags);
		if (e->bad)
			w.bad = 1;
		if (e->full != NULL) {
			if (e->cached)
				out->ncached++;
			else
				out->nparsed++;
		}
	}
	if (cache != NULL)
		store(&w);
	out->arts = xreallocarray(out->arts, out->n + w.n + 1,
	    sizeof(*out->arts));
	for (i = 0; i < w.n; i++) {
		struct entry *e = &w.e[i];

		if (e->drop) {
			article_free(e->art);
			e->art = NULL;
		}
		if (e->art != NULL)
			out->arts[out->n++] = e->art;
		diag_list_free(&e->dl);
		free(e->full);
		free(e->shown);
		free(e->rel);
	}
	free(w.e);
	out->mention_ms = (double)atomic_load(&w.mention_ns) / 1e6;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	out->load_ms = (double)(content_ns_of(t1) - content_ns_of(t0)) / 1e6;
	return w.bad ? -1 : 0;
}
