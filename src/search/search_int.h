/*
 * search_int.h: what the files of search/ share, and no other folder
 * sees (they include search/search.h).  analyzer.c makes terms of
 * words; words.c tokenises the articles, through the build cache;
 * index.c makes a language's lexicon, postings and names into shard
 * entries; files.c lays them out in files; write.c decides which
 * languages need building at all.
 */
#ifndef SEARCH_INT_H
#define SEARCH_INT_H

#include <stddef.h>
#include <stdint.h>

struct archive;
struct article;
struct cache;
struct config;
struct lang_archive;
struct registry;
struct strbuf;
struct text_locale;

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

/* The index being built: its files, in the order they were made. */
struct search_index {
	struct search_file	*f;
	size_t			 n;
	double			 ms;
};

/* A kind of shard entry, in the order they are written within a key. */
enum item_kind { I_WORD, I_POST, I_NAME, I_NAMEWORD };

/* An entry of a shard: what a key stands for, as JSON. */
struct item {
	const char	*key;		/* borrowed */
	enum item_kind	 kind;
	char		*val;		/* JSON of the value; owned */
};

/* index.c */
/*
 * Adds to ix the files of language li's index, as search_build_lang()
 * says.
 */
void	 index_build_lang(struct search_index *ix, const struct config *,
	    size_t li, const struct archive *, const struct registry *,
	    struct cache *);

/* files.c */
/* The digits of numbers in the files: 32 and up continue a number. */
extern const char files_b64[];
/* Appends v in those digits, low five bits first. */
void	 files_num(struct strbuf *, uint32_t v);
/*
 * Adds to ix language li's shards, holding the entries it[0..nit)
 * (sorted by key, then kind), and the manifest that maps their
 * prefixes to them.
 */
void	 files_write_shards(struct search_index *ix, const struct config *,
	    size_t li, const struct lang_archive *, const struct item *it,
	    size_t nit);
/* Adds to ix language li's document files; dates by loc (NULL: ISO). */
void	 files_write_docs(struct search_index *ix, const struct config *,
	    size_t li, const struct lang_archive *, struct text_locale *loc);
/* Adds to ix the entity files of language li. */
void	 files_write_entities(struct search_index *ix, const struct config *,
	    size_t li, const struct lang_archive *);

#endif /* SEARCH_INT_H */
