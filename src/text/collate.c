/*
 * collate.c: the order of names in a language and how an index files
 * them: collation sort keys, the filing form without quotes or a
 * leading article, the letter or group a name is filed under, and
 * whether two letters are one in the language's collation.
 */
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/ucol.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "base/util.h"
#include "text/text.h"
#include "text/text_int.h"

char *
text_sort_key(struct text_locale *l, const char *s)
{
	UChar *u;
	int32_t ulen, n;
	uint8_t *k;

	if ((u = text_to_u(s, &ulen)) == NULL)
		return xstrdup("");
	n = ucol_getSortKey(l->coll, u, ulen, NULL, 0);
	k = xmalloc((size_t)n + 1);
	ucol_getSortKey(l->coll, u, ulen, k, n + 1);
	free(u);
	return (char *)k;
}

/*
 * The letter an index files c under: upper-cased; alef with hamza or
 * madda under alef, but yeh and keheh as written, or Persian names
 * would be filed under Arabic letters.
 */
static UChar32
index_fold(UChar32 c)
{
	c = u_toupper(c);
	if (c == 0x0622 || c == 0x0623 || c == 0x0625 || c == 0x0671)
		c = 0x0627;
	return c;
}

char *
text_index_letter(const char *s)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfd = unorm2_getNFDInstance(&st);
	UChar *u, *d, out[4];
	int32_t ulen, dlen, i = 0, n = 0;
	UBool err = 0;

	if (U_FAILURE(st) || (u = text_to_u(s, &ulen)) == NULL)
		return xstrdup("#");
	d = text_normalize(nfd, u, ulen, &dlen);
	free(u);
	while (i < dlen) {
		UChar32 c;

		U16_NEXT(d, i, dlen, c);
		if (!u_isalnum(c))
			continue;
		if (u_isdigit(c)) {
			free(d);
			return xstrdup("#");
		}
		c = index_fold(c);
		U16_APPEND(out, n, 4, c, err);
		(void)err;
		break;
	}
	free(d);
	if (n == 0)
		return xstrdup("#");
	return text_from_u(out, n);
}

char *
text_filing_form(const char *s, char *const *articles)
{
	UChar *u;
	int32_t ulen, i = 0, start;
	size_t k, off;
	const char *p;

	if ((u = text_to_u(s, &ulen)) == NULL)
		return xstrdup(s);
	/* Quotes, brackets and other marks before the first letter. */
	while (i < ulen) {
		UChar32 c;

		start = i;
		U16_NEXT(u, i, ulen, c);
		if (u_isalnum(c)) {
			i = start;
			break;
		}
	}
	if (i >= ulen) {	/* no letter or digit: filed as it is */
		free(u);
		return xstrdup(s);
	}
	/* UTF-16 offset i back to a byte offset of s. */
	{
		char *head = text_from_u(u, i);

		off = strlen(head);
		free(head);
	}
	free(u);
	p = s + off;
	for (k = 0; articles && articles[k]; k++) {
		size_t n = strlen(articles[k]);
		int letters = 0;
		const char *q;

		if (n == 0 || strncmp(p, articles[k], n) != 0)
			continue;
		/* "الأردن" is filed under أ; "ال" alone, or "الم", stay. */
		for (q = p + n; *q && *q != ' '; q++)
			letters += ((unsigned char)*q & 0xc0) != 0x80;
		if (letters >= 2) {
			p += n;
			break;
		}
	}
	return xstrdup(p);
}

char *
text_index_group(const char *filed, enum text_group *kind)
{
	UChar32 c;
	UChar *u, *d, out[4];
	int32_t ulen, dlen, i = 0, n = 0;
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfd = unorm2_getNFDInstance(&st);
	UBool err = 0;

	*kind = TEXT_GROUP_SYMBOL;
	if (U_FAILURE(st) || (u = text_to_u(filed, &ulen)) == NULL)
		return xstrdup("#");
	d = text_normalize(nfd, u, ulen, &dlen);
	free(u);
	if (dlen == 0) {
		free(d);
		return xstrdup("#");
	}
	U16_NEXT(d, i, dlen, c);
	free(d);
	if (u_isdigit(c)) {
		*kind = TEXT_GROUP_DIGIT;
		return xstrdup("0\u20139");
	}
	if (!u_isalpha(c))
		return xstrdup("#");
	*kind = TEXT_GROUP_LETTER;
	c = index_fold(c);
	U16_APPEND(out, n, 4, c, err);
	(void)err;
	return text_from_u(out, n);
}

int
text_same_letter(struct text_locale *l, const char *a, const char *b)
{
	UChar *ua, *ub;
	int32_t na, nb;
	int r;

	if (strcmp(a, b) == 0)
		return 1;
	if ((ua = text_to_u(a, &na)) == NULL)
		return 0;
	if ((ub = text_to_u(b, &nb)) == NULL) {
		free(ua);
		return 0;
	}
	r = ucol_strcoll(l->primary, ua, na, ub, nb) == UCOL_EQUAL;
	free(ua);
	free(ub);
	return r;
}
