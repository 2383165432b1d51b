/*
 * text_int.h: what the files of text/ share and nothing outside text/
 * may include (tests/tool/layers.py checks it).  ICU types are at home
 * here; text.h, the public header, stays free of them.
 */
#ifndef TEXT_INT_H
#define TEXT_INT_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include <unicode/ucol.h>
#include <unicode/udat.h>
#include <unicode/unorm2.h>
#include <unicode/unum.h>
#include <unicode/utypes.h>

#include "text/text.h"

struct hmap;

/* The formatters of one language (locale.c opens them, collate.c sorts). */
struct text_locale {
	UDateFormat	 *date[TEXT_DATE__MAX];
	UDateFormat	**other;	/* one per extra calendar */
	size_t		  nother;
	UNumberFormat	 *num;
	UCollator	 *coll;
	UCollator	 *primary;	/* the same at primary strength: letters alike */
	char		 *id;		/* ICU locale id with keywords */
	struct hmap	 *msgs;		/* pattern -> UMessageFormat *, compiled once */
	pthread_mutex_t	  lock;		/* guards msgs */
};

/* text.c */
/*
 * UTF-8 to a fresh UChar buffer (caller frees), its length in *ulen
 * (may be NULL); NULL on bad input.
 */
UChar	*text_to_u(const char *s, int32_t *ulen);
/* u[0, ulen) as UTF-8 (empty when ICU refuses); caller frees. */
char	*text_from_u(const UChar *u, int32_t ulen);
/* Applies a normaliser; returns a fresh buffer, caller frees. */
UChar	*text_normalize(const UNormalizer2 *nz, const UChar *u, int32_t ulen,
	    int32_t *olen);

/* fold.c */
/*
 * Folds u[0, ulen) for matching (see text_fold); returns a fresh
 * buffer (caller frees).  Without casefold, case is kept and all else
 * is done alike, so the two forms split into the same words.
 */
UChar	*text_fold_u(const UChar *u, int32_t ulen, int32_t *olen,
	    int casefold);
/* Closes the slug transliterator: for text_cleanup(). */
void	 text_slug_cleanup(void);

#endif /* TEXT_INT_H */
