/*
 * index.c: a language's index in memory, from its articles' words to
 * the entries of its shards: the lexicon (every key, its spellings and
 * the term it stands for), the postings of each term with their
 * scores, and the names of the language's entities.  index_build_lang()
 * runs the whole, from tokenising to the files.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "base/json.h"
#include "text/text.h"
#include "input/config.h"
#include "content/content.h"
#include "input/registry.h"
#include "model/archive.h"
#include "search/search.h"
#include "search/search_int.h"

/* Weights of the fields, in the order the issue gives them. */
static const unsigned field_weight[F__MAX] = { 12, 6, 4, 1 };
/* Body occurrences counted at most: a long article is not more relevant. */
#define BODY_TF_MAX	8
#define SCORE_MAX	63

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

/* Each term's postings: documents as distances from the last, and scores. */
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
			files_num(&sb, t->v[k].doc - prev + (k == 0));
			sb_addc(&sb, files_b64[t->v[k].score > SCORE_MAX ?
			    SCORE_MAX : t->v[k].score]);
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

void
index_build_lang(struct search_index *ix, const struct config *c, size_t li,
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
	files_write_shards(ix, c, li, la, e.it, e.nit);
	loc = text_locale_new(c->langs[li].locale, c->langs[li].numbers, NULL,
	    0, &err);
	free(err);
	files_write_docs(ix, c, li, la, loc);
	text_locale_free(loc);
	files_write_entities(ix, c, li, la);

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
