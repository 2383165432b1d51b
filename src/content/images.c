/*
 * images.c: an article's local images.  Found in the body and image:
 * while parsing (each once, its URL rewritten to where the page finds
 * it), looked for on disk on every build, and measured from their
 * files' first bytes when a page asks for the size.
 */
#define _GNU_SOURCE
#include <sys/stat.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "base/util.h"
#include "input/config.h"
#include "content/content.h"
#include "content/content_int.h"

/* A URL that names no file of ours: a scheme, "//host", "/path", "#frag", "". */
static int
url_foreign(const char *u)
{
	const char *p;

	if (u[0] == '\0' || u[0] == '/' || u[0] == '#' || u[0] == '?')
		return 1;
	for (p = u; *p && *p != '/' && *p != '?' && *p != '#'; p++)
		if (*p == ':')
			return 1;
	return 0;
}

/*
 * A relative image URL as a path below the article's folder: percent
 * escapes decoded, query and fragment dropped, "." and ".." resolved.
 * Sets *ups to the ".." left at its start.  Returns NULL (why set)
 * when it is no file name.  Caller frees.
 */
static char *
image_path(const char *u, int *ups, const char **why)
{
	struct strbuf sb = STRBUF_INIT, out = STRBUF_INIT;
	char *dec, *tok, *save = NULL;
	size_t i, n = strcspn(u, "?#");

	*ups = 0;
	for (i = 0; i < n; i++) {
		if (u[i] == '%' && i + 2 < n && content_hexval(u[i + 1]) >= 0 &&
		    content_hexval(u[i + 2]) >= 0) {
			int ch = content_hexval(u[i + 1]) * 16 + content_hexval(u[i + 2]);

			if (ch == 0) {
				*why = "it holds a NUL byte (%00)";
				sb_free(&sb);
				return NULL;
			}
			sb_addc(&sb, (char)ch);
			i += 2;
		} else
			sb_addc(&sb, u[i]);
	}
	dec = sb_detach(&sb);
	if (dec[0] == '\0' || strchr(dec, '\\') != NULL ||
	    has_suffix(dec, "/")) {
		*why = "it names no file";
		free(dec);
		return NULL;
	}
	for (i = 0; dec[i]; i++)
		if ((unsigned char)dec[i] < 0x20) {
			*why = "it holds a control character";
			free(dec);
			return NULL;
		}
	/* Resolve "." and ".."; what climbs out of the folder is counted. */
	{
		char **seg = NULL;
		size_t nseg = 0, k;

		for (tok = strtok_r(dec, "/", &save); tok;
		    tok = strtok_r(NULL, "/", &save)) {
			if (strcmp(tok, ".") == 0)
				continue;
			if (strcmp(tok, "..") == 0) {
				if (nseg > 0)
					nseg--;
				else
					(*ups)++;
				continue;
			}
			seg = xreallocarray(seg, nseg + 1, sizeof(*seg));
			seg[nseg++] = tok;
		}
		for (k = 0; k < nseg; k++) {
			if (k > 0)
				sb_addc(&out, '/');
			sb_adds(&out, seg[k]);
		}
		free(seg);
	}
	free(dec);
	if (out.len == 0) {
		*why = "it names no file";
		sb_free(&out);
		return NULL;
	}
	return sb_detach(&out);
}

/* s percent-encoded but for letters, digits, '-', '.', '_' and '/'. */
static char *
url_encode(const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	struct strbuf sb = STRBUF_INIT;
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._/", *p))
			sb_addc(&sb, (char)*p);
		else {
			sb_addc(&sb, '%');
			sb_addc(&sb, hex[*p >> 4]);
			sb_addc(&sb, hex[*p & 15]);
		}
	return sb_detach(&sb);
}

/* Folders between content/ and the article: how far ".." may climb. */
static int
content_depth(const struct config *c, const char *path)
{
	char *pre = config_path(c, "content/");
	const char *p = path;
	int d = 0;

	if (strncmp(path, pre, strlen(pre)) == 0)
		p = path + strlen(pre);
	free(pre);
	for (; *p; p++)
		d += *p == '/';
	return d;
}

/*
 * Adds the image at URL u (written at line, col) to a's local images,
 * once.  Returns its entry, or NULL when u is not local (or, after
 * reporting, -1 through *bad).
 */
static struct article_image *
add_image(const struct config *c, struct article *a, const char *u,
    int line, int col, int *bad)
{
	struct article_image *im;
	const char *why = NULL;
	char *src;
	int ups;
	size_t k;

	if (url_foreign(u))
		return NULL;
	if ((src = image_path(u, &ups, &why)) == NULL) {
		diag(DIAG_ERROR, a->path, line, col, "the image '%s' cannot be "
		    "used: %s; give the path of an image file beside the "
		    "article", u, why);
		*bad = 1;
		return NULL;
	}
	/* Nothing outside the site folder is published. */
	if (ups > content_depth(c, a->path)) {
		diag(DIAG_ERROR, a->path, line, col, "the image '%s' lies "
		    "outside content/; put it in the article's folder, or in "
		    "static/ and link it from the site's root (/%s)", u,
		    src);
		free(src);
		*bad = 1;
		return NULL;
	}
	{
		char *out = ups > 0 ? xasprintf("_up%d/%s", ups, src) :
		    xstrdup(src);

		for (k = 0; k < a->nimages; k++)
			if (strcmp(a->images[k].out, out) == 0) {
				free(out);
				free(src);
				return &a->images[k];
			}
		a->images = xreallocarray(a->images, a->nimages + 1,
		    sizeof(*a->images));
		im = &a->images[a->nimages++];
		memset(im, 0, sizeof(*im));
		im->dims = xcalloc(1, sizeof(*im->dims));
		/* Beside the page as beside the article; what climbs out, below _up<n>/. */
		im->out = out;
		im->src = src;
		for (k = 0; k < (size_t)ups; k++) {
			char *t = xasprintf("../%s", im->src);

			free(im->src);
			im->src = t;
		}
	}
	im->line = line;
	im->col = col;
	return im;
}

/* Column in code points of byte column bcol of line (1-based) of text. */
static int
cp_col(const char *text, int line, int bcol)
{
	const char *p = text;
	int l, col = 1, i;

	for (l = 1; l < line && *p; p++)
		if (*p == '\n')
			l++;
	for (i = 1; i < bcol && p[0] && p[0] != '\n'; i++, p++)
		if (((unsigned char)p[1] & 0xc0) != 0x80)
			col++;
	return col;
}

/*
 * The body's images with relative paths, and image:: each found once,
 * and each Markdown image's URL rewritten to the name it gets beside
 * the page (percent-encoded).  lines: the lines before the body.
 */
int
content_local_images(const struct config *c, struct article *a, cmark_node *doc,
    const char *body, int lines)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	int bad = 0;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		struct article_image *im;
		char *enc;

		if (ev != CMARK_EVENT_ENTER ||
		    cmark_node_get_type(n) != CMARK_NODE_IMAGE)
			continue;
		im = add_image(c, a, cmark_node_get_url(n), lines +
		    cmark_node_get_start_line(n), cp_col(body,
		    cmark_node_get_start_line(n),
		    cmark_node_get_start_column(n)), &bad);
		if (im == NULL)
			continue;
		enc = url_encode(im->out);
		cmark_node_set_url(n, enc);
		free(enc);
	}
	cmark_iter_free(it);
	if (a->image != NULL) {
		struct article_image *im = add_image(c, a, a->image,
		    a->image_line, a->image_col, &bad);

		if (im != NULL)
			im->hero = 1;
	}
	return bad ? -1 : 0;
}

char *
content_image_url(const struct article_image *im)
{
	return url_encode(im->out);
}

const struct article_image *
article_hero(const struct article *a)
{
	size_t k;

	for (k = 0; k < a->nimages; k++)
		if (a->images[k].hero)
			return &a->images[k];
	return NULL;
}

char *
content_image_path(const struct article *a, const struct article_image *im)
{
	const char *slash = strrchr(a->path, '/');
	char *dir = slash ? xstrndup(a->path, (size_t)(slash - a->path)) :
	    xstrdup(".");
	char *p = path_join(dir, im->src);

	free(dir);
	return p;
}

int
content_images(const struct config *c, struct corpus *cp)
{
	size_t i, k;
	int bad = 0;

	(void)c;
	for (i = 0; i < cp->n; i++) {
		struct article *a = cp->arts[i];

		for (k = 0; k < a->nimages; k++) {
			struct article_image *im = &a->images[k];
			char *p = content_image_path(a, im);
			struct stat st;

			int missing = stat(p, &st) != 0;

			if (missing || !S_ISREG(st.st_mode)) {
				diag(DIAG_ERROR, a->path, im->line, im->col,
				    "the image '%s' is %s (%s); add the file "
				    "or correct the path", im->src, missing ?
				    "not found" : "not a file", p);
				bad = 1;
			} else if (st.st_size > IMAGE_MAX_BYTES) {
				diag(DIAG_ERROR, a->path, im->line, im->col,
				    "the image '%s' is larger than %d MiB; "
				    "make it smaller", im->src,
				    IMAGE_MAX_BYTES >> 20);
				bad = 1;
			} else {
				im->found = 1;
				im->size = (long long)st.st_size;
				im->mtime_ns = content_ns_of(st.st_mtim);
				im->ino = (unsigned long long)st.st_ino;
			}
			free(p);
		}
	}
	return bad ? -1 : 0;
}

static unsigned
be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static unsigned long
be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
	    (unsigned long)p[2] << 8 | p[3];
}

static unsigned
le16(const unsigned char *p)
{
	return (unsigned)p[1] << 8 | p[0];
}

static unsigned long
le24(const unsigned char *p)
{
	return (unsigned long)p[2] << 16 | (unsigned long)p[1] << 8 | p[0];
}

/* A JPEG's size: its first start-of-frame marker's, within the first 64 KiB. */
static int
jpeg_size(const unsigned char *b, size_t n, int *w, int *h)
{
	size_t i = 2;

	while (i + 9 < n) {
		unsigned m;

		if (b[i] != 0xff)
			return -1;
		m = b[i + 1];
		if (m == 0xff) {
			i++;
			continue;
		}
		if (m == 0xd8 || (m >= 0xd0 && m <= 0xd7) || m == 0x01) {
			i += 2;
			continue;
		}
		/* SOF0-SOF15 but DHT (c4), JPG (c8) and DAC (cc). */
		if (m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 &&
		    m != 0xcc) {
			*h = (int)be16(b + i + 5);
			*w = (int)be16(b + i + 7);
			return 0;
		}
		i += 2 + be16(b + i + 2);
	}
	return -1;
}

/* An SVG's width and height attributes, when they are plain numbers (or px). */
static int
svg_size(const char *b, int *w, int *h)
{
	const char *svg = strstr(b, "<svg"), *end;
	const char *names[2] = { " width=\"", " height=\"" };
	int *out[2] = { w, h }, k;

	if (svg == NULL || (end = strchr(svg, '>')) == NULL)
		return -1;
	for (k = 0; k < 2; k++) {
		const char *p = strstr(svg, names[k]);
		char *e;
		long v;

		if (p == NULL || p > end)
			return -1;
		p += strlen(names[k]);
		v = strtol(p, &e, 10);
		if (e == p || v <= 0 || v > 100000 || (*e != '"' &&
		    strncmp(e, "px\"", 3) != 0))
			return -1;
		*out[k] = (int)v;
	}
	return 0;
}

static pthread_mutex_t size_lock = PTHREAD_MUTEX_INITIALIZER;

/* Width and height from the first bytes of a file; -1 if unknown. */
static int
file_dims(const char *path, int *w, int *h)
{
	unsigned char b[65537];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (f == NULL)
		return -1;
	n = fread(b, 1, sizeof(b) - 1, f);
	fclose(f);
	b[n] = '\0';
	if (n >= 24 && memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0 &&
	    memcmp(b + 12, "IHDR", 4) == 0) {
		*w = (int)be32(b + 16);
		*h = (int)be32(b + 20);
	} else if (n >= 10 && (memcmp(b, "GIF87a", 6) == 0 ||
	    memcmp(b, "GIF89a", 6) == 0)) {
		*w = (int)le16(b + 6);
		*h = (int)le16(b + 8);
	} else if (n >= 4 && b[0] == 0xff && b[1] == 0xd8) {
		if (jpeg_size(b, n, w, h) == -1)
			return -1;
	} else if (n >= 30 && memcmp(b, "RIFF", 4) == 0 &&
	    memcmp(b + 8, "WEBP", 4) == 0) {
		if (memcmp(b + 12, "VP8X", 4) == 0) {
			*w = (int)le24(b + 24) + 1;
			*h = (int)le24(b + 27) + 1;
		} else if (memcmp(b + 12, "VP8 ", 4) == 0 && b[23] == 0x9d &&
		    b[24] == 0x01 && b[25] == 0x2a) {
			*w = (int)(le16(b + 26) & 0x3fff);
			*h = (int)(le16(b + 28) & 0x3fff);
		} else if (memcmp(b + 12, "VP8L", 4) == 0 && b[20] == 0x2f) {
			unsigned long v = (unsigned long)b[21] |
			    (unsigned long)b[22] << 8 |
			    (unsigned long)b[23] << 16 |
			    (unsigned long)b[24] << 24;

			*w = (int)(v & 0x3fff) + 1;
			*h = (int)((v >> 14) & 0x3fff) + 1;
		} else
			return -1;
	} else if (svg_size((const char *)b, w, h) == -1)
		return -1;
	return *w > 0 && *h > 0 ? 0 : -1;
}

int
content_image_size(const struct article *a, const struct article_image *im,
    int *w, int *h)
{
	struct image_dims *d = im->dims;
	int rc;

	pthread_mutex_lock(&size_lock);
	if (!d->sized) {
		char *p = content_image_path(a, im);

		if (file_dims(p, &d->w, &d->h) == -1)
			d->w = d->h = 0;
		d->sized = 1;
		free(p);
	}
	*w = d->w;
	*h = d->h;
	rc = d->w > 0 ? 0 : -1;
	pthread_mutex_unlock(&size_lock);
	return rc;
}
