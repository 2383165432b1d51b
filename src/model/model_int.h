/*
 * model_int.h: what the files of model/ share to build the archive.
 * Only the files of model/ include it; the rest of the program sees
 * archive.h and url.h.
 */
#ifndef MODEL_INT_H
#define MODEL_INT_H

#include <stddef.h>

struct config;
struct archive;
struct lang_archive;
struct hmap;
struct registry;
struct reg_entity;
struct text_locale;
struct entity;
struct term;

/* entity.c */
/*
 * Resolves the entities of every language (ar->langs[].ents, each
 * article's entity[] and related[]), linked across languages through
 * the registry (may be NULL).  Returns -1 after reporting a name that
 * names two registry entities.
 */
int	 model_entities(const struct config *, const struct registry *,
	    struct text_locale **locs, struct archive *);
/* The name a registry entity goes by in language li. */
const char *model_reg_name(const struct config *, const struct reg_entity *,
	    size_t li);
/* Frees an entity (NULL is fine). */
void	 model_entity_free(struct entity *);

/* taxonomy.c */
/* The terms of every taxonomy and language, and each article's terms[]. */
void	 model_taxonomies(const struct config *, const struct registry *,
	    struct text_locale **locs, struct archive *);
/* Frees a term (NULL is fine). */
void	 model_term_free(struct term *);

/* url.c */
/*
 * Sets the URL of each article of language li, its articles sorted
 * (urls: URL -> article, every language so far).  Reports the clashes
 * it cannot settle; returns -1 if there was one.
 */
int	 model_assign_urls(const struct config *, size_t li,
	    struct lang_archive *, struct hmap *urls);
/*
 * Checks every alias against the pages of the site (urls as filled by
 * model_assign_urls()) and the other aliases, and sets each article's
 * redirects[].  Returns -1 if an alias clashed.
 */
int	 model_check_aliases(const struct config *, struct archive *,
	    struct hmap *urls);

#endif /* MODEL_INT_H */
