/*
 * search.c: see search.h.  Words and stems come from analyzer.c.
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
#include <time.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "base/util.h"
#include "base/json.h"
#include "text/text.h"
#include "input/config.h"
#include "content/content.h"
#include "input/registry.h"
#include "model/archive.h"
#include "output/output.h"
#include "search/search.h"
#include "search/search_int.h"


/* Largest shard wanted, in bytes: a first query loads a few of them. */
#define SHARD_BYTES	(24 * 1024)
/* Deepest shard prefix, in code points: one key's own shard past that. */
#define SHARD_DEPTH	12
#define DOC_GROUP	16
#define ENT_GROUP	16
#define EXCERPT_BYTES	280

/* Weights of the fields, in the order the issue gives them. */
static const unsigned field_weight[F__MAX] = { 12, 6, 4, 1 };
/* Body occurrences counted at most: a long article is not more relevant. */
#define BODY_TF_MAX	8
#define SCORE_MAX	63

static const char b64[] =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/* ---- building ---- */

/* The spellings of a key in the corpus, and how many articles use each. */
struct variant {
	char	*stem;
	size_t	 n;
};

struct lex {
	char		*key;
	struct variant	*var;
	size_t		 nvar;
	char		*term;		/* resolved */
};

struct posting {
	uint32_t	doc;
	unsigned	score;
};

struct search_term_ent {
	char		*term;
	struct posting	*v;
	size_t		 n, cap;
};

static int
lex_attested(const char *key, void *arg)
{
	return hmap_get(arg, key) != NULL;
}

/* The spelling most articles use, the smallest of equals: the same every time. */
static const char *
main_variant(const struct lex *l)
{
	const struct variant *b = &l->var[0];
	size_t i;

	for (i = 1; i < l->nvar; i++)
		if (l->var[i].n > b->n || (l->var[i].n == b->n &&
		    strcmp(l->var[i].stem, b->stem) < 0))
			b = &l->var[i];
	return b->stem;
}

static void
sb_num(struct strbuf *sb, uint32_t v)
{
	while (v >= 32) {
		sb_addc(sb, b64[32 + (v & 31)]);
		v >>= 5;
	}
	sb_addc(sb, b64[v]);
}

/* A kind of shard entry, in the order they are written within a key. */
enum item_kind { I_WORD, I_POST, I_NAME, I_NAMEWORD };

struct item {
	const char	*key;		/* borrowed */
	enum item_kind	 kind;
	char		*val;		/* JSON of the value; owned */
};

static int
item_cmp(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c ? c : (int)x->kind - (int)y->kind;
}

/* Entities (positions in la->ents) a name key stands for. */
struct namekey {
	char	*key;
	size_t	*ent;
	size_t	 n;
};

static void
name_add(struct hmap *m, const char *key, size_t ei)
{
	struct namekey *k = hmap_get(m, key);

	if (key[0] == '\0')
		return;
	if (k == NULL) {
		k = xcalloc(1, sizeof(*k));
		k->key = xstrdup(key);
		hmap_put(m, key, k);
	}
	if (k->n > 0 && k->ent[k->n - 1] == ei)
		return;
	k->ent = xreallocarray(k->ent, k->n + 1, sizeof(*k->ent));
	k->ent[k->n++] = ei;
}

static size_t
utf8_cps(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* A name's full key and the keys of its words of three letters or more. */
static void
names_of(struct hmap *full, struct hmap *words, const char *name, size_t ei)
{
	char **k;
	size_t n = search_tokens(name, &k), i;
	struct strbuf sb = STRBUF_INIT;

	for (i = 0; i < n; i++) {
		if (i > 0)
			sb_addc(&sb, ' ');
		sb_adds(&sb, k[i]);
		if (n > 1 && utf8_cps(k[i]) >= 3)
			name_add(words, k[i], ei);
	}
	name_add(full, sb_str(&sb), ei);
	sb_free(&sb);
	search_strv_free(k);
}

static void
namekeys_free(struct hmap *m)
{
	size_t i;

	for (i = 0; i < hmap_count(m); i++) {
		struct namekey *k = hmap_value_at(m, i);

		free(k->key);
		free(k->ent);
		free(k);
	}
	hmap_free(m);
}

static int
size_cmp(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

static char *
ids_json(const struct namekey *k)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	if (k->n > 0)
		qsort(k->ent, k->n, sizeof(*k->ent), size_cmp);
	sb_addc(&sb, '[');
	for (i = 0; i < k->n; i++) {
		if (i > 0 && k->ent[i] == k->ent[i - 1])
			continue;
		sb_addf(&sb, "%s%zu", i ? "," : "", k->ent[i]);
	}
	sb_addc(&sb, ']');
	return sb_detach(&sb);
}

struct search_index {
	struct search_file	*f;
	size_t			 n;
	double			 ms;
};

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
shard_path(const char *code, const char *p, size_t plen)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i = 0;

	sb_addf(&sb, "%s/" SEARCH_DIR "s/", code);
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
	const char		*code;
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
	char *path = shard_path(s->code, g0->pre, strlen(g0->pre));
	/* The id: the path under the language's search folder, without ".js". */
	const char *id = path + strlen(s->code) + 1 + strlen(SEARCH_DIR);
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

static void
write_docs(struct search_index *ix, const struct config *c, size_t li,
    const struct lang_archive *la, struct text_locale *loc)
{
	const char *code = c->langs[li].code;
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
		add_file(ix, xasprintf("%s/" SEARCH_DIR "d/%zu.js", code, g),
		    &sb);
	}
}

static void
write_entities(struct search_index *ix, const struct config *c, size_t li,
    const struct lang_archive *la)
{
	const char *code = c->langs[li].code;
	size_t g, i, k;

	for (g = 0; g * ENT_GROUP < la->nents; g++) {
		struct strbuf sb = STRBUF_INIT;

		sb_addf(&sb, "arshifSearch(\"e/%zu\",[", g);
		for (i = g * ENT_GROUP; i < la->nents &&
		    i < (g + 1) * ENT_GROUP; i++) {
			const struct entity *e = la->ents[i];
			char *path = xasprintf("%s/entities/%s/", code, e->slug);
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

				sb_num(&sb, d - prev + (k == e->n));
				prev = d;
			}
			sb_adds(&sb, "\"]");
			free(path);
		}
		sb_adds(&sb, "]);\n");
		add_file(ix, xasprintf("%s/" SEARCH_DIR "e/%zu.js", code, g),
		    &sb);
	}
}

/* Every name and alias of every language, for the language's entities. */
static void
collect_names(const struct config *c, const struct registry *reg,
    const struct lang_archive *la, struct hmap *full, struct hmap *words)
{
	size_t i, lj, nreg = registry_count(reg);
	size_t *pos = xcalloc(nreg + 1, sizeof(*pos));

	/* Registry entity -> its position in la->ents, plus one. */
	for (i = 0; i < la->nents; i++)
		if (la->ents[i]->reg != NULL)
			pos[registry_index(reg, la->ents[i]->reg)] = i + 1;
	for (i = 0; i < la->nents; i++) {
		const struct entity *e = la->ents[i];

		names_of(full, words, e->name, i);
		for (lj = 0; e->reg && lj < c->nlangs; lj++)
			if (e->reg->name[lj] != NULL)
				names_of(full, words, e->reg->name[lj], i);
	}
	for (i = 0; i < registry_alias_count(reg); i++) {
		const struct reg_entity *re;
		const char *name = registry_alias_at(reg, i, &lj, &re);
		size_t p = pos[registry_index(reg, re)];

		if (p > 0)
			names_of(full, words, name, p - 1);
	}
	free(pos);
}

/* The lexicon, in document order: every key and its spellings. */
static struct hmap *
lexicon_build(const struct doc_words *dw, size_t ndoc)
{
	struct hmap *lexm = hmap_new();
	size_t i, k, d;

	for (d = 0; d < ndoc; d++)
		for (k = 0; k < dw[d].n; k++) {
			struct occ *o = &dw[d].v[k];
			struct lex *l = hmap_get(lexm, o->key);

			if (l == NULL) {
				l = xcalloc(1, sizeof(*l));
				l->key = xstrdup(o->key);
				hmap_put(lexm, o->key, l);
			}
			for (i = 0; i < l->nvar; i++)
				if (strcmp(l->var[i].stem, o->stem) == 0)
					break;
			if (i == l->nvar) {
				l->var = xreallocarray(l->var, l->nvar + 1,
				    sizeof(*l->var));
				l->var[l->nvar].stem = xstrdup(o->stem);
				l->var[l->nvar].n = 0;
				l->nvar++;
			}
			l->var[i].n++;
		}
	return lexm;
}

/* Each key's term: that of its main spelling, once every key is known. */
static void
lexicon_resolve(struct hmap *lexm, struct search_analyzer *an)
{
	size_t i;

	for (i = 0; i < hmap_count(lexm); i++) {
		struct lex *l = hmap_value_at(lexm, i);

		l->term = search_term(an, main_variant(l), lex_attested, lexm);
	}
}

static void
lexicon_free(struct hmap *lexm)
{
	size_t i, k;

	for (i = 0; i < hmap_count(lexm); i++) {
		struct lex *l = hmap_value_at(lexm, i);

		for (k = 0; k < l->nvar; k++)
			free(l->var[k].stem);
		free(l->var);
		free(l->key);
		free(l->term);
		free(l);
	}
	hmap_free(lexm);
}

/* Postings, in document order: each list comes out sorted. */
static struct hmap *
postings_build(const struct doc_words *dw, size_t ndoc, struct hmap *lexm)
{
	struct hmap *terms = hmap_new();
	size_t k, d;

	for (d = 0; d < ndoc; d++)
		for (k = 0; k < dw[d].n; k++) {
			struct occ *o = &dw[d].v[k];
			struct lex *l = hmap_get(lexm, o->key);
			struct search_term_ent *t = hmap_get(terms, l->term);
			unsigned sc = 0, f;

			for (f = 0; f < F__MAX; f++)
				sc += field_weight[f] * (f == F_BODY &&
				    o->cnt[f] > BODY_TF_MAX ? BODY_TF_MAX :
				    o->cnt[f]);
			if (t == NULL) {
				t = xcalloc(1, sizeof(*t));
				t->term = xstrdup(l->term);
				hmap_put(terms, l->term, t);
			}
			if (t->n > 0 && t->v[t->n - 1].doc == d) {
				t->v[t->n - 1].score += sc;
			} else {
				if (t->n == t->cap) {
					t->cap = t->cap ? t->cap * 2 : 4;
					t->v = xreallocarray(t->v, t->cap,
					    sizeof(*t->v));
				}
				t->v[t->n].doc = (uint32_t)d;
				t->v[t->n].score = sc;
				t->n++;
			}
		}
	return terms;
}

static void
postings_free(struct hmap *terms)
{
	size_t i;

	for (i = 0; i < hmap_count(terms); i++) {
		struct search_term_ent *t = hmap_value_at(terms, i);

		free(t->term);
		free(t->v);
		free(t);
	}
	hmap_free(terms);
}

/* The entries of a language's shards, from what the index holds of it. */
struct entries {
	struct item	*it;
	size_t		 nit;
};

static void
entry_add(struct entries *e, const char *key, enum item_kind kind, char *val)
{
	e->it = xreallocarray(e->it, e->nit + 1, sizeof(*e->it));
	e->it[e->nit].key = key;
	e->it[e->nit].kind = kind;
	e->it[e->nit++].val = val;
}

/* Keys that are not their own term: each says which term it is. */
static void
entries_words(struct entries *e, struct hmap *lexm)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < hmap_count(lexm); i++) {
		struct lex *l = hmap_value_at(lexm, i);

		if (strcmp(l->key, l->term) == 0)
			continue;
		json_strz(&sb, l->term, JSON_SCRIPT);
		entry_add(e, l->key, I_WORD, sb_detach(&sb));
	}
}

static void
entries_postings(struct entries *e, struct hmap *terms)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i, k;

	for (i = 0; i < hmap_count(terms); i++) {
		struct search_term_ent *t = hmap_value_at(terms, i);
		uint32_t prev = 0;

		sb_addc(&sb, '"');
		for (k = 0; k < t->n; k++) {
			sb_num(&sb, t->v[k].doc - prev + (k == 0));
			sb_addc(&sb, b64[t->v[k].score > SCORE_MAX ? SCORE_MAX :
			    t->v[k].score]);
			prev = t->v[k].doc;
		}
		sb_addc(&sb, '"');
		entry_add(e, t->term, I_POST, sb_detach(&sb));
	}
}

/* Full names, then the words of names. */
static void
entries_names(struct entries *e, struct hmap *full, struct hmap *words)
{
	size_t i, k;

	for (k = 0; k < 2; k++) {
		struct hmap *m = k ? words : full;

		for (i = 0; i < hmap_count(m); i++) {
			struct namekey *nk = hmap_value_at(m, i);

			entry_add(e, nk->key, k ? I_NAMEWORD : I_NAME,
			    ids_json(nk));
		}
	}
}

/*
 * Writes the entries into shards, then the manifest that maps their
 * prefixes to them.
 */
static void
write_shards(struct search_index *ix, const struct config *c, size_t li,
    const struct lang_archive *la, const struct item *it, size_t nit)
{
	const char *code = c->langs[li].code;
	struct strbuf sb = STRBUF_INIT;
	struct shards s;
	size_t i;

	memset(&s, 0, sizeof(s));
	s.ix = ix;
	s.code = code;
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
	add_file(ix, xasprintf("%s/" SEARCH_DIR "manifest.js", code), &sb);
	sb_free(&s.leaves);
	sb_free(&s.exact);
	free(s.size);
}

static void
build_lang(struct search_index *ix, const struct config *c, size_t li,
    const struct archive *ar, const struct registry *reg, struct cache *cache)
{
	const struct lang_archive *la = &ar->langs[li];
	const char *code = c->langs[li].code;
	struct article **arts = xcalloc(la->n + 1, sizeof(*arts));
	struct doc_words *dw;
	struct words_store *store;
	struct hmap *lexm, *terms;
	struct hmap *full = hmap_new(), *words = hmap_new();
	struct search_analyzer *an = search_analyzer_new(code);
	struct entries e = { NULL, 0 };
	size_t i, d;
	struct text_locale *loc;
	char *err = NULL;

	for (i = 0; i < la->n; i++)
		arts[i] = la->arts[la->n - 1 - i];
	dw = words_tokenize_all(arts, la->n, cache, code, &store);
	lexm = lexicon_build(dw, la->n);
	lexicon_resolve(lexm, an);
	terms = postings_build(dw, la->n, lexm);
	collect_names(c, reg, la, full, words);
	/* Every entry, sorted by key: the shards. */
	entries_words(&e, lexm);
	entries_postings(&e, terms);
	entries_names(&e, full, words);
	if (e.nit > 0)	/* a language without articles has no entries */
		qsort(e.it, e.nit, sizeof(*e.it), item_cmp);
	write_shards(ix, c, li, la, e.it, e.nit);
	loc = text_locale_new(c->langs[li].locale, c->langs[li].numbers, NULL,
	    0, &err);
	free(err);
	write_docs(ix, c, li, la, loc);
	text_locale_free(loc);
	write_entities(ix, c, li, la);

	for (i = 0; i < e.nit; i++)
		free(e.it[i].val);
	free(e.it);
	words_store_finish(store);
	for (d = 0; d < la->n; d++)
		words_doc_free(&dw[d]);
	free(dw);
	lexicon_free(lexm);
	postings_free(terms);
	namekeys_free(full);
	namekeys_free(words);
	search_analyzer_free(an);
	free(arts);
}

static int
file_cmp(const void *a, const void *b)
{
	const struct search_file *x = a, *y = b;

	return strcmp(x->path, y->path);
}

struct search_index *
search_build(const struct config *c, const struct archive *ar,
    const struct registry *reg)
{
	struct search_index *ix = xcalloc(1, sizeof(*ix));
	double t0 = now_ms();
	size_t li;

	for (li = 0; li < c->nlangs; li++)
		build_lang(ix, c, li, ar, reg, NULL);
	if (ix->n > 0)
		qsort(ix->f, ix->n, sizeof(*ix->f), file_cmp);
	ix->ms = now_ms() - t0;
	return ix;
}

struct search_index *
search_build_lang(const struct config *c, const struct archive *ar,
    const struct registry *reg, size_t li, struct cache *cache)
{
	struct search_index *ix = xcalloc(1, sizeof(*ix));
	double t0 = now_ms();

	build_lang(ix, c, li, ar, reg, cache);
	if (ix->n > 0)
		qsort(ix->f, ix->n, sizeof(*ix->f), file_cmp);
	ix->ms = now_ms() - t0;
	return ix;
}

void
search_index_free(struct search_index *ix)
{
	size_t i;

	if (ix == NULL)
		return;
	for (i = 0; i < ix->n; i++) {
		free(ix->f[i].path);
		free(ix->f[i].data);
	}
	free(ix->f);
	free(ix);
}

size_t
search_file_count(const struct search_index *ix)
{
	return ix->n;
}

const struct search_file *
search_file_at(const struct search_index *ix, size_t i)
{
	return &ix->f[i];
}

double
search_build_ms(const struct search_index *ix)
{
	return ix->ms;
}

/* The signature a file of an index gets: the index's inputs and its path. */
static void
file_sig(const unsigned char *isig, const char *path, unsigned char out[16])
{
	XXH3_state_t h;
	XXH128_canonical_t ch;

	XXH3_128bits_reset(&h);
	XXH3_128bits_update(&h, isig, 16);
	XXH3_128bits_update(&h, path, strlen(path));
	XXH128_canonicalFromHash(&ch, XXH3_128bits_digest(&h));
	memcpy(out, ch.digest, 16);
}

/*
 * 1 when the live site has language li's index from the same inputs,
 * and every one of its files was taken over.
 */
static int
kept(const struct config *c, size_t li, struct output *out,
    const unsigned char *isig)
{
	char *prefix = xasprintf("%s/%s", c->langs[li].code, SEARCH_DIR);
	char **paths, *page = xasprintf("%sindex.html", prefix);
	unsigned char fs[16];
	size_t n = output_live_list(out, prefix, &paths), i, got = 0;

	for (i = 0; i < n; i++) {
		if (strcmp(paths[i], page) == 0) {
			got++;	/* the search page: the plan's */
			continue;
		}
		file_sig(isig, paths[i], fs);
		if (!output_keep(out, paths[i], fs))
			break;
		got++;
	}
	for (i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
	free(prefix);
	free(page);
	return n > 1 && got == n;
}

int
search_write(const struct config *c, const struct archive *ar,
    const struct registry *reg, struct cache *cache, struct output *out,
    const unsigned char (*sig)[16], double *ms)
{
	size_t li, i;
	int rc = 0;

	if (ms != NULL)
		*ms = 0;
	for (li = 0; li < c->nlangs && rc == 0; li++) {
		struct search_index *ix;
		unsigned char fs[16];

		if (kept(c, li, out, sig[li]))
			continue;
		ix = search_build_lang(c, ar, reg, li, cache);
		if (ms != NULL)
			*ms += ix->ms;
		for (i = 0; i < ix->n && rc == 0; i++) {
			file_sig(sig[li], ix->f[i].path, fs);
			rc = output_write(out, ix->f[i].path, ix->f[i].data,
			    ix->f[i].len, fs);
		}
		search_index_free(ix);
	}
	return rc;
}
