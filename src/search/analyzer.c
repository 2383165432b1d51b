/*
 * analyzer.c: how a language's words become index terms (see
 * search.h): the keys of a text (ICU's word breaks and folding, from
 * text/), Arabic proclitics stripped when what is left is a word of
 * the corpus, and the Snowball stems of libstemmer, which is not ICU
 * and so lives here.  Everything else in search/ builds on these.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>

#include "base/util.h"
#include "text/text.h"
#include "search/search.h"

struct search_analyzer {
	struct sb_stemmer	*st;
	const char		*algo;
	int			 arabic;
};

/* ISO 639-1 codes of the Snowball algorithms Debian's libstemmer has. */
static const char *const algos[][2] = {
	{ "ar", "arabic" }, { "hy", "armenian" }, { "eu", "basque" },
	{ "ca", "catalan" }, { "da", "danish" }, { "nl", "dutch" },
	{ "en", "english" }, { "fi", "finnish" }, { "fr", "french" },
	{ "de", "german" }, { "el", "greek" }, { "hi", "hindi" },
	{ "hu", "hungarian" }, { "id", "indonesian" }, { "ga", "irish" },
	{ "it", "italian" }, { "lt", "lithuanian" }, { "ne", "nepali" },
	{ "no", "norwegian" }, { "nb", "norwegian" }, { "pt", "portuguese" },
	{ "ro", "romanian" }, { "ru", "russian" }, { "sr", "serbian" },
	{ "es", "spanish" }, { "sv", "swedish" }, { "ta", "tamil" },
	{ "tr", "turkish" }, { "yi", "yiddish" },
};

struct search_analyzer *
search_analyzer_new(const char *lang)
{
	struct search_analyzer *a = xcalloc(1, sizeof(*a));
	size_t i, n = strcspn(lang, "-_");

	for (i = 0; i < sizeof(algos) / sizeof(algos[0]); i++)
		if (strlen(algos[i][0]) == n &&
		    strncmp(algos[i][0], lang, n) == 0) {
			a->st = sb_stemmer_new(algos[i][1], "UTF_8");
			if (a->st != NULL)
				a->algo = algos[i][1];
			break;
		}
	a->arabic = n == 2 && strncmp(lang, "ar", 2) == 0;
	return a;
}

void
search_analyzer_free(struct search_analyzer *a)
{
	if (a == NULL)
		return;
	if (a->st != NULL)
		sb_stemmer_delete(a->st);
	free(a);
}

const char *
search_analyzer_stemmer(const struct search_analyzer *a)
{
	return a->algo;
}

void
search_strv_free(char **v)
{
	size_t i;

	for (i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

size_t
search_tokens(const char *text, char ***keys)
{
	struct text_word *w;
	size_t n = text_words(text, &w), i;

	*keys = xcalloc(n + 1, sizeof(**keys));
	for (i = 0; i < n; i++) {
		char *raw = xstrndup(text + w[i].off, w[i].len), *stem;

		text_search_forms(raw, &(*keys)[i], &stem);
		free(stem);
		free(raw);
	}
	free(w);
	return n;
}

static char *
key_of(const char *word)
{
	char *k, *s;

	text_search_forms(word, &k, &s);
	free(s);
	return k;
}

/* The forms of a word without its proclitics, as text_proclitic_forms gives them. */
struct forms {
	char	**v;
	size_t	  n;
};

static void
add_form(const char *f, void *arg)
{
	struct forms *fs = arg;

	fs->v = xreallocarray(fs->v, fs->n + 1, sizeof(*fs->v));
	fs->v[fs->n++] = xstrdup(f);
}

/* UTF-8 of alef lam: the article, which text_proclitic_forms keeps. */
static const char al[] = "\xd8\xa7\xd9\x84";

/*
 * The deepest proclitic form of w attested in the corpus, or NULL.
 * Forms come shortest prefix first, each followed by itself without
 * "ال"; a later attested one strips more.
 */
static char *
proclitic_base(const char *w, int (*attested)(const char *, void *),
    void *arg)
{
	struct forms fs = { NULL, 0 };
	char *best = NULL;
	size_t i, n;

	add_form(w, &fs);
	text_proclitic_forms(w, add_form, &fs);
	n = fs.n;
	for (i = 0; i < n; i++)
		/* Three letters at least stay: "الم" is no word of its own. */
		if (strncmp(fs.v[i], al, 4) == 0 && strlen(fs.v[i]) >= 4 + 6)
			add_form(fs.v[i] + 4, &fs);
	for (i = 1; i < fs.n; i++) {
		char *k = key_of(fs.v[i]);

		if (attested(k, arg)) {
			free(best);
			best = xstrdup(fs.v[i]);
		}
		free(k);
	}
	for (i = 0; i < fs.n; i++)
		free(fs.v[i]);
	free(fs.v);
	return best;
}

char *
search_term(struct search_analyzer *a, const char *word,
    int (*attested)(const char *, void *), void *arg)
{
	char *key, *stem, *base = NULL, *t;
	const char *in;

	text_search_forms(word, &key, &stem);
	if (a->arabic && attested != NULL)
		base = proclitic_base(stem, attested, arg);
	in = base ? base : stem;
	if (a->st == NULL) {
		t = key_of(in);
	} else {
		const sb_symbol *r = sb_stemmer_stem(a->st,
		    (const sb_symbol *)in, (int)strlen(in));
		char *s = r ? xstrndup((const char *)r,
		    (size_t)sb_stemmer_length(a->st)) : xstrdup(in);

		t = key_of(s);
		free(s);
	}
	/* A stem that folds to nothing (a lone mark) keeps the key. */
	if (t[0] == '\0') {
		free(t);
		t = xstrdup(key);
	}
	free(base);
	free(key);
	free(stem);
	return t;
}
