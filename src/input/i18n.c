/*
 * i18n.c: see i18n.h.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "text/text.h"
#include "input/config.h"
#include "input/yamldoc.h"
#include "input/i18n.h"

/* Keys arshif itself formats: a theme must define them. */
static const char *const required[] = { "articles_count", "entities_count",
	"page_n", "page_title", NULL };

struct i18n {
	size_t			  nlangs;
	struct hmap		 *keys;		/* key -> index + 1 */
	char			**key;		/* by index; owned by keys */
	size_t			  nkeys;
	char			**pattern;	/* [li * nkeys + k]; owned */
	char			**plain;	/* formatted without arguments */
	int			 *args;		/* per key: takes arguments */
	struct text_locale	**locs;		/* borrowed */
};

void
i18n_free(struct i18n *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->nlangs * t->nkeys; i++) {
		free(t->pattern[i]);
		free(t->plain[i]);
	}
	free(t->pattern);
	free(t->plain);
	free(t->args);
	free(t->key);
	hmap_free(t->keys);
	free(t);
}

/* Reads one language's file into a map key -> pattern (strings owned by the caller). */
static struct hmap *
read_file(const char *path, const char *shown, int *bad, struct hmap *lines)
{
	struct hmap *m;
	struct ydoc *y;
	size_t len, i, at;
	char *buf;
	int root;

	if ((buf = file_read(path, 1 << 20, &len)) == NULL)
		return NULL;
	if (!text_utf8_valid(buf, len, &at)) {
		diag(DIAG_ERROR, shown, 0, 0, "invalid UTF-8 at byte %zu", at);
		free(buf);
		*bad = 1;
		return NULL;
	}
	y = ydoc_parse(shown, buf, len, 1);
	free(buf);
	if (y == NULL) {
		*bad = 1;
		return NULL;
	}
	root = ydoc_root(y);
	m = hmap_new();
	if (root != 0 && ydoc_type(y, root) != Y_MAP) {
		diag(DIAG_ERROR, shown, 1, 1, "must be a map of key: \"text\"");
		*bad = 1;
	}
	for (i = 0; root && i < ydoc_len(y, root); i++) {
		int k = ydoc_key(y, root, i), v = ydoc_value(y, root, i);
		char *s;

		if (ydoc_want_str(y, v, ydoc_str(y, k), &s) == -1) {
			*bad = 1;
			continue;
		}
		hmap_put(m, ydoc_str(y, k), s);
		hmap_put(lines, ydoc_str(y, k),
		    (void *)(intptr_t)ydoc_line(y, k));
	}
	ydoc_free(y);
	return m;
}

static void
free_strings(struct hmap *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < hmap_count(m); i++)
		free(hmap_value_at(m, i));
	hmap_free(m);
}

struct i18n *
i18n_load(const struct config *c, const char *dir, struct text_locale **locs)
{
	struct i18n *t = xcalloc(1, sizeof(*t));
	struct hmap **files = xcalloc(c->nlangs, sizeof(*files));
	struct hmap **lines = xcalloc(c->nlangs, sizeof(*lines));
	char **shown = xcalloc(c->nlangs, sizeof(*shown));
	size_t li, k, d = c->deflang;
	int bad = 0;

	t->nlangs = c->nlangs;
	t->locs = locs;
	t->keys = hmap_new();
	for (li = 0; li < c->nlangs; li++) {
		char *name = xasprintf("%s.yaml", c->langs[li].code);
		char *path = path_join(dir, name);

		shown[li] = path;
		lines[li] = hmap_new();
		files[li] = read_file(path, path, &bad, lines[li]);
		if (files[li] == NULL && !bad)
			diag(li == d ? DIAG_ERROR : DIAG_WARNING, path, 0, 0,
			    "cannot read the interface strings: %s; %s",
			    strerror(errno), li == d ? "the default language "
			    "needs them" : "using the default language's");
		if (files[li] == NULL && li == d)
			bad = 1;
		free(name);
	}
	if (bad)
		goto out;
	/* The keys: the default language's, then any other language adds. */
	for (li = 0; li < c->nlangs; li++) {
		size_t order = li == 0 ? d : (li <= d ? li - 1 : li);

		if (files[order] == NULL)
			continue;
		for (k = 0; k < hmap_count(files[order]); k++)
			hmap_put(t->keys, hmap_key_at(files[order], k),
			    (void *)(intptr_t)(hmap_count(t->keys) + 1));
	}
	for (k = 0; required[k]; k++)
		if (hmap_get(files[d], required[k]) == NULL) {
			diag(DIAG_ERROR, shown[d], 0, 0, "the key '%s' is "
			    "missing; arshif needs it (see docs/templates.md)",
			    required[k]);
			bad = 1;
		}
	t->nkeys = hmap_count(t->keys);
	t->key = xcalloc(t->nkeys + 1, sizeof(*t->key));
	t->args = xcalloc(t->nkeys + 1, sizeof(*t->args));
	t->pattern = xcalloc(t->nlangs * t->nkeys + 1, sizeof(*t->pattern));
	t->plain = xcalloc(t->nlangs * t->nkeys + 1, sizeof(*t->plain));
	for (k = 0; k < t->nkeys; k++) {
		t->key[k] = (char *)hmap_key_at(t->keys, k);
		for (li = 0; li < c->nlangs; li++) {
			const char *p = files[li] ?
			    hmap_get(files[li], t->key[k]) : NULL;
			size_t from = li;

			if (p == NULL) {
				if (files[li] != NULL)
					diag(DIAG_WARNING, shown[li], 0, 0,
					    "no '%s'; using the %s text. Add "
					    "%s: \"...\" to translate it",
					    t->key[k], c->langs[d].code,
					    t->key[k]);
				from = d;
				p = files[d] ? hmap_get(files[d], t->key[k]) :
				    NULL;
			}
			if (p == NULL) {
				diag(DIAG_WARNING, shown[d], 0, 0, "no '%s', "
				    "which %s has; add it", t->key[k],
				    shown[li]);
				p = t->key[k];
			}
			t->pattern[li * t->nkeys + k] = xstrdup(p);
			if (strchr(p, '{') != NULL)
				t->args[k] = 1;
			{
				double zero[4] = { 0, 0, 0, 0 };
				char *err = NULL, *out;

				out = text_message(locs[li], p, zero, 4, &err);
				if (out == NULL) {
					diag(DIAG_ERROR, shown[from], (int)
					    (intptr_t)hmap_get(lines[from],
					    t->key[k]), 0, "'%s': %s; see "
					    "ICU MessageFormat", t->key[k],
					    err);
					free(err);
					bad = 1;
					out = xstrdup(p);
				}
				t->plain[li * t->nkeys + k] = out;
			}
		}
	}
out:
	for (li = 0; li < c->nlangs; li++) {
		free_strings(files[li]);
		hmap_free(lines[li]);
		free(shown[li]);
	}
	free(files);
	free(lines);
	free(shown);
	if (bad) {
		i18n_free(t);
		return NULL;
	}
	return t;
}

size_t
i18n_count(const struct i18n *t)
{
	return t->nkeys;
}

const char *
i18n_key(const struct i18n *t, size_t i)
{
	return t->key[i];
}

const char *
i18n_plain(const struct i18n *t, size_t li, size_t i)
{
	return t->plain[li * t->nkeys + i];
}

const char *
i18n_pattern(const struct i18n *t, size_t li, size_t i)
{
	return t->pattern[li * t->nkeys + i];
}

int
i18n_takes_args(const struct i18n *t, size_t i)
{
	return t->args[i];
}

int
i18n_has(const struct i18n *t, const char *key)
{
	return hmap_get(t->keys, key) != NULL;
}

char *
i18n_msg(const struct i18n *t, size_t li, const char *key, const double *args,
    size_t nargs)
{
	return i18n_format(t, t->locs[li], li, key, args, nargs);
}

char *
i18n_format(const struct i18n *t, struct text_locale *loc, size_t li,
    const char *key, const double *args, size_t nargs)
{
	intptr_t k = (intptr_t)hmap_get(t->keys, key);
	char *err = NULL, *s;

	if (k == 0)
		return xstrdup(key);
	s = text_message(loc, t->pattern[li * t->nkeys + (size_t)k - 1],
	    args, nargs, &err);
	if (s == NULL) {	/* checked at load: cannot happen */
		free(err);
		return xstrdup(key);
	}
	return s;
}
