/*
 * codec.c: an article's two records in the build cache, both ways.
 *
 * The cache keeps bytes under keys and knows no article: what a parse
 * record holds (every field article_parse() sets, the mentions and the
 * diagnostics) and a body record (the html and the text) is decided
 * here, beside the article.  The fields are written as cache.h says.
 * Change what is written only with CACHE_FORMAT (cache.h): an old
 * cache must never be read as a new one.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "base/date.h"
#include "input/registry.h"
#include "cache/cache.h"
#include "content/content.h"
#include "content/content_int.h"

/* A string that may not be NULL; "" when bad. */
static char *
need_str(struct cache_rd *d)
{
	const char *s = cache_get_str(d);

	if (s == NULL)
		d->bad = 1;
	return xstrdup(s ? s : "");
}

/*
 * The same, in place: a string of the snapshot, valid until the cache
 * is closed.  Copying 100,000 articles' fields would cost more than
 * the rest of loading them.
 */
static char *
need_ptr(struct cache_rd *d)
{
	const char *s = cache_get_str(d);

	if (s == NULL)
		d->bad = 1;
	return (char *)(s ? s : "");
}

static char *
get_ptr(struct cache_rd *d)
{
	return (char *)cache_get_str(d);
}

static void
put_date(struct strbuf *sb, const struct date *t)
{
	cache_put_int(sb, t->y);
	cache_put_int(sb, t->m);
	cache_put_int(sb, t->d);
	cache_put_int(sb, t->hh);
	cache_put_int(sb, t->mi);
	cache_put_int(sb, t->ss);
	cache_put_int(sb, t->has_time);
	cache_put_int(sb, t->has_offset);
	cache_put_int(sb, t->offset_min);
}

static void
get_date(struct cache_rd *d, struct date *t)
{
	t->y = cache_get_int(d);
	t->m = cache_get_int(d);
	t->d = cache_get_int(d);
	t->hh = cache_get_int(d);
	t->mi = cache_get_int(d);
	t->ss = cache_get_int(d);
	t->has_time = cache_get_int(d);
	t->has_offset = cache_get_int(d);
	t->offset_min = cache_get_int(d);
}

/* Eight bytes of a signature as a number, and back (little-endian). */
static uint64_t
u64_of(const unsigned char *b)
{
	uint64_t v = 0;
	int i;

	for (i = 7; i >= 0; i--)
		v = v << 8 | b[i];
	return v;
}

static void
u64_to(uint64_t v, unsigned char *b)
{
	int i;

	for (i = 0; i < 8; i++, v >>= 8)
		b[i] = (unsigned char)(v & 0xff);
}

/* What article_parse() set, the mentions, the diagnostics. */
static void
encode_article(struct strbuf *sb, const struct article *a,
    const struct diag_list *dl)
{
	size_t i, n, nx;

	/* The counts first: loading allocates an article in one block. */
	for (nx = 0; a->extra && a->extra[nx]; nx++)
		;
	cache_put_u32(sb, (uint32_t)a->ntags);
	cache_put_u32(sb, (uint32_t)a->nents);
	cache_put_u32(sb, (uint32_t)nx);
	cache_put_u32(sb, (uint32_t)a->lang);
	cache_put_str(sb, a->title);
	cache_put_str(sb, a->slug);
	cache_put_str(sb, a->summary);
	cache_put_str(sb, a->author);
	cache_put_u32(sb, (uint32_t)a->nauthors);
	for (i = 0; i < a->nauthors; i++)
		cache_put_str(sb, a->authors[i]);
	cache_put_str(sb, a->section);
	for (i = 0; i < TAX_N; i++) {
		cache_put_int(sb, a->tax_line[i]);
		cache_put_int(sb, a->tax_col[i]);
	}
	cache_put_str(sb, a->tkey);
	put_date(sb, &a->date);
	put_date(sb, &a->updated);
	cache_put_int(sb, a->has_updated);
	cache_put_int(sb, a->draft);
	cache_put_u64(sb, u64_of(a->body_sig));
	cache_put_u64(sb, u64_of(a->body_sig + 8));
	cache_put_int(sb, a->slug_line);
	cache_put_int(sb, a->slug_col);
	cache_put_int(sb, a->tkey_line);
	cache_put_int(sb, a->tkey_col);
	cache_put_u32(sb, (uint32_t)a->ntags);
	for (i = 0; i < a->ntags; i++)
		cache_put_str(sb, a->tags[i]);
	cache_put_u32(sb, (uint32_t)a->nents);
	for (i = 0; i < a->nents; i++) {
		cache_put_str(sb, a->ents[i].type);
		cache_put_str(sb, a->ents[i].name);
		cache_put_int(sb, a->ents[i].line);
		cache_put_int(sb, a->ents[i].col);
	}
	for (n = 0; a->extra && a->extra[n]; n++)
		;
	cache_put_u32(sb, (uint32_t)n);
	for (i = 0; i < n; i++)
		cache_put_str(sb, a->extra[i]);
	cache_put_int(sb, a->slug_given);
	cache_put_int(sb, a->empty_body);
	cache_put_int(sb, a->aliases_line);
	cache_put_int(sb, a->aliases_col);
	cache_put_u32(sb, (uint32_t)a->naliases);
	for (i = 0; i < a->naliases; i++)
		cache_put_str(sb, a->aliases[i]);
	cache_put_str(sb, a->image);
	cache_put_int(sb, a->image_line);
	cache_put_int(sb, a->image_col);
	cache_put_u32(sb, (uint32_t)a->nimages);
	for (i = 0; i < a->nimages; i++) {
		cache_put_str(sb, a->images[i].src);
		cache_put_str(sb, a->images[i].out);
		cache_put_int(sb, a->images[i].line);
		cache_put_int(sb, a->images[i].col);
		cache_put_int(sb, a->images[i].hero);
	}
	cache_put_int(sb, a->mentions_done);
	cache_put_u32(sb, (uint32_t)a->nmentions);
	for (i = 0; i < a->nmentions; i++)
		cache_put_str(sb, a->mentions[i]->id);
	cache_put_u32(sb, dl ? (uint32_t)dl->n : 0);
	for (i = 0; dl && i < dl->n; i++) {
		cache_put_int(sb, (int)dl->v[i].level);
		cache_put_int(sb, dl->v[i].line);
		cache_put_int(sb, dl->v[i].col);
		cache_put_str(sb, dl->v[i].msg);
	}
}

/*
 * A new article for a record whose tags, entities and extra keys number
 * nt, ne and nx: one block for the article and those arrays, so that
 * 100,000 articles load in one allocation each (besides the path).
 */
static struct article *
decode_alloc(const char *path, size_t nt, size_t ne, size_t nx)
{
	struct article *a;

	a = xcalloc(1, sizeof(*a) + ne * sizeof(*a->ents) + (nt + 1 + nx +
	    1) * sizeof(char *));
	a->ents = ne ? (struct entity_ref *)(a + 1) : NULL;
	a->tags = (char **)((struct entity_ref *)(a + 1) + ne);
	a->extra = a->tags + nt + 1;
	a->path = xstrdup(path);
	a->borrowed = 1;
	return a;
}

/* The scalar fields, from the language to where translation_key is written. */
static void
decode_fields(struct cache_rd *d, struct article *a)
{
	size_t i;

	a->lang = cache_get_u32(d);
	a->title = need_ptr(d);
	a->slug = need_ptr(d);
	a->summary = need_ptr(d);
	a->author = get_ptr(d);
	a->nauthors = cache_get_count(d, 5);
	a->authors = xcalloc(a->nauthors + 1, sizeof(*a->authors));
	for (i = 0; i < a->nauthors && !d->bad; i++)
		a->authors[i] = need_ptr(d);
	a->section = get_ptr(d);
	for (i = 0; i < TAX_N; i++) {
		a->tax_line[i] = cache_get_int(d);
		a->tax_col[i] = cache_get_int(d);
	}
	a->tkey = get_ptr(d);
	get_date(d, &a->date);
	get_date(d, &a->updated);
	a->has_updated = cache_get_int(d);
	a->draft = cache_get_int(d);
	u64_to(cache_get_u64(d), a->body_sig);
	u64_to(cache_get_u64(d), a->body_sig + 8);
	a->slug_line = cache_get_int(d);
	a->slug_col = cache_get_int(d);
	a->tkey_line = cache_get_int(d);
	a->tkey_col = cache_get_int(d);
}

/* Tags, entities and extra keys, into the arrays decode_alloc() made for them. */
static void
decode_lists(struct cache_rd *d, struct article *a, size_t nt, size_t ne,
    size_t nx)
{
	size_t i, n;

	if ((a->ntags = cache_get_count(d, 5)) != nt)
		d->bad = 1;
	for (i = 0; i < a->ntags && !d->bad; i++)
		a->tags[i] = need_ptr(d);
	if ((a->nents = cache_get_count(d, 18)) != ne)
		d->bad = 1;
	for (i = 0; i < a->nents && !d->bad; i++) {
		a->ents[i].type = need_ptr(d);
		a->ents[i].name = need_ptr(d);
		a->ents[i].line = cache_get_int(d);
		a->ents[i].col = cache_get_int(d);
	}
	if ((n = cache_get_count(d, 5)) != nx)
		d->bad = 1;
	for (i = 0; i < n && !d->bad; i++)
		a->extra[i] = need_ptr(d);
}

/* From slug_given to the images. */
static void
decode_aliases_images(struct cache_rd *d, struct article *a)
{
	size_t i;

	a->slug_given = cache_get_int(d);
	a->empty_body = cache_get_int(d);
	a->aliases_line = cache_get_int(d);
	a->aliases_col = cache_get_int(d);
	a->naliases = cache_get_count(d, 5);
	a->aliases = xcalloc(a->naliases + 1, sizeof(*a->aliases));
	for (i = 0; i < a->naliases; i++)
		a->aliases[i] = need_ptr(d);
	{
		const char *im = get_ptr(d);	/* its own copy: freed either way */

		a->image = im ? xstrdup(im) : NULL;
	}
	a->image_line = cache_get_int(d);
	a->image_col = cache_get_int(d);
	a->nimages = cache_get_count(d, 14);
	a->images = a->nimages ? xcalloc(a->nimages, sizeof(*a->images)) :
	    NULL;
	for (i = 0; i < a->nimages; i++) {
		a->images[i].src = need_str(d);
		a->images[i].out = need_str(d);
		a->images[i].line = cache_get_int(d);
		a->images[i].col = cache_get_int(d);
		a->images[i].hero = cache_get_int(d);
		a->images[i].dims = xcalloc(1, sizeof(*a->images[i].dims));
	}
}

/* The registry entities found in the text, stored by id. */
static void
decode_mentions(struct cache_rd *d, struct article *a,
    const struct registry *reg)
{
	size_t i;

	a->mentions_done = cache_get_int(d);
	a->nmentions = cache_get_count(d, 5);
	a->mentions = a->nmentions ? xcalloc(a->nmentions,
	    sizeof(*a->mentions)) : NULL;
	for (i = 0; i < a->nmentions; i++) {
		const char *id = cache_get_str(d);

		/* Cannot happen while the fingerprint holds entities.yaml. */
		if (id == NULL || (a->mentions[i] = registry_by_id(reg,
		    id)) == NULL) {
			a->nmentions = i;
			d->bad = 1;
			break;
		}
	}
}

/* The diagnostics the parse emitted, appended to dl. */
static void
decode_diags(struct cache_rd *d, struct diag_list *dl)
{
	size_t i, n;

	n = cache_get_count(d, 17);
	for (i = 0; i < n && !d->bad; i++) {
		struct diag_rec r;

		r.level = (enum diag_level)cache_get_int(d);
		r.line = cache_get_int(d);
		r.col = cache_get_int(d);
		if (r.level != DIAG_ERROR && r.level != DIAG_WARNING &&
		    r.level != DIAG_NOTE)
			d->bad = 1;
		r.msg = need_str(d);
		dl->v = xreallocarray(dl->v, dl->n + 1, sizeof(*dl->v));
		dl->v[dl->n++] = r;
	}
}

/* What encode_article() wrote; NULL (dl as it was) when it does not decode. */
static struct article *
decode_article(struct cache_rd *d, const char *path, const struct registry *reg,
    struct diag_list *dl)
{
	struct article *a;
	size_t dl0 = dl->n, nt, ne, nx;

	nt = cache_get_count(d, 5);
	ne = cache_get_count(d, 18);
	nx = cache_get_count(d, 5);
	if (d->bad)
		return NULL;
	a = decode_alloc(path, nt, ne, nx);
	decode_fields(d, a);
	decode_lists(d, a, nt, ne, nx);
	decode_aliases_images(d, a);
	decode_mentions(d, a, reg);
	decode_diags(d, dl);
	if (d->bad || d->p != d->end) {
		while (dl->n > dl0)
			free(dl->v[--dl->n].msg);
		article_free(a);
		return NULL;
	}
	return a;
}

struct article *
codec_article_get(struct cache *c, const unsigned char key[CACHE_HASH_LEN],
    const char *path, const struct registry *reg, struct diag_list *dl)
{
	struct cache_rd d = { NULL, NULL, 0 };
	struct article *a;
	const void *data;
	size_t len;

	if (cache_parse_get(c, key, &data, &len) == -1)
		return NULL;
	d.p = data;
	d.end = d.p + len;
	if ((a = decode_article(&d, path, reg, dl)) == NULL)
		cache_mark_damaged(c);
	return a;
}

void
codec_article_put(struct cache_batch *b, const unsigned char key[CACHE_HASH_LEN],
    const struct article *a, const struct diag_list *dl)
{
	struct strbuf sb = STRBUF_INIT;

	encode_article(&sb, a, dl);
	cache_batch_parse(b, key, sb_str(&sb), sb.len);
	sb_free(&sb);
}

int
codec_body_get(struct cache *c, const unsigned char key[CACHE_HASH_LEN],
    const char **html, const char **text)
{
	struct cache_rd d = { NULL, NULL, 0 };
	const void *data;
	size_t len;

	/* Absent is damaged too: its parse record is there. */
	if (cache_body_get(c, key, &data, &len) == -1) {
		cache_mark_damaged(c);
		return -1;
	}
	d.p = data;
	d.end = d.p + len;
	*html = cache_get_str(&d);
	*text = cache_get_str(&d);
	if (d.bad || *html == NULL || *text == NULL || d.p != d.end) {
		cache_mark_damaged(c);
		return -1;
	}
	return 0;
}

/* Two strings, as cache_put_str() writes them, but copied once. */
void
codec_body_put(struct cache_batch *b, const unsigned char key[CACHE_HASH_LEN],
    const struct article *a)
{
	unsigned char hl[4], tl[4];
	size_t hn = strlen(a->html), tn = strlen(a->text);
	struct cache_span sp[4];
	int i;

	for (i = 0; i < 4; i++) {
		hl[i] = (unsigned char)(hn >> (8 * i));
		tl[i] = (unsigned char)(tn >> (8 * i));
	}
	sp[0].p = hl;
	sp[0].len = 4;
	sp[1].p = a->html;
	sp[1].len = hn + 1;
	sp[2].p = tl;
	sp[2].len = 4;
	sp[3].p = a->text;
	sp[3].len = tn + 1;
	cache_batch_body(b, key, sp, 4);
}
