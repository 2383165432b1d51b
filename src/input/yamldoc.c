/*
 * yamldoc.c: see yamldoc.h.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "base/util.h"
#include "input/yamldoc.h"

/*
 * Aliases are shared nodes in libyaml's document model, so an alias
 * bomb costs no memory here; readers only walk known shapes.  The
 * node count still bounds what a hostile file can make us allocate.
 */
#define YDOC_MAX_NODES 200000

struct ydoc {
	yaml_document_t	 doc;
	char		*file;
	int		 line0;
	int		 empty;
};

static yaml_node_t *
node(const struct ydoc *y, int id)
{
	if (id <= 0 || y->empty)
		return NULL;
	return yaml_document_get_node((yaml_document_t *)&y->doc, id);
}

/* Reports duplicate keys in every map of the document. */
static int
check_dups(struct ydoc *y)
{
	yaml_node_t *n;
	int bad = 0;

	for (n = y->doc.nodes.start; n < y->doc.nodes.top; n++) {
		yaml_node_pair_t *a;
		struct hmap *seen;

		if (n->type != YAML_MAPPING_NODE)
			continue;
		seen = hmap_new();
		for (a = n->data.mapping.pairs.start;
		    a < n->data.mapping.pairs.top; a++) {
			yaml_node_t *k = node(y, a->key), *first;

			if (k == NULL || k->type != YAML_SCALAR_NODE)
				continue;
			first = hmap_put(seen, (const char *)k->data.scalar.value,
			    k);
			if (first == NULL)
				continue;
			diag(DIAG_ERROR, y->file,
			    (int)k->start_mark.line + y->line0,
			    (int)k->start_mark.column + 1,
			    "duplicate key '%s' (first at line %d); keep one "
			    "of them", (const char *)k->data.scalar.value,
			    (int)first->start_mark.line + y->line0);
			bad = 1;
		}
		hmap_free(seen);
	}
	return bad ? -1 : 0;
}

/*
 * Flow collections ([ and {) nested deeper than YDOC_MAX_DEPTH, found
 * in one pass over the bytes before libyaml sees them: libyaml's
 * scanner keeps one possible simple key per flow level and looks at
 * all of them at every token, which is quadratic in the nesting (40,000
 * '[' take seconds, 200,000 minutes).  Quotes and comments are skipped
 * so that brackets in text do not count; a '[' in block context counts
 * only where a flow collection can start (after a space, '-', ':' or
 * at the start of a line), not inside a plain word.  Returns -1 after
 * reporting at the opening bracket that goes too deep.
 */
static int
flow_depth_ok(const char *file, const char *buf, size_t len, int line0)
{
	size_t i;
	int depth = 0, line = 0, col = 1;
	char q = 0, prev = '\n';

	for (i = 0; i < len; i++) {
		char ch = buf[i];

		if (ch == '\n') {
			line++;
			col = 1;
			prev = ch;
			if (q == '#')
				q = 0;	/* quoted text may go on, a comment not */
			continue;
		}
		if (((unsigned char)ch & 0xc0) != 0x80)
			col++;
		if (q == '#')
			continue;
		if (q == '"') {
			if (ch == '\\' && i + 1 < len && buf[i + 1] != '\n')
				i++, col++;
			else if (ch == '"')
				q = 0;
			prev = ch;
			continue;
		}
		if (q == '\'') {
			if (ch == '\'' && i + 1 < len && buf[i + 1] == '\'')
				i++, col++;
			else if (ch == '\'')
				q = 0;
			prev = ch;
			continue;
		}
		if (ch == '#' && (prev == ' ' || prev == '\t' || prev == '\n'))
			q = '#';
		else if ((ch == '"' || ch == '\'') && (depth > 0 ||
		    strchr(" \t\n-:,[{", prev) != NULL))
			q = ch;
		else if ((ch == '[' || ch == '{') && (depth > 0 ||
		    strchr(" \t\n-:", prev) != NULL)) {
			if (++depth > YDOC_MAX_DEPTH) {
				diag(DIAG_ERROR, file, line + line0, col - 1,
				    "YAML nests deeper than %d levels here; "
				    "settings and front matter never need this "
				    "many: flatten it", YDOC_MAX_DEPTH);
				return -1;
			}
		} else if ((ch == ']' || ch == '}') && depth > 0)
			depth--;
		prev = ch;
	}
	return 0;
}

/*
 * One pass over libyaml's events (linear once flow_depth_ok() has
 * passed): collections of any style nested deeper than YDOC_MAX_DEPTH,
 * and with noalias set, anchors and aliases.  Returns -1 after
 * reporting; a syntax error is left for the loader to report.
 */
static int
events_ok(const char *file, const char *buf, size_t len, int line0,
    int noalias)
{
	yaml_parser_t p;
	yaml_event_t ev;
	int done = 0, bad = 0, depth = 0;

	if (flow_depth_ok(file, buf, len, line0) == -1)
		return -1;
	if (!yaml_parser_initialize(&p))
		return 0;	/* the loader says so */
	yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	while (!done && !bad) {
		if (!yaml_parser_parse(&p, &ev))
			break;	/* ydoc_parse reports the syntax error */
		if (noalias && (ev.type == YAML_ALIAS_EVENT || (ev.type ==
		    YAML_SCALAR_EVENT && ev.data.scalar.anchor) ||
		    (ev.type == YAML_SEQUENCE_START_EVENT &&
		    ev.data.sequence_start.anchor) ||
		    (ev.type == YAML_MAPPING_START_EVENT &&
		    ev.data.mapping_start.anchor))) {
			diag(DIAG_ERROR, file, (int)ev.start_mark.line + line0,
			    (int)ev.start_mark.column + 1, "YAML %s are not "
			    "allowed in front matter; write the value out in "
			    "full", ev.type == YAML_ALIAS_EVENT ? "aliases" :
			    "anchors");
			bad = 1;
		}
		if (ev.type == YAML_SEQUENCE_START_EVENT ||
		    ev.type == YAML_MAPPING_START_EVENT) {
			if (++depth > YDOC_MAX_DEPTH && !bad) {
				diag(DIAG_ERROR, file,
				    (int)ev.start_mark.line + line0,
				    (int)ev.start_mark.column + 1, "YAML nests "
				    "deeper than %d levels here; settings and "
				    "front matter never need this many: "
				    "flatten it", YDOC_MAX_DEPTH);
				bad = 1;
			}
		} else if (ev.type == YAML_SEQUENCE_END_EVENT ||
		    ev.type == YAML_MAPPING_END_EVENT)
			depth--;
		done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	return bad ? -1 : 0;
}

static struct ydoc *
load(const char *file, const char *buf, size_t len, int line0)
{
	struct ydoc *y = xcalloc(1, sizeof(*y));
	yaml_parser_t p;
	int ok;

	y->file = xstrdup(file);
	y->line0 = line0;
	if (!yaml_parser_initialize(&p)) {
		diag(DIAG_ERROR, file, 0, 0, "cannot start the YAML parser");
		free(y->file);
		free(y);
		return NULL;
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	ok = yaml_parser_load(&p, &y->doc);
	if (!ok) {
		yaml_mark_t m = p.problem_mark;

		diag(DIAG_ERROR, file, (int)m.line + line0, (int)m.column + 1,
		    "YAML: %s%s%s; check the indentation, quotes and colons",
		    p.problem ? p.problem : "syntax error",
		    p.context ? " " : "", p.context ? p.context : "");
		yaml_parser_delete(&p);
		free(y->file);
		free(y);
		return NULL;
	}
	yaml_parser_delete(&p);
	y->empty = yaml_document_get_root_node(&y->doc) == NULL;
	if (!y->empty && y->doc.nodes.top - y->doc.nodes.start >
	    YDOC_MAX_NODES) {
		diag(DIAG_ERROR, file, line0, 1,
		    "YAML has more than %d nodes; front matter and site.yaml "
		    "hold settings, not data", YDOC_MAX_NODES);
		ydoc_free(y);
		return NULL;
	}
	if (!y->empty && check_dups(y) == -1) {
		ydoc_free(y);
		return NULL;
	}
	return y;
}

struct ydoc *
ydoc_parse(const char *file, const char *buf, size_t len, int line0)
{
	if (events_ok(file, buf, len, line0, 0) == -1)
		return NULL;
	return load(file, buf, len, line0);
}

struct ydoc *
ydoc_parse_noalias(const char *file, const char *buf, size_t len, int line0)
{
	if (events_ok(file, buf, len, line0, 1) == -1)
		return NULL;
	return load(file, buf, len, line0);
}

void
ydoc_free(struct ydoc *y)
{
	if (y == NULL)
		return;
	yaml_document_delete(&y->doc);
	free(y->file);
	free(y);
}

int
ydoc_root(const struct ydoc *y)
{
	return y->empty ? 0 : 1;
}

enum ytype
ydoc_type(const struct ydoc *y, int id)
{
	yaml_node_t *n = node(y, id);

	if (n == NULL)
		return Y_NONE;
	switch (n->type) {
	case YAML_SCALAR_NODE:
		return Y_SCALAR;
	case YAML_SEQUENCE_NODE:
		return Y_SEQ;
	case YAML_MAPPING_NODE:
		return Y_MAP;
	default:
		return Y_NONE;
	}
}

const char *
ydoc_str(const struct ydoc *y, int id)
{
	yaml_node_t *n = node(y, id);

	if (n == NULL || n->type != YAML_SCALAR_NODE)
		return "";
	return (const char *)n->data.scalar.value;
}

size_t
ydoc_len(const struct ydoc *y, int id)
{
	yaml_node_t *n = node(y, id);

	if (n == NULL)
		return 0;
	switch (n->type) {
	case YAML_SCALAR_NODE:
		return n->data.scalar.length;
	case YAML_SEQUENCE_NODE:
		return (size_t)(n->data.sequence.items.top -
		    n->data.sequence.items.start);
	case YAML_MAPPING_NODE:
		return (size_t)(n->data.mapping.pairs.top -
		    n->data.mapping.pairs.start);
	default:
		return 0;
	}
}

int
ydoc_plain(const struct ydoc *y, int id)
{
	yaml_node_t *n = node(y, id);

	return n != NULL && n->type == YAML_SCALAR_NODE &&
	    n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
}

int
ydoc_item(const struct ydoc *y, int id, size_t i)
{
	yaml_node_t *n = node(y, id);

	if (n == NULL || n->type != YAML_SEQUENCE_NODE || i >= ydoc_len(y, id))
		return 0;
	return n->data.sequence.items.start[i];
}

int
ydoc_key(const struct ydoc *y, int id, size_t i)
{
	yaml_node_t *n = node(y, id);

	if (n == NULL || n->type != YAML_MAPPING_NODE || i >= ydoc_len(y, id))
		return 0;
	return n->data.mapping.pairs.start[i].key;
}

int
ydoc_value(const struct ydoc *y, int id, size_t i)
{
	yaml_node_t *n = node(y, id);

	if (n == NULL || n->type != YAML_MAPPING_NODE || i >= ydoc_len(y, id))
		return 0;
	return n->data.mapping.pairs.start[i].value;
}

int
ydoc_get(const struct ydoc *y, int map, const char *key)
{
	size_t i, n = ydoc_len(y, map);

	if (ydoc_type(y, map) != Y_MAP)
		return 0;
	for (i = 0; i < n; i++)
		if (strcmp(ydoc_str(y, ydoc_key(y, map, i)), key) == 0)
			return ydoc_value(y, map, i);
	return 0;
}

int
ydoc_line(const struct ydoc *y, int id)
{
	yaml_node_t *n = node(y, id);

	return n ? (int)n->start_mark.line + y->line0 : y->line0;
}

int
ydoc_col(const struct ydoc *y, int id)
{
	yaml_node_t *n = node(y, id);

	return n ? (int)n->start_mark.column + 1 : 1;
}

const char *
ydoc_file(const struct ydoc *y)
{
	return y->file;
}

const char *
ydoc_type_name(enum ytype t)
{
	switch (t) {
	case Y_SCALAR:
		return "a single value";
	case Y_SEQ:
		return "a list";
	case Y_MAP:
		return "a map";
	default:
		return "nothing";
	}
}

/* A plain null (~, null, or nothing) is no value at all. */
static int
is_null(const struct ydoc *y, int id)
{
	const char *s = ydoc_str(y, id);

	return ydoc_plain(y, id) && (s[0] == '\0' || strcmp(s, "~") == 0 ||
	    strcmp(s, "null") == 0 || strcmp(s, "Null") == 0 ||
	    strcmp(s, "NULL") == 0);
}

int
ydoc_want_str(const struct ydoc *y, int id, const char *what, char **out)
{
	if (ydoc_type(y, id) != Y_SCALAR || is_null(y, id)) {
		diag(DIAG_ERROR, y->file, ydoc_line(y, id), ydoc_col(y, id),
		    "'%s' must be a text value, not %s; write %s: \"...\"",
		    what, is_null(y, id) ? "empty" :
		    ydoc_type_name(ydoc_type(y, id)), what);
		return -1;
	}
	if (strlen(ydoc_str(y, id)) != ydoc_len(y, id)) {
		diag(DIAG_ERROR, y->file, ydoc_line(y, id), ydoc_col(y, id),
		    "'%s' holds a NUL character; remove it", what);
		return -1;
	}
	*out = xstrdup(ydoc_str(y, id));
	return 0;
}

/* Edits between a and b (both lower-cased ASCII or UTF-8 bytes), at most cap + 1. */
static size_t
edit_distance(const char *a, const char *b, size_t cap)
{
	size_t la = strlen(a), lb = strlen(b), i, j, r;
	size_t *d0, *d1, *d2, *t;

	if (la > 64 || lb > 64)
		return cap + 1;	/* keys are short; a long one matches none */
	if ((la > lb ? la - lb : lb - la) > cap)
		return cap + 1;
	d0 = xcalloc(lb + 1, sizeof(*d0));	/* row i - 2 */
	d1 = xcalloc(lb + 1, sizeof(*d1));	/* row i - 1 */
	d2 = xcalloc(lb + 1, sizeof(*d2));	/* row i */
	for (j = 0; j <= lb; j++)
		d1[j] = j;
	for (i = 1; i <= la; i++) {
		d2[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] != b[j - 1], v;

			v = d1[j] + 1;
			if (d2[j - 1] + 1 < v)
				v = d2[j - 1] + 1;
			if (d1[j - 1] + cost < v)
				v = d1[j - 1] + cost;
			/* "darft": two neighbours swapped is one edit. */
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d0[j - 2] + 1 < v)
				v = d0[j - 2] + 1;
			d2[j] = v;
		}
		t = d0;
		d0 = d1;
		d1 = d2;
		d2 = t;
	}
	r = d1[lb];
	free(d0);
	free(d1);
	free(d2);
	return r;
}

const char *
ydoc_suggest(const char *key, const char *const *known)
{
	const char *best = NULL;
	size_t k, bestd = (size_t)-1;
	char *lk = ascii_lower(key);

	for (k = 0; known[k]; k++)
		if (strcmp(key, known[k]) == 0) {
			free(lk);
			return NULL;
		}
	for (k = 0; known[k]; k++) {
		size_t n = strlen(known[k]), cap, d;

		if (strlen(lk) < n)
			n = strlen(lk);
		cap = n <= 3 ? 0 : n <= 5 ? 1 : 2;
		d = edit_distance(lk, known[k], cap);
		if (d <= cap && d < bestd) {
			best = known[k];
			bestd = d;
		}
	}
	free(lk);
	return best;
}

void
ydoc_check_keys(const struct ydoc *y, int map, const char *const *known,
    const char *what)
{
	size_t i, k;

	for (i = 0; i < ydoc_len(y, map); i++) {
		int key = ydoc_key(y, map, i);
		struct strbuf list = STRBUF_INIT;

		for (k = 0; known[k]; k++)
			if (strcmp(ydoc_str(y, key), known[k]) == 0)
				break;
		if (known[k] != NULL)
			continue;
		if (ydoc_suggest(ydoc_str(y, key), known) != NULL) {
			diag(DIAG_WARNING, y->file, ydoc_line(y, key),
			    ydoc_col(y, key), "unknown %s '%s' is ignored; did "
			    "you mean '%s'?", what, ydoc_str(y, key),
			    ydoc_suggest(ydoc_str(y, key), known));
			continue;
		}
		for (k = 0; known[k]; k++)
			sb_addf(&list, "%s%s", k ? ", " : "", known[k]);
		diag(DIAG_WARNING, y->file, ydoc_line(y, key), ydoc_col(y, key),
		    "unknown %s '%s' is ignored; check its spelling (known "
		    "keys: %s)", what, ydoc_str(y, key), sb_str(&list));
		sb_free(&list);
	}
}

void
ydoc_strv_free(char **v)
{
	char **p;

	if (v == NULL)
		return;
	for (p = v; *p; p++)
		free(*p);
	free(v);
}

int
ydoc_want_list(const struct ydoc *y, int id, const char *what, char ***out,
    size_t *np)
{
	size_t i, n;
	char **v;

	if (ydoc_type(y, id) == Y_SCALAR) {
		if (is_null(y, id)) {
			*out = xcalloc(1, sizeof(char *));
			*np = 0;
			return 0;
		}
		v = xcalloc(2, sizeof(char *));
		if (ydoc_want_str(y, id, what, &v[0]) == -1) {
			free(v);
			return -1;
		}
		*out = v;
		*np = 1;
		return 0;
	}
	if (ydoc_type(y, id) != Y_SEQ) {
		diag(DIAG_ERROR, y->file, ydoc_line(y, id), ydoc_col(y, id),
		    "'%s' must be a list, not %s; write %s: [a, b]", what,
		    ydoc_type_name(ydoc_type(y, id)), what);
		return -1;
	}
	n = ydoc_len(y, id);
	v = xcalloc(n + 1, sizeof(char *));
	for (i = 0; i < n; i++) {
		if (ydoc_want_str(y, ydoc_item(y, id, i), what, &v[i]) == -1) {
			ydoc_strv_free(v);
			return -1;
		}
	}
	*out = v;
	*np = n;
	return 0;
}

int
ydoc_want_bool(const struct ydoc *y, int id, const char *what, int *out)
{
	static const char *yes[] = { "true", "True", "TRUE", "yes", "Yes",
	    "on", NULL };
	static const char *no[] = { "false", "False", "FALSE", "no", "No",
	    "off", NULL };
	const char *s = ydoc_str(y, id);
	int i;

	if (ydoc_type(y, id) == Y_SCALAR && ydoc_plain(y, id)) {
		for (i = 0; yes[i]; i++)
			if (strcmp(s, yes[i]) == 0)
				return *out = 1, 0;
		for (i = 0; no[i]; i++)
			if (strcmp(s, no[i]) == 0)
				return *out = 0, 0;
	}
	diag(DIAG_ERROR, y->file, ydoc_line(y, id), ydoc_col(y, id),
	    "'%s' must be true or false", what);
	return -1;
}

int
ydoc_want_int(const struct ydoc *y, int id, const char *what, long min,
    long max, long *out)
{
	const char *s = ydoc_str(y, id);
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (ydoc_type(y, id) != Y_SCALAR || s[0] == '\0' || *end != '\0' ||
	    errno != 0 || v < min || v > max) {
		diag(DIAG_ERROR, y->file, ydoc_line(y, id), ydoc_col(y, id),
		    "'%s' must be a whole number from %ld to %ld", what, min,
		    max);
		return -1;
	}
	*out = v;
	return 0;
}
