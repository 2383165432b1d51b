/*
 * fold.c: the forms of a text made for machines, not readers: URL
 * slugs (with the transliterator for ASCII ones), the folded form that
 * matching compares, and the two forms search indexes.  They share one
 * idea of which Arabic marks carry no meaning and which letters
 * spellings mix, so it lives here once.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "base/util.h"
#include "text/text.h"
#include "text/text_int.h"

/*
 * Arabic marks that carry no meaning for URLs and matching: harakat,
 * superscript alef, Quranic annotation signs, and the tatweel (a
 * stretching letter used for justification).
 */
static int
is_arabic_ignorable(UChar32 c)
{
	return c == 0x0640 || (c >= 0x064b && c <= 0x065f) || c == 0x0670 ||
	    (c >= 0x06d6 && c <= 0x06ed) || (c >= 0x0610 && c <= 0x061a);
}

/*
 * What a search key or a folded form drops: the Arabic marks above, and
 * the zero-width non-joiner and joiner (Persian writes the first inside
 * words; neither changes the word).
 */
static int
is_key_ignorable(UChar32 c)
{
	return is_arabic_ignorable(c) || c == 0x200c || c == 0x200d;
}

/* One letter for each family of Arabic-script letters that spellings mix. */
static UChar32
arabic_unify(UChar32 c)
{
	switch (c) {
	case 0x0622: case 0x0623: case 0x0625: case 0x0671: case 0x0672:
	case 0x0673:
		return 0x0627;	/* alef */
	case 0x0629:
		return 0x0647;	/* taa marbuta -> haa */
	case 0x0649: case 0x06cc: case 0x06d2:
		return 0x064a;	/* alef maqsura, Farsi yeh -> yeh */
	case 0x06a9:
		return 0x0643;	/* keheh -> kaf */
	case 0x0624:
		return 0x0648;	/* waw with hamza -> waw */
	case 0x0626:
		return 0x064a;	/* yeh with hamza -> yeh */
	default:
		return c;
	}
}

static pthread_mutex_t translit_lock = PTHREAD_MUTEX_INITIALIZER;
static UTransliterator *translit;

/* Transliterates u in place to ASCII; returns the new buffer. */
static UChar *
to_ascii(UChar *u, int32_t *ulen)
{
	static const char *rules = "Any-Latin; Latin-ASCII";
	UErrorCode st = U_ZERO_ERROR;
	int32_t cap = *ulen * 4 + 16, limit = *ulen, len = *ulen;
	UChar id[64];

	u = xrealloc(u, (size_t)cap * sizeof(UChar));
	pthread_mutex_lock(&translit_lock);
	if (translit == NULL) {
		u_uastrcpy(id, rules);
		translit = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL,
		    &st);
	}
	if (translit != NULL) {
		st = U_ZERO_ERROR;
		utrans_transUChars(translit, u, &len, cap, 0, &limit, &st);
		if (U_SUCCESS(st))
			*ulen = len;
	}
	pthread_mutex_unlock(&translit_lock);
	return u;
}

/*
 * Longest derived slug, in bytes of UTF-8 (TEXT_SLUG_MAX in text.h):
 * bytes, not characters, because what grows is the folder name and
 * the URL, and an Arabic letter is two bytes and six characters once
 * percent-encoded.  80 bytes keep a URL readable in any script, hold
 * the first six to eight words of an Arabic headline (a dozen in
 * English), and leave room under NAME_MAX for "-2" suffixes.
 */
#define SLUG_MAX TEXT_SLUG_MAX

char *
text_slug(const char *s, enum slug_policy policy)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *fold = unorm2_getNFKCCasefoldInstance(&st);
	struct strbuf sb = STRBUF_INIT;
	UChar *u, *f;
	int32_t ulen, flen, i = 0;
	int sep = 0;

	if (U_FAILURE(st) || (u = text_to_u(s, &ulen)) == NULL)
		return xstrdup("");
	if (policy == SLUG_ASCII)
		u = to_ascii(u, &ulen);
	f = text_normalize(fold, u, ulen, &flen);
	free(u);
	while (i < flen) {
		UChar32 c;
		char buf[8];
		int32_t n = 0;
		UBool err = 0;

		U16_NEXT(f, i, flen, c);
		if (is_arabic_ignorable(c))
			continue;
		if (u_isdigit(c) && u_charDigitValue(c) >= 0) {
			c = '0' + u_charDigitValue(c);
		} else if (!(u_isalpha(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK)) ||
		    (policy == SLUG_ASCII && c > 0x7f)) {
			/* Marks stay: Indic vowel signs are part of the word. */
			sep = sb.len > 0;
			continue;
		}
		if (sep) {
			if (sb.len + 1 > SLUG_MAX)
				break;
			sb_addc(&sb, '-');
			sep = 0;
		}
		U8_APPEND(buf, n, (int32_t)sizeof(buf), c, err);
		if (err || sb.len + (size_t)n > SLUG_MAX) {
			/* Too long: end at the last whole word, if not too short. */
			char *dash = strrchr(sb.s, '-');

			if (dash != NULL && (size_t)(dash - sb.s) > SLUG_MAX / 2)
				sb.len = (size_t)(dash - sb.s);
			sb.s[sb.len] = '\0';
			break;
		}
		sb_add(&sb, buf, (size_t)n);
	}
	free(f);
	return sb_detach(&sb);
}

/*
 * Folds u[0, ulen) for matching (see text_fold); returns a fresh
 * buffer.  Without casefold, case is kept and all else is done alike,
 * so the two forms split into the same words.
 */
UChar *
text_fold_u(const UChar *u, int32_t ulen, int32_t *olen, int casefold)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *fold = casefold ?
	    unorm2_getNFKCCasefoldInstance(&st) : unorm2_getNFKCInstance(&st);
	UChar *f, *o;
	int32_t flen, i = 0, n = 0;
	int space = 0;

	f = text_normalize(fold, u, ulen, &flen);
	o = xmalloc(((size_t)flen * 2 + 1) * sizeof(UChar));
	while (i < flen) {
		UChar32 c;
		UBool err = 0;

		U16_NEXT(f, i, flen, c);
		if (is_key_ignorable(c))
			continue;
		if (u_isUWhiteSpace(c)) {
			space = n > 0;
			continue;
		}
		if (space) {
			o[n++] = ' ';
			space = 0;
		}
		c = arabic_unify(c);
		/* "٢٠٣٠" and "۲۰۳۰" are "2030". */
		if (c > 0x7f && u_isdigit(c) && u_charDigitValue(c) >= 0)
			c = '0' + u_charDigitValue(c);
		U16_APPEND(o, n, flen * 2 + 1, c, err);
		(void)err;	/* the buffer has room for every code point */
	}
	free(f);
	*olen = n;
	return o;
}

char *
text_fold(const char *s)
{
	UChar *u, *o;
	int32_t ulen, n;
	char *r;

	if ((u = text_to_u(s, &ulen)) == NULL)
		return xstrdup(s);
	o = text_fold_u(u, ulen, &n, 1);
	r = text_from_u(o, n);
	free(u);
	free(o);
	return r;
}

/*
 * Latin, Greek and Cyrillic accents (combining marks of U+0300-U+036F
 * after decomposition): a reader types "etat" for "état".
 */
static int
is_latin_accent(UChar32 c)
{
	return c >= 0x0300 && c <= 0x036f;
}

void
text_search_forms(const char *word, char **key, char **stem)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfd = unorm2_getNFDInstance(&st);
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
	const UNormalizer2 *cf = unorm2_getNFKCCasefoldInstance(&st);
	UChar *u, *f, *d, *o;
	int32_t ulen, flen, dlen, olen, i = 0, n = 0;

	if (U_FAILURE(st) || (u = text_to_u(word, &ulen)) == NULL) {
		*key = xstrdup(word);
		*stem = xstrdup(word);
		return;
	}
	/* The stemmer's form: case folded, marks of no meaning dropped. */
	f = text_normalize(cf, u, ulen, &flen);
	o = xmalloc(((size_t)flen + 1) * sizeof(UChar));
	while (i < flen) {
		UChar32 c;
		UBool err = 0;

		U16_NEXT(f, i, flen, c);
		if (is_key_ignorable(c))
			continue;
		if (c > 0x7f && u_isdigit(c) && u_charDigitValue(c) >= 0)
			c = '0' + u_charDigitValue(c);
		U16_APPEND(o, n, flen + 1, c, err);
		(void)err;
	}
	*stem = text_from_u(o, n);
	free(o);
	free(f);
	/* The key: text_fold()'s letters, accents off. */
	f = text_fold_u(u, ulen, &flen, 1);
	free(u);
	d = text_normalize(nfd, f, flen, &dlen);
	free(f);
	o = xmalloc(((size_t)dlen + 1) * sizeof(UChar));
	for (i = 0, n = 0; i < dlen; i++)
		if (!is_latin_accent(d[i]))
			o[n++] = d[i];
	free(d);
	f = text_normalize(nfc, o, n, &olen);
	free(o);
	*key = text_from_u(f, olen);
	free(f);
}

void
text_slug_cleanup(void)
{
	pthread_mutex_lock(&translit_lock);
	if (translit != NULL)
		utrans_close(translit);
	translit = NULL;
	pthread_mutex_unlock(&translit_lock);
}
