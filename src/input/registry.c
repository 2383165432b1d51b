/*
 * registry.c: see registry.h.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "base/util.h"
#include "text/text.h"
#include "input/config.h"
#include "input/yamldoc.h"
#include "input/registry.h"

#define REGISTRY_MAX_BYTES (64 * 1024 * 1024)

/* A name to find in text: its folded words, for one language. */
struct pattern {
	const struct reg_entity	 *e;
	char			**words;	/* folded, NULL-terminated */
	size_t			  nwords;
	int			  capital;	/* written with a capital: text must be too */
	int			  clash;	/* another entity's name folds alike: never matched */
	struct pattern		 *next;		/* same first word */
};

/* An alias of language li, kept until the matcher is built. */
struct alias {
	size_t			 li;
	char			*name;
	const struct reg_entity	*e;
};

/* Entities sharing one folded name. */
struct match {
	const struct reg_entity	*e;
	struct match		*next;
};

struct registry {
	char			 *path;
	struct reg_entity	 *v;
	size_t			  n;
	size_t			  nlangs;
	struct hmap		 *by_name;	/* folded name -> struct match * */
	struct hmap		 *by_exact;	/* NFC name as written -> struct match * */
	struct hmap		**by_first;	/* per language: first word -> struct pattern * */
	struct pattern		**pats;		/* every pattern, to free */
	size_t			  npats;
	struct match		**matches;	/* every match cell, to free */
	size_t			  nmatches;
	struct alias		 *aliases;	/* as read, for the matcher */
	size_t			  naliases;
	struct hmap		 *ambiguous;	/* "<li>:<folded name>" never matched */
	struct hmap		 *by_id;	/* id -> struct reg_entity * */
};

size_t
registry_count(const struct registry *r)
{
	return r ? r->n : 0;
}

const struct reg_entity *
registry_at(const struct registry *r, size_t i)
{
	return &r->v[i];
}

size_t
registry_index(const struct registry *r, const struct reg_entity *e)
{
	return (size_t)(e - r->v);
}

const char *
registry_path(const struct registry *r)
{
	return r->path;
}

void
registry_free(struct registry *r)
{
	size_t i, k;

	if (r == NULL)
		return;
	for (i = 0; i < r->n; i++) {
		struct reg_entity *e = &r->v[i];

		free(e->id);
		free(e->type);
		for (k = 0; k < r->nlangs; k++) {
			free(e->name[k]);
			free(e->desc_html[k]);
		}
		free(e->name);
		free(e->desc_html);
		free(e->wikidata);
	}
	free(r->v);
	for (i = 0; i < r->npats; i++) {
		ydoc_strv_free(r->pats[i]->words);
		free(r->pats[i]);
	}
	free(r->pats);
	for (i = 0; i < r->nmatches; i++)
		free(r->matches[i]);
	free(r->matches);
	for (i = 0; i < r->naliases; i++)
		free(r->aliases[i].name);
	free(r->aliases);
	hmap_free(r->ambiguous);
	hmap_free(r->by_id);
	hmap_free(r->by_name);
	hmap_free(r->by_exact);
	for (k = 0; k < r->nlangs && r->by_first; k++)
		hmap_free(r->by_first[k]);
	free(r->by_first);
	free(r->path);
	free(r);
}

/* Records in map that key stands for e (once). */
static void
add_match(struct registry *r, struct hmap *map, const char *key,
    const struct reg_entity *e)
{
	struct match *m = hmap_get(map, key), *cell;

	for (cell = m; cell; cell = cell->next)
		if (cell->e == e)
			return;
	cell = xcalloc(1, sizeof(*cell));
	cell->e = e;
	r->matches = xreallocarray(r->matches, r->nmatches + 1,
	    sizeof(*r->matches));
	r->matches[r->nmatches++] = cell;
	if (m == NULL)
		hmap_put(map, key, cell);
	else {
		/* Keep the first cell in the map; chain the rest behind it. */
		cell->next = m->next;
		m->next = cell;
	}
}

/*
 * Records that the name stands for e: folded, and exactly as written
 * (NFC), so that "عمّان" (Amman) and "عُمان" (Oman), which fold alike,
 * are still told apart where the writer wrote their marks.
 */
static void
add_name(struct registry *r, const char *name, const struct reg_entity *e)
{
	char *key = text_fold(name);

	add_match(r, r->by_name, key, e);
	add_match(r, r->by_exact, name, e);
	free(key);
}

/* Adds a name of language li to the text matcher. */
static void
add_pattern(struct registry *r, size_t li, const char *name,
    const struct reg_entity *e)
{
	struct text_word *w, *ow;
	char *fold;
	size_t n = text_fold_words(name, &fold, &w), i;
	struct pattern *p, *head;

	if (n == 0) {
		free(w);
		free(fold);
		return;
	}
	p = xcalloc(1, sizeof(*p));
	p->e = e;
	p->nwords = n;
	p->words = xcalloc(n + 1, sizeof(*p->words));
	for (i = 0; i < n; i++)
		p->words[i] = xstrndup(fold + w[i].off, w[i].len);
	free(fold);
	free(w);
	/* The same split of the name as written tells its capital. */
	if (text_words(name, &ow) > 0)
		p->capital = text_starts_upper(name + ow[0].off, ow[0].len);
	free(ow);
	r->pats = xreallocarray(r->pats, r->npats + 1, sizeof(*r->pats));
	r->pats[r->npats++] = p;
	head = hmap_get(r->by_first[li], p->words[0]);
	if (head == NULL) {
		hmap_put(r->by_first[li], p->words[0], p);
		return;
	}
	/* Longest first: "United Nations Security Council" before "United Nations". */
	if (p->nwords > head->nwords) {
		/* The map keeps its first value: swap contents instead. */
		struct pattern t = *head;

		*head = *p;
		*p = t;
		head->next = p;
		p->next = t.next;
		return;
	}
	while (head->next && head->next->nwords >= p->nwords)
		head = head->next;
	p->next = head->next;
	head->next = p;
}

static char *
render_md(const char *md)
{
	return cmark_markdown_to_html(md, strlen(md), CMARK_OPT_DEFAULT);
}

/* Reads a map language -> text (or -> list of texts with many). */
static int
per_language(struct registry *r, const struct config *c, const struct ydoc *y,
    int node, const char *what, void (*fn)(struct registry *, size_t,
    const char *, void *), void *arg, int many)
{
	size_t i, k;
	int bad = 0;

	if (ydoc_type(y, node) != Y_MAP) {
		diag(DIAG_ERROR, r->path, ydoc_line(y, node), ydoc_col(y, node),
		    "'%s' must be a map of language to %s, like %s: {ar: "
		    "\"...\", en: \"...\"}", what, many ? "a list of names" :
		    "text", what);
		return -1;
	}
	for (i = 0; i < ydoc_len(y, node); i++) {
		int key = ydoc_key(y, node, i), v = ydoc_value(y, node, i);
		int li = config_lang(c, ydoc_str(y, key));
		char **list;
		size_t n;

		if (li < 0) {
			diag(DIAG_WARNING, r->path, ydoc_line(y, key),
			    ydoc_col(y, key), "language '%s' is not in "
			    "site.yaml; its %s are ignored", ydoc_str(y, key),
			    what);
			continue;
		}
		if (many) {
			if (ydoc_want_list(y, v, what, &list, &n) == -1) {
				bad = 1;
				continue;
			}
		} else {
			list = xcalloc(2, sizeof(*list));
			n = 1;
			if (ydoc_want_str(y, v, what, &list[0]) == -1) {
				free(list);
				bad = 1;
				continue;
			}
		}
		for (k = 0; k < n; k++) {
			char *nfc = text_nfc(list[k]);

			fn(r, (size_t)li, nfc, arg);
			free(nfc);
		}
		ydoc_strv_free(list);
	}
	return bad ? -1 : 0;
}

static void
set_name(struct registry *r, size_t li, const char *s, void *arg)
{
	struct reg_entity *e = arg;

	free(e->name[li]);
	e->name[li] = xstrdup(s);
	add_name(r, s, e);
}

static void
set_alias(struct registry *r, size_t li, const char *s, void *arg)
{
	add_name(r, s, arg);
	r->aliases = xreallocarray(r->aliases, r->naliases + 1,
	    sizeof(*r->aliases));
	r->aliases[r->naliases].li = li;
	r->aliases[r->naliases].name = xstrdup(s);
	r->aliases[r->naliases].e = arg;
	r->naliases++;
}

static char *
ambiguous_key(size_t li, const char *name)
{
	char *f = text_fold(name), *k = xasprintf("%zu:%s", li, f);

	free(f);
	return k;
}

static void
set_desc(struct registry *r, size_t li, const char *s, void *arg)
{
	struct reg_entity *e = arg;

	(void)r;
	free(e->desc_html[li]);
	e->desc_html[li] = render_md(s);
}

/* Ambiguous names identify the entity in front matter, never in text. */
static void
set_ambiguous(struct registry *r, size_t li, const char *s, void *arg)
{
	char *key = ambiguous_key(li, s);

	add_name(r, s, arg);
	hmap_put(r->ambiguous, key, (void *)1);
	free(key);
}

static int
id_ok(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '-' || *s == '_'))
			return 0;
	return 1;
}

static int
read_entity(struct registry *r, const struct config *c, const struct ydoc *y,
    int node, struct reg_entity *e)
{
	static const char *known[] = { "id", "type", "names", "aliases",
	    "ambiguous", "description", "wikidata", NULL };
	int v, bad = 0;

	e->line = ydoc_line(y, node);
	e->name = xcalloc(c->nlangs, sizeof(*e->name));
	e->desc_html = xcalloc(c->nlangs, sizeof(*e->desc_html));
	if (ydoc_type(y, node) != Y_MAP) {
		diag(DIAG_ERROR, r->path, ydoc_line(y, node), ydoc_col(y, node),
		    "each entity is a map with id, type and names");
		return -1;
	}
	ydoc_check_keys(y, node, known, "entity key");
	if ((v = ydoc_get(y, node, "id")) != 0) {
		e->id_line = ydoc_line(y, v);
		e->id_col = ydoc_col(y, v);
	}
	if (v != 0 && ydoc_want_str(y, v, "id", &e->id) == -1)
		return -1;	/* reported: one message for one mistake */
	if (v == 0 || !id_ok(e->id)) {
		diag(DIAG_ERROR, r->path, ydoc_line(y, v ? v : node),
		    ydoc_col(y, v ? v : node), "every entity needs an id of "
		    "lower-case letters, digits and '-' (id: layla-haddad)");
		return -1;
	}
	/* A type names a folder beside the years: a word, never "2021". */
	if ((v = ydoc_get(y, node, "type")) == 0 ||
	    ydoc_want_str(y, v, "type", &e->type) == -1 || !id_ok(e->type) ||
	    e->type[0] < 'a' || e->type[0] > 'z' ||
	    strcmp(e->type, "entities") == 0 || strcmp(e->type, "page") == 0 ||
	    /* the taxonomies' indexes are there */
	    strcmp(e->type, "sections") == 0 || strcmp(e->type, "tags") == 0 ||
	    strcmp(e->type, "authors") == 0) {
		diag(DIAG_ERROR, r->path, ydoc_line(y, v ? v : node),
		    ydoc_col(y, v ? v : node), "entity '%s' needs a type: a "
		    "lower-case word such as people, places or organisations",
		    e->id);
		bad = 1;
	}
	if (e->type && strcmp(e->type, "organizations") == 0) {
		free(e->type);
		e->type = xstrdup("organisations");
	}
	if ((v = ydoc_get(y, node, "names")) == 0) {
		diag(DIAG_ERROR, r->path, e->line, ydoc_col(y, node), "entity "
		    "'%s' has no names; add names: {ar: \"...\", en: \"...\"}",
		    e->id);
		return -1;
	}
	if (per_language(r, c, y, v, "names", set_name, e, 0) == -1)
		bad = 1;
	if ((v = ydoc_get(y, node, "aliases")) &&
	    per_language(r, c, y, v, "aliases", set_alias, e, 1) == -1)
		bad = 1;
	if ((v = ydoc_get(y, node, "ambiguous")) &&
	    per_language(r, c, y, v, "ambiguous", set_ambiguous, e, 1) == -1)
		bad = 1;
	if ((v = ydoc_get(y, node, "description")) &&
	    per_language(r, c, y, v, "description", set_desc, e, 0) == -1)
		bad = 1;
	if ((v = ydoc_get(y, node, "wikidata")) &&
	    ydoc_want_str(y, v, "wikidata", &e->wikidata) == -1)
		bad = 1;
	return bad ? -1 : 0;
}

/* Adds a name to the matcher unless it is marked ambiguous. */
static void
add_unless_ambiguous(struct registry *r, size_t li, const char *name,
    const struct reg_entity *e)
{
	char *key = ambiguous_key(li, name);

	if (hmap_get(r->ambiguous, key) == NULL)
		add_pattern(r, li, name, e);
	free(key);
}

static int
same_words(const struct pattern *a, const struct pattern *b)
{
	size_t k;

	if (a->nwords != b->nwords)
		return 0;
	for (k = 0; k < a->nwords; k++)
		if (strcmp(a->words[k], b->words[k]) != 0)
			return 0;
	return 1;
}

/* Builds the text matcher: each language's names and aliases. */
static void
build_patterns(struct registry *r, const struct config *c)
{
	size_t i, li;

	r->by_first = xcalloc(c->nlangs, sizeof(*r->by_first));
	for (li = 0; li < c->nlangs; li++)
		r->by_first[li] = hmap_new();
	for (i = 0; i < r->n; i++)
		for (li = 0; li < c->nlangs; li++)
			if (r->v[i].name[li] != NULL)
				add_unless_ambiguous(r, li, r->v[i].name[li],
				    &r->v[i]);
	for (i = 0; i < r->naliases; i++)
		add_unless_ambiguous(r, r->aliases[i].li, r->aliases[i].name,
		    r->aliases[i].e);
	/*
	 * Two entities whose names fold to the same words ("عمّان",
	 * "عُمان"): folded text cannot tell them apart, so neither is
	 * matched there; front matter names them by their exact form.
	 */
	for (li = 0; li < c->nlangs; li++)
		for (i = 0; i < hmap_count(r->by_first[li]); i++) {
			struct pattern *p, *q;

			for (p = hmap_value_at(r->by_first[li], i); p;
			    p = p->next)
				for (q = p->next; q; q = q->next)
					if (q->e != p->e && same_words(p, q))
						p->clash = q->clash = 1;
		}
}

int
registry_load(const struct config *c, struct registry **out)
{
	struct registry *r;
	struct ydoc *y = NULL;
	struct hmap *ids;
	char *full = path_join(c->source, "entities.yaml"), *buf;
	size_t len, at, i;
	int root, bad = 0;

	*out = NULL;
	buf = file_read(full, REGISTRY_MAX_BYTES, &len);
	free(full);
	if (buf == NULL && errno == ENOENT)
		return 0;
	r = xcalloc(1, sizeof(*r));
	r->path = config_path(c, "entities.yaml");
	r->nlangs = c->nlangs;
	r->by_name = hmap_new();
	r->by_exact = hmap_new();
	if (buf == NULL) {
		diag(DIAG_ERROR, r->path, 0, 0, "cannot read: %s",
		    errno == EFBIG ? "file too large" : strerror(errno));
		registry_free(r);
		return -1;
	}
	if (!text_utf8_valid(buf, len, &at)) {
		diag(DIAG_ERROR, r->path, 0, 0, "invalid UTF-8 at byte %zu; "
		    "save the file as UTF-8", at);
		free(buf);
		registry_free(r);
		return -1;
	}
	y = ydoc_parse(r->path, buf, len, 1);
	free(buf);
	if (y == NULL) {
		registry_free(r);
		return -1;
	}
	root = ydoc_root(y);
	if (root != 0 && ydoc_type(y, root) != Y_SEQ) {
		diag(DIAG_ERROR, r->path, 1, 1, "entities.yaml is a list of "
		    "entities: - id: ...");
		ydoc_free(y);
		registry_free(r);
		return -1;
	}
	r->n = root ? ydoc_len(y, root) : 0;
	r->v = xcalloc(r->n + 1, sizeof(*r->v));
	ids = r->by_id = hmap_new();
	r->ambiguous = hmap_new();
	for (i = 0; i < r->n; i++) {
		struct reg_entity *e = &r->v[i], *was;

		if (read_entity(r, c, y, ydoc_item(y, root, i), e) == -1) {
			bad = 1;
			continue;
		}
		if ((was = hmap_put(ids, e->id, e)) != NULL) {
			diag(DIAG_ERROR, r->path, e->id_line, e->id_col, "id '%s' "
			    "is also used at line %d; ids are unique", e->id,
			    was->line);
			bad = 1;
		}
	}
	if (!bad)
		build_patterns(r, c);
	ydoc_free(y);
	if (bad) {
		registry_free(r);
		return -1;
	}
	*out = r;
	return 0;
}

const struct reg_entity *
registry_by_id(const struct registry *r, const char *id)
{
	return r ? hmap_get(r->by_id, id) : NULL;
}

const struct reg_entity *
registry_lookup(const struct registry *r, const char *name,
    const struct reg_entity **other)
{
	char *key = text_fold(name);
	struct match *m = hmap_get(r->by_name, key), *x;

	free(key);
	/* Names that fold alike: the form as written decides, if it can. */
	if (m != NULL && m->next != NULL && text_has_marks(name) &&
	    (x = hmap_get(r->by_exact, name)) != NULL && x->next == NULL) {
		*other = NULL;
		return x->e;
	}
	*other = m && m->next ? m->next->e : NULL;
	return m ? m->e : NULL;
}

size_t
registry_alias_count(const struct registry *r)
{
	return r ? r->naliases : 0;
}

const char *
registry_alias_at(const struct registry *r, size_t i, size_t *li,
    const struct reg_entity **e)
{
	*li = r->aliases[i].li;
	*e = r->aliases[i].e;
	return r->aliases[i].name;
}

/* State of one mentions() call. */
struct scan {
	const struct registry	 *r;
	struct hmap		 *first;	/* the language's patterns */
	const char		 *text;		/* as written */
	const char		 *fold;		/* folded once, whole */
	struct text_word	 *w;		/* words of fold */
	size_t			  nw, i;
	char			 *cased;	/* folded with case kept, made when needed */
	struct text_word	 *ow;		/* its words */
	size_t			  now;
	int			  have_ow;
	const struct pattern	 *best;		/* longest match at i */
};

static int
word_is(const struct scan *s, size_t i, const char *word)
{
	return strlen(word) == s->w[i].len &&
	    memcmp(s->fold + s->w[i].off, word, s->w[i].len) == 0;
}

/*
 * Whether word i was written with a capital.  Case folding loses it,
 * so the text is folded once more with case kept (only when a
 * capitalised name is a candidate): everything else folds alike, so
 * the two split into the same words.  Should they not, say no:
 * precision over recall.
 */
static int
capital_at(struct scan *s, size_t i)
{
	if (!s->have_ow) {
		s->now = text_fold_words_cased(s->text, &s->cased, &s->ow);
		s->have_ow = 1;
	}
	if (s->now != s->nw || i >= s->now)
		return 0;
	return text_starts_upper(s->cased + s->ow[i].off, s->ow[i].len);
}

static void
try_form(const char *form, void *arg)
{
	struct scan *s = arg;
	const struct pattern *p;
	size_t k;

	for (p = hmap_get(s->first, form); p; p = p->next) {
		if (s->best && s->best->nwords >= p->nwords)
			break;	/* sorted longest first */
		if (p->clash)
			continue;
		if (s->i + p->nwords > s->nw)
			continue;
		for (k = 1; k < p->nwords; k++)
			if (!word_is(s, s->i + k, p->words[k]))
				break;
		if (k < p->nwords)
			continue;
		/* "Amal" the name, not "amal" the word: respect a capital. */
		if (p->capital && !capital_at(s, s->i))
			continue;
		s->best = p;
		break;
	}
}

size_t
registry_mentions(const struct registry *r, size_t li, const char *text,
    const struct reg_entity ***out, size_t n)
{
	struct scan s;
	char small[256], *word;
	size_t i, k;

	if (r == NULL || hmap_count(r->by_first[li]) == 0)
		return n;
	memset(&s, 0, sizeof(s));
	s.r = r;
	s.first = r->by_first[li];
	s.text = text;
	/* One fold and one word split for the whole text, not one per word. */
	s.nw = text_fold_words(text, (char **)&s.fold, &s.w);
	for (i = 0; i < s.nw; i++) {
		size_t len = s.w[i].len;

		word = len < sizeof(small) ? small : xmalloc(len + 1);
		memcpy(word, s.fold + s.w[i].off, len);
		word[len] = '\0';
		s.i = i;
		s.best = NULL;
		try_form(word, &s);
		/* A proclitic glues to the first word only: "وبالقاهرة". */
		if ((unsigned char)word[0] >= 0xd8)
			text_proclitic_forms(word, try_form, &s);
		if (word != small)
			free(word);
		if (s.best == NULL)
			continue;
		for (k = 0; k < n; k++)
			if ((*out)[k] == s.best->e)
				break;
		if (k == n) {
			*out = xreallocarray(*out, n + 1, sizeof(**out));
			(*out)[n++] = s.best->e;
		}
		i += s.best->nwords - 1;
	}
	free((char *)s.fold);
	free(s.w);
	free(s.cased);
	free(s.ow);
	return n;
}
