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
