/*
 * search_int.h: what the files of search/ share, and no other folder
 * sees (they include search/search.h).  analyzer.c makes terms of
 * words; words.c tokenises the articles, through the build cache.
 */
#ifndef SEARCH_INT_H
#define SEARCH_INT_H

#include <stddef.h>

struct article;
struct cache;

/* The fields a word is counted in, in the order of their weights. */
enum field { F_TITLE, F_SUMMARY, F_ENTITY, F_BODY, F__MAX };

/* words.c */
/* A key in one article: how often in each field, and a stemmer form. */
struct occ {
	char		*key;
	char		*stem;		/* its form as first written there */
	unsigned	 cnt[F__MAX];
};

/* One article's words, made by a worker or read from the build cache. */
struct doc_words {
	struct occ	*v;
	size_t		 n;
	int		 borrowed;	/* keys and stems point into the cache */
};


/* The words being stored in the build cache, by a thread of their own. */
struct words_store;

/*
 * Every article's words, on every processor; out[i] is arts[i]'s
 * (caller frees each with words_doc_free(), then the array).  With a
 * cache (or NULL), the words of an article tokenised by an earlier
 * build come from it, and those of the others go into it, written
 * while the caller goes on: *store is then set, for
 * words_store_finish().
 */
struct doc_words *words_tokenize_all(struct article **arts, size_t n,
	    struct cache *, const char *lang, struct words_store **store);
/* Waits for the store (if any) and frees it. */
void	 words_store_finish(struct words_store *);
/* Frees what dw holds, not dw itself. */
void	 words_doc_free(struct doc_words *dw);

#endif /* SEARCH_INT_H */
