/*
 * search.h: the site's search index, built with the rest of the site
 * and read by static/search.js in the browser.  Per language: a
 * lexicon and postings split into shards by the first letters of
 * their keys (a query loads only the shards it needs), a document
 * table and the entities, all as JavaScript files that register
 * themselves (so that <script> loading works from file://).
 */
#ifndef SEARCH_H
#define SEARCH_H

#include <stddef.h>

struct config;
struct archive;
struct registry;
struct cache;
struct output;

/*
 * How one language's words become index terms: its Snowball stemmer
 * (libstemmer) when there is one, Arabic proclitics when the language
 * is Arabic.  Not thread-safe: one per thread.  Free with
 * search_analyzer_free().
 */
struct search_analyzer;

/* Returns the analyser of language code lang ("ar", "fr-CA"). */
struct search_analyzer *search_analyzer_new(const char *lang);
void	 search_analyzer_free(struct search_analyzer *);
/* Name of its Snowball algorithm ("arabic"), or NULL when it folds only. */
const char *search_analyzer_stemmer(const struct search_analyzer *);

/*
 * The words of text as index keys (text_search_forms()'s key), split
 * by ICU's word breaks.  Returns their number; *keys (caller frees
 * with search_strv_free()) is NULL-terminated.
 */
size_t	 search_tokens(const char *text, char ***keys);
void	 search_strv_free(char **);

/*
 * The term word stands for: the stem of its base, folded like a key.
 * The base is the word without Arabic proclitics (و ف ب ك ل and ال,
 * combined) when the analyser is Arabic and what is left is a word of
 * the corpus: attested(key, arg) says so (attested NULL: never).
 * Caller frees.
 */
char	*search_term(struct search_analyzer *, const char *word,
	    int (*attested)(const char *key, void *), void *arg);

/* One file of the index: a path under the output folder and its bytes. */
struct search_file {
	char	*path;		/* "ar/search/s/627.js" */
	char	*data;
	size_t	 len;
};

struct search_index;

/*
 * Builds the index of every language of the archive (and the
 * registry's names, reg may be NULL).  The files come out sorted by
 * path, their bytes the same whatever the number of workers.  Free
 * with search_index_free().
 */
struct search_index *search_build(const struct config *,
	    const struct archive *, const struct registry *reg);
/*
 * The same for language li alone.  With a build cache (or NULL), the
 * words of articles tokenised by an earlier build are taken from it,
 * and those of the others stored in it: the output is the same.
 */
struct search_index *search_build_lang(const struct config *,
	    const struct archive *, const struct registry *reg, size_t li,
	    struct cache *);
void	 search_index_free(struct search_index *);
/* The files, one by one: the caller may write only those that changed. */
size_t	 search_file_count(const struct search_index *);
const struct search_file *search_file_at(const struct search_index *,
	    size_t i);
/* Milliseconds search_build() took. */
double	 search_build_ms(const struct search_index *);

/*
 * Writes the index of every language whose inputs changed.  sig[li]
 * is the signature of language li's index inputs (the plan's): when
 * the live site holds that language's index made from the same, its
 * files are kept without building it.  cache (or NULL) is the build
 * cache, as for search_build_lang().  *ms (if not NULL) gets the time
 * the builds took.  Returns 0, or -1 after reporting.
 */
int	 search_write(const struct config *, const struct archive *,
	    const struct registry *, struct cache *, struct output *,
	    const unsigned char (*sig)[16], double *ms);

#endif /* SEARCH_H */
