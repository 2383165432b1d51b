/*
 * text.c: see text.h.  What every other file of text/ stands on: the
 * UTF-8 check, the one conversion between UTF-8 and ICU's UTF-16 and
 * the normaliser around it (text_int.h), NFC, marks, control
 * characters, ICU's version, and the cleanup at exit.  The files beside
 * it: fold.c (slugs and folding), locale.c (languages, dates, numbers,
 * messages), collate.c (sort keys and index letters), words.c (word
 * breaks).  ICU types never leave text/.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/uclean.h>
#include <unicode/uversion.h>

#include "base/util.h"
#include "text/text.h"
#include "text/text_int.h"

int
text_utf8_valid(const char *str, size_t len, size_t *bad)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, n, k;
	uint32_t cp, min;

	while (i < len) {
		unsigned char c = s[i];

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			n = 1;
			cp = c & 0x1f;
			min = 0x80;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2;
			cp = c & 0x0f;
			min = 0x800;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3;
			cp = c & 0x07;
			min = 0x10000;
		} else
			goto fail;
		if (len - i - 1 < n)
			goto fail;
		for (k = 1; k <= n; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				goto fail;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			goto fail;
		i += n + 1;
	}
	return 1;
fail:
	if (bad)
		*bad = i;
	return 0;
}

/* UTF-8 to a fresh UChar buffer (caller frees); NULL on bad input. */
UChar *
text_to_u(const char *s, int32_t *ulen)
{
	UErrorCode st = U_ZERO_ERROR;
	size_t len = strlen(s);
	int32_t n = 0;
	UChar *u;

	/* UTF-16 never needs more units than UTF-8 has bytes: convert once. */
	if (len >= INT32_MAX)
		return NULL;
	u = xmalloc((len + 1) * sizeof(UChar));
	u_strFromUTF8(u, (int32_t)len + 1, &n, s, (int32_t)len, &st);
	if (U_FAILURE(st)) {
		free(u);
		return NULL;
	}
	if (ulen)
		*ulen = n;
	return u;
}

char *
text_from_u(const UChar *u, int32_t ulen)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t n = 0;
	char *s;

	u_strToUTF8(NULL, 0, &n, u, ulen, &st);
	st = U_ZERO_ERROR;
	s = xmalloc((size_t)n + 1);
	u_strToUTF8(s, n + 1, NULL, u, ulen, &st);
	if (U_FAILURE(st))
		s[0] = '\0';
	s[n] = '\0';
	return s;
}

/* Applies a normaliser; returns a fresh buffer, caller frees. */
UChar *
text_normalize(const UNormalizer2 *nz, const UChar *u, int32_t ulen,
    int32_t *olen)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t cap = ulen * 3 + 16, n;
	UChar *o = xmalloc((size_t)cap * sizeof(UChar));

	n = unorm2_normalize(nz, u, ulen, o, cap, &st);
	if (st == U_BUFFER_OVERFLOW_ERROR) {
		st = U_ZERO_ERROR;
		free(o);
		cap = n + 1;
		o = xmalloc((size_t)cap * sizeof(UChar));
		n = unorm2_normalize(nz, u, ulen, o, cap, &st);
	}
	if (U_FAILURE(st))
		n = 0;
	*olen = n;
	return o;
}

char *
text_nfc(const char *s)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nz = unorm2_getNFCInstance(&st);
	UChar *u, *o;
	int32_t ulen, olen;
	char *r;

	if (U_FAILURE(st) || (u = text_to_u(s, &ulen)) == NULL)
		return xstrdup(s);
	/* Most text is already NFC: skip the copy. */
	if (unorm2_isNormalized(nz, u, ulen, &st) && U_SUCCESS(st)) {
		free(u);
		return xstrdup(s);
	}
	o = text_normalize(nz, u, ulen, &olen);
	r = text_from_u(o, olen);
	free(u);
	free(o);
	return r;
}

int
text_has_marks(const char *s)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfd = unorm2_getNFDInstance(&st);
	UChar *u, *d;
	int32_t ulen, dlen, i = 0;
	int found = 0;

	if (U_FAILURE(st) || (u = text_to_u(s, &ulen)) == NULL)
		return 0;
	d = text_normalize(nfd, u, ulen, &dlen);
	free(u);
	while (i < dlen && !found) {
		UChar32 c;

		U16_NEXT(d, i, dlen, c);
		found = u_charType(c) == U_NON_SPACING_MARK;
	}
	free(d);
	return found;
}

size_t
text_strip_controls(char *s, int lines, int bidi)
{
	unsigned char *r = (unsigned char *)s, *w = r;
	size_t n = 0;

	while (*r) {
		size_t drop = 0;

		if (*r < 0x20 && !(lines && (*r == '\t' || *r == '\n' ||
		    *r == '\r')))
			drop = 1;
		else if (*r == 0x7f)
			drop = 1;
		else if (r[0] == 0xc2 && r[1] >= 0x80 && r[1] <= 0x9f)
			drop = 2;
		else if (bidi && r[0] == 0xe2 && ((r[1] == 0x80 &&
		    r[2] >= 0xaa && r[2] <= 0xae) || (r[1] == 0x81 &&
		    r[2] >= 0xa6 && r[2] <= 0xa9)))
			drop = 3;
		if (drop) {
			r += drop;
			n++;
			continue;
		}
		*w++ = *r++;
	}
	*w = '\0';
	return n;
}

void
text_cleanup(void)
{
	text_thread_done();
	text_slug_cleanup();
	u_cleanup();
}

static char version_buf[2 * U_MAX_VERSION_STRING_LENGTH + 2];

static void
version_init(void)
{
	UVersionInfo v;
	char a[U_MAX_VERSION_STRING_LENGTH], u[U_MAX_VERSION_STRING_LENGTH];

	u_getVersion(v);
	u_versionToString(v, a);
	u_getUnicodeVersion(v);
	u_versionToString(v, u);
	snprintf(version_buf, sizeof(version_buf), "%s/%s", a, u);
}

const char *
text_version(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, version_init);
	return version_buf;
}
