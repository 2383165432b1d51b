/*
 * yamldoc.h: one YAML document loaded with libyaml, read through node
 * ids so that libyaml's types stay in yamldoc.c.  Every node knows its
 * line and column in the file as written.
 */
#ifndef YAMLDOC_H
#define YAMLDOC_H

#include <stddef.h>

struct ydoc;

enum ytype {
	Y_NONE,
	Y_SCALAR,
	Y_SEQ,
	Y_MAP
};

/*
 * Collections nested deeper than this are refused (at the opening that
 * goes too deep), before libyaml's scanner, which is quadratic in flow
 * nesting, sees them: settings never need more.
 */
#define YDOC_MAX_DEPTH 64

/*
 * Parses buf (len bytes) as one YAML document.  line0 is the line of
 * the file where buf starts (1 for a whole file), used in diagnostics
 * and node positions.  Reports errors (syntax, duplicate keys, too many
 * nodes) through diag() with file:line:col and returns NULL.  An empty
 * document gives a doc whose root is 0 (Y_NONE).
 */
struct ydoc *ydoc_parse(const char *file, const char *buf, size_t len,
	    int line0);
/*
 * The same, refusing anchors and aliases: front matter is a handful of
 * values, and an alias there is either a mistake or an attack whose
 * errors would point at the anchor instead of the use.
 */
struct ydoc *ydoc_parse_noalias(const char *file, const char *buf,
	    size_t len, int line0);
void	 ydoc_free(struct ydoc *);
/* The root node id, or 0 when the document is empty. */
int	 ydoc_root(const struct ydoc *);
enum ytype ydoc_type(const struct ydoc *, int node);
/* A scalar's text (NUL-terminated; may hold a NUL, see ydoc_len). */
const char *ydoc_str(const struct ydoc *, int node);
/* Scalars: byte length; sequences and maps: number of items. */
size_t	 ydoc_len(const struct ydoc *, int node);
/* 1 when a scalar was written plain (not quoted): true, 12, null. */
int	 ydoc_plain(const struct ydoc *, int node);
int	 ydoc_item(const struct ydoc *, int seq, size_t i);
int	 ydoc_key(const struct ydoc *, int map, size_t i);
int	 ydoc_value(const struct ydoc *, int map, size_t i);
/* The value of key in map, or 0. */
int	 ydoc_get(const struct ydoc *, int map, const char *key);
int	 ydoc_line(const struct ydoc *, int node);
int	 ydoc_col(const struct ydoc *, int node);
const char *ydoc_file(const struct ydoc *);
const char *ydoc_type_name(enum ytype);

/*
 * Helpers that read a field and report a wrong type at the node.
 * Return 0 on success, -1 after reporting.
 */
/* A scalar string, copied (caller frees); empty strings are errors when required. */
int	 ydoc_want_str(const struct ydoc *, int node, const char *what,
	    char **out);
/* A scalar or a sequence of scalars: *out is a NULL-terminated array the caller frees (strings too). */
int	 ydoc_want_list(const struct ydoc *, int node, const char *what,
	    char ***out, size_t *n);
/* A YAML boolean (true/false/yes/no). */
int	 ydoc_want_bool(const struct ydoc *, int node, const char *what,
	    int *out);
/* A whole number in [min, max]. */
int	 ydoc_want_int(const struct ydoc *, int node, const char *what,
	    long min, long max, long *out);
void	 ydoc_strv_free(char **);
/*
 * Warns about every key of map not in known (NULL-terminated): "unknown
 * key 'paginat' is ignored; did you mean 'paginate'?" when one is close
 * (ydoc_suggest), else "...; check its spelling (known keys: ...)".
 * what names the map in the message ("key", "language key").
 */
void	 ydoc_check_keys(const struct ydoc *, int map,
	    const char *const *known, const char *what);
/*
 * The known key (NULL-terminated list) that key is most likely a
 * misspelling of: the same but for case, or within a Damerau-Levenshtein
 * distance (adjacent transpositions count one) of 1 for keys of 4 or 5
 * characters and 2 from 6 on; keys of 3 characters or fewer only by
 * case, since every short word is near another.  Returns it (borrowed
 * from known), or NULL when none is close or key is itself known.
 */
const char *ydoc_suggest(const char *key, const char *const *known);

#endif /* YAMLDOC_H */
