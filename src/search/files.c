/*
 * files.c: the files of a language's index: the shards (its entries
 * cut by prefix, then packed), the manifest that maps prefixes to
 * them, the documents and the entities.  The entries come made; this
 * file owns only how they are laid out.
 *
 * The format, read by static/search.js.  Every file is one call
 * arshifSearch(id, data).  Per language, under <lang>/search/:
 *
 *   manifest.js  { n: documents, g: documents per doc file, eg:
 *                entities per entity file, i: 1 for index.html links,
 *                l: { prefix: file } for prefixes whose every key a
 *                file holds, x: { prefix: file } for prefixes split
 *                further, whose file holds only the prefix itself }
 *   s/<hex>.js   a shard: the keys of one or more neighbouring
 *                prefixes, named after the first (code points in hex
 *                joined by '-', "_" for none):
 *                w: { key: term } for keys that are not their own term,
 *                p: { term: postings }, n: { full name: [entities] },
 *                m: { word of a name: [entities] }
 *   d/<k>.js     documents k*g...: [title, path, iso date, date text,
 *                excerpt] (path from the site root)
 *   e/<k>.js     entities k*eg...: [name, path, documents]
 *
 * Document numbers count from the oldest article, so that publishing
 * a new one leaves every other number, and most shards, as they were.
 * Postings list documents in increasing order, each as its distance
 * from the previous one then its score, in a base-64 alphabet where
 * 32 and up continue a number (low five bits first).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "base/json.h"
#include "base/date.h"
#include "text/text.h"
#include "input/config.h"
#include "content/content.h"
#include "model/archive.h"
#include "model/url.h"
#include "search/search.h"
#include "search/search_int.h"

/* Largest shard wanted, in bytes: a first query loads a few of them. */
#define SHARD_BYTES	(24 * 1024)
/* Deepest shard prefix, in code points: one key's own shard past that. */
#define SHARD_DEPTH	12
#define DOC_GROUP	16
#define ENT_GROUP	16
#define EXCERPT_BYTES	280

const char files_b64[] =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

void
files_num(struct strbuf *sb, uint32_t v)
{
	while (v >= 32) {
		sb_addc(sb, files_b64[32 + (v & 31)]);
		v >>= 5;
	}
	sb_addc(sb, files_b64[v]);
}

static void
add_file(struct search_index *ix, char *path, struct strbuf *sb)
{
	ix->f = xreallocarray(ix->f, ix->n + 1, sizeof(*ix->f));
	ix->f[ix->n].path = path;
	ix->f[ix->n].len = sb->len;
	ix->f[ix->n].data = sb_detach(sb);
	ix->n++;
}

/* The file name of a shard prefix: its code points in hex. */
static char *
shard_path(const char *dir, const char *p, size_t plen)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i = 0;

	sb_addf(&sb, "%ss/", dir);
	if (plen == 0)
		sb_addc(&sb, '_');
	while (i < plen) {
		const unsigned char *u = (const unsigned char *)p + i;
		uint32_t c;
		size_t k;

		if (u[0] < 0x80)
			c = u[0], k = 1;
		else if (u[0] < 0xe0)
			c = u[0] & 0x1f, k = 2;
		else if (u[0] < 0xf0)
			c = u[0] & 0x0f, k = 3;
		else
			c = u[0] & 0x07, k = 4;
		for (size_t j = 1; j < k && i + j < plen; j++)
			c = (c << 6) | (u[j] & 0x3f);
		sb_addf(&sb, "%s%x", i ? "-" : "", c);
		i += k;
	}
	sb_adds(&sb, ".js");
	return sb_detach(&sb);
}

/* Bytes of the UTF-8 sequence that starts with c. */
static size_t
cp_len(unsigned char c)
{
	return c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
}

/* A prefix and the items whose keys it holds: [lo, hi). */
struct group {
	size_t	 lo, hi;
	char	*pre;
	int	 leaf;		/* every key with the prefix, else only the prefix itself */
	size_t	 bytes;
};

struct shards {
	struct search_index	*ix;
	const char		*dir;	/* the language's search folder (url_search()) */
	struct strbuf		 leaves, exact;	/* manifest maps: prefix -> file */
	const struct item	*it;
	size_t			*size;		/* bytes of each item */
	struct group		*g;		/* in key order, ranges in a row */
	size_t			 ng;
};

/* Writes groups [gi, gj) into one file, named after the first's prefix. */
static void
emit_shard(struct shards *s, size_t gi, size_t gj)
{
	static const char *const kinds[] = { "w", "p", "n", "m" };
	struct strbuf sb = STRBUF_INIT;
	const struct group *g0 = &s->g[gi];
	char *path = shard_path(s->dir, g0->pre, strlen(g0->pre));
	/* The id: the path under the language's search folder, without ".js". */
	const char *id = path + strlen(s->dir);
	size_t i, lo = g0->lo, hi = s->g[gj - 1].hi, idlen = strlen(id) - 3;
	int k, any = 0;

	for (i = gi; i < gj; i++) {
		struct strbuf *m = s->g[i].leaf ? &s->leaves : &s->exact;

		sb_addc(m, m->len ? ',' : '{');
		json_strz(m, s->g[i].pre, JSON_SCRIPT);
		sb_adds(m, ":\"");
		sb_add(m, id + 2, idlen - 2);
		sb_addc(m, '"');
	}
	sb_adds(&sb, "arshifSearch(\"");
	sb_add(&sb, id, idlen);
	sb_adds(&sb, "\",{");
	for (k = 0; k < 4; k++) {
		int first = 1;

		for (i = lo; i < hi; i++) {
			if ((int)s->it[i].kind != k)
				continue;
			sb_adds(&sb, first ? (any ? ",\n\"" : "\n\"") : ",\n");
			any = 1;
			if (first) {
				sb_adds(&sb, kinds[k]);
				sb_adds(&sb, "\":{");
				first = 0;
			}
			json_strz(&sb, s->it[i].key, JSON_SCRIPT);
			sb_addc(&sb, ':');
			sb_adds(&sb, s->it[i].val);
		}
		if (!first)
			sb_addc(&sb, '}');
	}
	sb_adds(&sb, "});\n");
	add_file(s->ix, path, &sb);
}

static void
add_group(struct shards *s, size_t lo, size_t hi, const char *p, size_t plen,
    int leaf, size_t bytes)
{
	struct group *g;

	s->g = xreallocarray(s->g, s->ng + 1, sizeof(*s->g));
	g = &s->g[s->ng++];
	g->lo = lo;
	g->hi = hi;
	g->pre = xstrndup(p, plen);
	g->leaf = leaf;
	g->bytes = bytes;
}

/*
 * Splits items [lo, hi), whose keys all start with the plen bytes p,
 * into groups of at most SHARD_BYTES where it can: by the next code
 * point, deeper and deeper.
 */
static void
split_shards(struct shards *s, size_t lo, size_t hi, const char *p,
    size_t plen, size_t depth)
{
	size_t total = 0, exb = 0, i, ex;

	for (i = lo; i < hi; i++)
		total += s->size[i];
	for (ex = lo; ex < hi && strlen(s->it[ex].key) == plen; ex++)
		exb += s->size[ex];
	if (total <= SHARD_BYTES || depth >= SHARD_DEPTH || ex == hi) {
		add_group(s, lo, hi, p, plen, 1, total);
		return;
	}
	if (ex > lo)
		add_group(s, lo, ex, p, plen, 0, exb);
	for (i = ex; i < hi;) {
		const char *k = s->it[i].key;
		size_t cl = plen + cp_len((unsigned char)k[plen]), j;

		for (j = i + 1; j < hi && strncmp(s->it[j].key, k, cl) == 0;
		    j++)
			;
		split_shards(s, i, j, k, cl, depth + 1);
		i = j;
	}
}

/*
 * Packs neighbouring groups into files of up to SHARD_BYTES: a small
 * archive gets a few files, not one per letter.
 */
static void
pack_shards(struct shards *s)
{
	size_t i = 0, j, bytes;

	while (i < s->ng) {
		bytes = s->g[i].bytes;
		for (j = i + 1; j < s->ng && bytes + s->g[j].bytes <=
		    SHARD_BYTES; j++)
			bytes += s->g[j].bytes;
		emit_shard(s, i, j);
		i = j;
	}
	for (i = 0; i < s->ng; i++)
		free(s->g[i].pre);
	free(s->g);
}

/* A summary cut to EXCERPT_BYTES at a space, with an ellipsis. */
static char *
excerpt_of(const char *s)
{
	size_t n = strlen(s), cut;

	if (n <= EXCERPT_BYTES)
		return xstrdup(s);
	cut = EXCERPT_BYTES;
	while (cut > EXCERPT_BYTES / 2 && s[cut] != ' ')
		cut--;
	if (s[cut] != ' ') {
		cut = EXCERPT_BYTES;
		while (cut > 0 && ((unsigned char)s[cut] & 0xc0) == 0x80)
			cut--;
	}
	return xasprintf("%.*s\xe2\x80\xa6", (int)cut, s);
}

void
files_write_docs(struct search_index *ix, const struct config *c, size_t li,
    const struct lang_archive *la, struct text_locale *loc)
{
	char *dir = url_search(c, li);
	size_t g, i;

	for (g = 0; g * DOC_GROUP < la->n; g++) {
		struct strbuf sb = STRBUF_INIT;

		sb_addf(&sb, "arshifSearch(\"d/%zu\",[", g);
		for (i = g * DOC_GROUP; i < la->n && i < (g + 1) * DOC_GROUP;
		    i++) {
			const struct article *a = la->arts[la->n - 1 - i];
			char iso[32], *dt, *ex;

			date_iso(&a->date, iso);
			dt = loc ? text_date(loc, TEXT_DATE_FULL, a->date.y,
			    a->date.m, a->date.d) : xstrdup(iso);
			ex = excerpt_of(a->summary ? a->summary : "");
			sb_adds(&sb, i % DOC_GROUP ? ",\n[" : "\n[");
			json_strz(&sb, a->title, JSON_SCRIPT);
			sb_addc(&sb, ',');
			json_strz(&sb, a->url, JSON_SCRIPT);
			sb_addc(&sb, ',');
			json_strz(&sb, iso, JSON_SCRIPT);
			sb_addc(&sb, ',');
			json_strz(&sb, dt, JSON_SCRIPT);
			sb_addc(&sb, ',');
			json_strz(&sb, ex, JSON_SCRIPT);
			sb_addc(&sb, ']');
			free(dt);
			free(ex);
		}
		sb_adds(&sb, "]);\n");
		add_file(ix, xasprintf("%sd/%zu.js", dir, g), &sb);
	}
	free(dir);
}

void
files_write_entities(struct search_index *ix, const struct config *c, size_t li,
    const struct lang_archive *la)
{
	char *dir = url_search(c, li);
	size_t g, i, k;

	for (g = 0; g * ENT_GROUP < la->nents; g++) {
		struct strbuf sb = STRBUF_INIT;

		sb_addf(&sb, "arshifSearch(\"e/%zu\",[", g);
		for (i = g * ENT_GROUP; i < la->nents &&
		    i < (g + 1) * ENT_GROUP; i++) {
			const struct entity *e = la->ents[i];
			char *path = url_entity(c, li, e);
			uint32_t prev = 0;

			sb_adds(&sb, i % ENT_GROUP ? ",\n[" : "\n[");
			json_strz(&sb, e->name, JSON_SCRIPT);
			sb_addc(&sb, ',');
			json_strz(&sb, path, JSON_SCRIPT);
			sb_adds(&sb, ",\"");
			/* e->arts is newest first: documents count from the oldest. */
			for (k = e->n; k > 0; k--) {
				uint32_t d = (uint32_t)(la->n - 1 -
				    e->arts[k - 1]->idx);

				files_num(&sb, d - prev + (k == e->n));
				prev = d;
			}
			sb_adds(&sb, "\"]");
			free(path);
		}
		sb_adds(&sb, "]);\n");
		add_file(ix, xasprintf("%se/%zu.js", dir, g),
		    &sb);
	}
	free(dir);
}

/*
 * Writes the entries into shards, then the manifest that maps their
 * prefixes to them.
 */
void
files_write_shards(struct search_index *ix, const struct config *c, size_t li,
    const struct lang_archive *la, const struct item *it, size_t nit)
{
	char *dir = url_search(c, li);
	struct strbuf sb = STRBUF_INIT;
	struct shards s;
	size_t i;

	memset(&s, 0, sizeof(s));
	s.ix = ix;
	s.dir = dir;
	s.it = it;
	s.size = xcalloc(nit + 1, sizeof(*s.size));
	for (i = 0; i < nit; i++)
		s.size[i] = strlen(it[i].key) + strlen(it[i].val) + 6;
	if (nit > 0)
		split_shards(&s, 0, nit, "", 0, 0);
	pack_shards(&s);
	sb_addf(&sb, "arshifSearch(\"manifest\",{\"n\":%zu,\"g\":%d,\"eg\":%d,"
	    "\"i\":%d,\n\"l\":%s},\n\"x\":%s}});\n", la->n, DOC_GROUP,
	    ENT_GROUP, c->index_links, s.leaves.len ? sb_str(&s.leaves) : "{",
	    s.exact.len ? sb_str(&s.exact) : "{");
	add_file(ix, xasprintf("%smanifest.js", dir), &sb);
	sb_free(&s.leaves);
	sb_free(&s.exact);
	free(s.size);
	free(dir);
}

