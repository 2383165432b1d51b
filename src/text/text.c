/*
 * text.c: see text.h.  The only file that speaks ICU.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ucal.h>
#include <unicode/uchar.h>
#include <unicode/ubrk.h>
#include <unicode/ucol.h>
#include <unicode/udat.h>
#include <unicode/udatpg.h>
#include <unicode/uloc.h>
#include <unicode/umsg.h>
#include <unicode/unorm2.h>
#include <unicode/unum.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/utrans.h>
#include <unicode/uclean.h>
#include <unicode/uversion.h>

#include "base/util.h"
#include "text/text.h"

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
static UChar *
to_u(const char *s, int32_t *ulen)
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

static char *
from_u(const UChar *u, int32_t ulen)
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
static UChar *
normalize(const UNormalizer2 *nz, const UChar *u, int32_t ulen, int32_t *olen)
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

	if (U_FAILURE(st) || (u = to_u(s, &ulen)) == NULL)
		return xstrdup(s);
	/* Most text is already NFC: skip the copy. */
	if (unorm2_isNormalized(nz, u, ulen, &st) && U_SUCCESS(st)) {
		free(u);
		return xstrdup(s);
	}
	o = normalize(nz, u, ulen, &olen);
	r = from_u(o, olen);
	free(u);
	free(o);
	return r;
}

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

	if (U_FAILURE(st) || (u = to_u(s, &ulen)) == NULL)
		return xstrdup("");
	if (policy == SLUG_ASCII)
		u = to_ascii(u, &ulen);
	f = normalize(fold, u, ulen, &flen);
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
static UChar *
fold_u(const UChar *u, int32_t ulen, int32_t *olen, int casefold)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *fold = casefold ?
	    unorm2_getNFKCCasefoldInstance(&st) : unorm2_getNFKCInstance(&st);
	UChar *f, *o;
	int32_t flen, i = 0, n = 0;
	int space = 0;

	f = normalize(fold, u, ulen, &flen);
	o = xmalloc(((size_t)flen * 2 + 1) * sizeof(UChar));
	while (i < flen) {
		UChar32 c;
		UBool err = 0;

		U16_NEXT(f, i, flen, c);
		if (is_arabic_ignorable(c) || c == 0x200c || c == 0x200d)
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

	if ((u = to_u(s, &ulen)) == NULL)
		return xstrdup(s);
	o = fold_u(u, ulen, &n, 1);
	r = from_u(o, n);
	free(u);
	free(o);
	return r;
}

int
text_is_rtl(const char *lang)
{
	UErrorCode st = U_ZERO_ERROR;
	ULayoutType t = uloc_getCharacterOrientation(lang, &st);

	return U_SUCCESS(st) && t == ULOC_LAYOUT_RTL;
}

char *
text_language_name(const char *lang)
{
	UErrorCode st = U_ZERO_ERROR;
	UChar buf[128];
	int32_t n;

	n = uloc_getDisplayName(lang, lang, buf, 128, &st);
	if (U_FAILURE(st) || n <= 0 || n >= 128)
		return xstrdup(lang);
	/* ICU gives French and Spanish names in lower case; a menu wants a capital. */
	if (u_islower(buf[0]) && !U16_IS_LEAD(buf[0]))
		buf[0] = (UChar)u_toupper(buf[0]);
	return from_u(buf, n);
}

int
text_is_latin(const char *lang)
{
	UErrorCode st = U_ZERO_ERROR;
	char full[ULOC_FULLNAME_CAPACITY], script[ULOC_SCRIPT_CAPACITY];

	uloc_addLikelySubtags(lang, full, sizeof(full), &st);
	uloc_getScript(full, script, sizeof(script), &st);
	return U_SUCCESS(st) && strcmp(script, "Latn") == 0;
}

int
text_locale_known(const char *lang)
{
	UErrorCode st = U_ZERO_ERROR;
	char l[ULOC_LANG_CAPACITY];
	const char *const *iso;

	uloc_getLanguage(lang, l, sizeof(l), &st);
	if (U_FAILURE(st) || l[0] == '\0')
		return 0;
	for (iso = uloc_getISOLanguages(); *iso; iso++)
		if (strcmp(*iso, l) == 0)
			return 1;
	return 0;
}

int
text_calendar_known(const char *cal)
{
	UErrorCode st = U_ZERO_ERROR;
	UEnumeration *e = ucal_getKeywordValuesForLocale("calendar", "und",
	    0, &st);
	const char *v;
	int found = 0;

	if (U_FAILURE(st))
		return 0;
	while (!found && (v = uenum_next(e, NULL, &st)) != NULL)
		found = strcmp(v, cal) == 0;
	uenum_close(e);
	return found;
}

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

static const char *const skeletons[TEXT_DATE__MAX] = {
	"yMMMMd", "yMMMM", "y", "LLLL"
};

/* A formatter for the best pattern of a skeleton in locale id. */
static UDateFormat *
open_date(const char *id, const char *skeleton, UErrorCode *st)
{
	UChar sk[32], pat[128], tz[4];
	UDateTimePatternGenerator *g;
	UDateFormat *f;
	int32_t n;

	g = udatpg_open(id, st);
	if (U_FAILURE(*st))
		return NULL;
	u_uastrcpy(sk, skeleton);
	n = udatpg_getBestPattern(g, sk, -1, pat, 128, st);
	udatpg_close(g);
	if (U_FAILURE(*st) || n >= 128)
		return NULL;
	u_uastrcpy(tz, "UTC");
	f = udat_open(UDAT_PATTERN, UDAT_PATTERN, id, tz, -1, pat, n, st);
	return U_FAILURE(*st) ? NULL : f;
}

struct text_locale *
text_locale_new(const char *locale, const char *numbers,
    char *const *calendars, size_t ncal, char **err)
{
	struct text_locale *l = xcalloc(1, sizeof(*l));
	UErrorCode st = U_ZERO_ERROR;
	size_t i;
	char *id;

	/*
	 * Some locales (fa, th) default to another calendar: the main date
	 * is always Gregorian, the others are asked for by name.
	 */
	l->id = numbers ? xasprintf("%s@calendar=gregorian;numbers=%s", locale,
	    numbers) : xasprintf("%s@calendar=gregorian", locale);
	l->msgs = hmap_new();
	pthread_mutex_init(&l->lock, NULL);
	for (i = 0; i < TEXT_DATE__MAX; i++) {
		l->date[i] = open_date(l->id, skeletons[i], &st);
		if (l->date[i] == NULL)
			goto fail;
	}
	l->other = xcalloc(ncal, sizeof(*l->other));
	for (i = 0; i < ncal; i++) {
		id = numbers ? xasprintf("%s@calendar=%s;numbers=%s", locale,
		    calendars[i], numbers) :
		    xasprintf("%s@calendar=%s", locale, calendars[i]);
		l->other[i] = open_date(id, "GyMMMMd", &st);
		free(id);
		if (l->other[i] == NULL)
			goto fail;
		l->nother++;
	}
	l->num = unum_open(UNUM_DECIMAL, NULL, 0, l->id, NULL, &st);
	if (U_FAILURE(st))
		goto fail;
	l->coll = ucol_open(locale, &st);
	if (U_FAILURE(st))
		goto fail;
	l->primary = ucol_open(locale, &st);
	if (U_FAILURE(st))
		goto fail;
	ucol_setStrength(l->primary, UCOL_PRIMARY);
	return l;
fail:
	*err = xasprintf("ICU cannot format for locale '%s': %s", l->id,
	    u_errorName(st));
	text_locale_free(l);
	return NULL;
}

void
text_locale_free(struct text_locale *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < TEXT_DATE__MAX; i++)
		if (l->date[i])
			udat_close(l->date[i]);
	for (i = 0; i < l->nother; i++)
		udat_close(l->other[i]);
	free(l->other);
	if (l->num)
		unum_close(l->num);
	if (l->coll)
		ucol_close(l->coll);
	if (l->primary)
		ucol_close(l->primary);
	for (i = 0; i < hmap_count(l->msgs); i++)
		umsg_close(hmap_value_at(l->msgs, i));
	hmap_free(l->msgs);
	pthread_mutex_destroy(&l->lock);
	free(l->id);
	free(l);
}

size_t
text_ncalendars(const struct text_locale *l)
{
	return l->nother;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static long
days_from_civil(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static char *
format_date(UDateFormat *f, int y, int m, int d)
{
	UErrorCode st = U_ZERO_ERROR;
	UChar buf[256];
	/* Noon UTC: far from any day boundary of any calendar. */
	UDate t = ((double)days_from_civil(y, m, d) * 86400.0 + 43200.0) *
	    1000.0;
	int32_t n;

	n = udat_format(f, t, buf, 256, NULL, &st);
	if (U_FAILURE(st) || n >= 256)
		return xstrdup("");
	return from_u(buf, n);
}

char *
text_date(struct text_locale *l, enum text_date_style s, int y, int m, int d)
{
	return format_date(l->date[s], y, m, d);
}

char *
text_date_other(struct text_locale *l, size_t i, int y, int m, int d)
{
	return format_date(l->other[i], y, m, d);
}

char *
text_number(struct text_locale *l, long v)
{
	UErrorCode st = U_ZERO_ERROR;
	UChar buf[64];
	int32_t n;

	n = unum_formatInt64(l->num, v, buf, 64, NULL, &st);
	if (U_FAILURE(st) || n >= 64)
		return xasprintf("%ld", v);
	return from_u(buf, n);
}

/*
 * ICU formats a bare {0} as a string argument, which a number passed
 * through varargs is not.  Rewrite every bare {N} to {N,number} so
 * that translators may write either.
 */
static char *
number_args(const char *p)
{
	struct strbuf sb = STRBUF_INIT;
	const char *q;

	while (*p) {
		/*
		 * ICU's apostrophe rules: '' is a literal apostrophe, and a
		 * single one before { } # | quotes up to the next single one.
		 */
		if (*p == '\'' && p[1] == '\'') {
			sb_add(&sb, p, 2);
			p += 2;
			continue;
		}
		if (*p == '\'' && p[1] && strchr("{}#|", p[1])) {
			q = p + 1;
			while (*q && !(*q == '\'' && q[1] != '\''))
				q += *q == '\'' ? 2 : 1;
			if (*q)
				q++;
			sb_add(&sb, p, (size_t)(q - p));
			p = q;
			continue;
		}
		if (*p == '{') {
			q = p + 1;
			while (*q == ' ')
				q++;
			if (*q >= '0' && *q <= '9') {
				const char *dig = q;

				while (*q >= '0' && *q <= '9')
					q++;
				size_t nd = (size_t)(q - dig);
				while (*q == ' ')
					q++;
				if (*q == '}') {
					sb_adds(&sb, "{");
					sb_add(&sb, dig, nd);
					sb_adds(&sb, ",number}");
					p = q + 1;
					continue;
				}
			}
		}
		sb_addc(&sb, *p++);
	}
	return sb_detach(&sb);
}

/* The compiled form of a pattern, made on first use; NULL after *err. */
static UMessageFormat *
compiled(struct text_locale *l, const char *pattern, char **err)
{
	UErrorCode st = U_ZERO_ERROR;
	UMessageFormat *mf;
	UParseError pe;
	int32_t ulen;
	UChar *u;
	char *p;

	pthread_mutex_lock(&l->lock);
	mf = hmap_get(l->msgs, pattern);
	pthread_mutex_unlock(&l->lock);
	if (mf != NULL)
		return mf;
	p = number_args(pattern);
	u = to_u(p, &ulen);
	free(p);
	if (u == NULL) {
		*err = xstrdup("the message is not valid UTF-8");
		return NULL;
	}
	mf = umsg_open(u, ulen, l->id, &pe, &st);
	free(u);
	if (U_FAILURE(st)) {
		if (mf != NULL)	/* ICU may hand back an object even then */
			umsg_close(mf);
		*err = xasprintf("bad ICU message format at offset %d: %s",
		    (int)pe.offset, u_errorName(st));
		return NULL;
	}
	pthread_mutex_lock(&l->lock);
	{
		UMessageFormat *had = hmap_put(l->msgs, pattern, mf);

		if (had != NULL) {	/* another thread was first */
			umsg_close(mf);
			mf = had;
		}
	}
	pthread_mutex_unlock(&l->lock);
	return mf;
}

char *
text_message(struct text_locale *l, const char *pattern, const double *args,
    size_t nargs, char **err)
{
	UErrorCode st = U_ZERO_ERROR;
	UMessageFormat *mf;
	UChar buf[1024];
	double a[4] = { 0, 0, 0, 0 };
	size_t i;
	int32_t n;

	for (i = 0; i < nargs && i < 4; i++)
		a[i] = args[i];
	if ((mf = compiled(l, pattern, err)) == NULL)
		return NULL;
	/* Formatting is const in ICU: safe on a shared compiled message. */
	n = umsg_format(mf, buf, 1024, &st, a[0], a[1], a[2], a[3]);
	if (U_FAILURE(st) || n >= 1024) {
		*err = xasprintf("ICU cannot format the message: %s",
		    u_errorName(st));
		return NULL;
	}
	return from_u(buf, n);
}

char *
text_sort_key(struct text_locale *l, const char *s)
{
	UChar *u;
	int32_t ulen, n;
	uint8_t *k;

	if ((u = to_u(s, &ulen)) == NULL)
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

	if (U_FAILURE(st) || (u = to_u(s, &ulen)) == NULL)
		return xstrdup("#");
	d = normalize(nfd, u, ulen, &dlen);
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
	return from_u(out, n);
}

char *
text_filing_form(const char *s, char *const *articles)
{
	UChar *u;
	int32_t ulen, i = 0, start;
	size_t k, off;
	const char *p;

	if ((u = to_u(s, &ulen)) == NULL)
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
		char *head = from_u(u, i);

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
	if (U_FAILURE(st) || (u = to_u(filed, &ulen)) == NULL)
		return xstrdup("#");
	d = normalize(nfd, u, ulen, &dlen);
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
	return from_u(out, n);
}

int
text_has_marks(const char *s)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfd = unorm2_getNFDInstance(&st);
	UChar *u, *d;
	int32_t ulen, dlen, i = 0;
	int found = 0;

	if (U_FAILURE(st) || (u = to_u(s, &ulen)) == NULL)
		return 0;
	d = normalize(nfd, u, ulen, &dlen);
	free(u);
	while (i < dlen && !found) {
		UChar32 c;

		U16_NEXT(d, i, dlen, c);
		found = u_charType(c) == U_NON_SPACING_MARK;
	}
	free(d);
	return found;
}

int
text_same_letter(struct text_locale *l, const char *a, const char *b)
{
	UChar *ua, *ub;
	int32_t na, nb;
	int r;

	if (strcmp(a, b) == 0)
		return 1;
	if ((ua = to_u(a, &na)) == NULL)
		return 0;
	if ((ub = to_u(b, &nb)) == NULL) {
		free(ua);
		return 0;
	}
	r = ucol_strcoll(l->primary, ua, na, ub, nb) == UCOL_EQUAL;
	free(ua);
	free(ub);
	return r;
}

/* One word break iterator per thread: opening one costs more than a page. */
static _Thread_local UBreakIterator *words_bi;

static int
is_apostrophe(UChar c)
{
	return c == 0x27 || c == 0x2019;
}

/*
 * The words of u[0, n) by ICU's rules, as UTF-16 ranges appended to
 * *v.  ICU keeps "l'UNESCO" whole (an apostrophe between letters joins
 * them); an article elided before a name is not part of it, so up to
 * three letters and an apostrophe at the start of a word are dropped.
 */
static size_t
split_words(const UChar *u, int32_t n, int32_t **v)
{
	UErrorCode st = U_ZERO_ERROR;
	size_t cnt = 0, cap = 0;
	int32_t start, end, k;

	*v = NULL;
	if (words_bi == NULL) {
		words_bi = ubrk_open(UBRK_WORD, "", NULL, 0, &st);
		if (U_FAILURE(st)) {
			words_bi = NULL;
			return 0;
		}
	}
	ubrk_setText(words_bi, u, n, &st);
	if (U_FAILURE(st))
		return 0;
	start = ubrk_first(words_bi);
	for (end = ubrk_next(words_bi); end != UBRK_DONE;
	    start = end, end = ubrk_next(words_bi)) {
		if (ubrk_getRuleStatus(words_bi) < UBRK_WORD_NUMBER)
			continue;	/* spaces, punctuation */
		for (k = start + 1; k <= start + 3 && k < end - 1; k++)
			if (is_apostrophe(u[k])) {
				start = k + 1;
				break;
			}
		/* An English possessive is not part of the name: "Cairo's". */
		if (end - start > 3 && is_apostrophe(u[end - 2]) &&
		    (u[end - 1] == 's' || u[end - 1] == 'S'))
			end -= 2;
		if (cnt == cap) {
			cap = cap ? cap * 2 : 64;
			*v = xreallocarray(*v, cap, 2 * sizeof(**v));
		}
		(*v)[2 * cnt] = start;
		(*v)[2 * cnt + 1] = end;
		cnt++;
	}
	return cnt;
}

/* UTF-8 offsets of every UTF-16 index of u (n + 1 of them); caller frees. */
static size_t *
utf8_offsets(const UChar *u, int32_t n)
{
	size_t *off = xmalloc(((size_t)n + 1) * sizeof(*off)), b = 0;
	int32_t i = 0;

	while (i < n) {
		UChar32 c;
		int32_t at = i;

		U16_NEXT(u, i, n, c);
		off[at] = b;
		if (i - at == 2)
			off[at + 1] = b;
		b += (size_t)U8_LENGTH(c);
	}
	off[n] = b;
	return off;
}

/*
 * The words of u as byte spans of its UTF-8 form, in *out (NUL-ended by
 * a zero entry; the caller frees it): the one place that maps ICU's
 * UTF-16 word breaks back to UTF-8 offsets.
 */
static size_t
word_spans(const UChar *u, int32_t ulen, struct text_word **out)
{
	int32_t *v;
	size_t n = split_words(u, ulen, &v), i, *off = utf8_offsets(u, ulen);

	*out = xcalloc(n + 1, sizeof(**out));
	for (i = 0; i < n; i++) {
		(*out)[i].off = off[v[2 * i]];
		(*out)[i].len = off[v[2 * i + 1]] - off[v[2 * i]];
	}
	free(off);
	free(v);
	return n;
}

size_t
text_words(const char *s, struct text_word **out)
{
	int32_t ulen;
	UChar *u = to_u(s, &ulen);
	size_t n;

	*out = NULL;
	if (u == NULL)
		return 0;
	n = word_spans(u, ulen, out);
	free(u);
	return n;
}

static size_t
fold_words(const char *s, char **folded, struct text_word **out, int casefold)
{
	int32_t ulen, olen;
	UChar *u = to_u(s, &ulen), *o;
	size_t n;

	*out = NULL;
	if (u == NULL) {
		*folded = xstrdup("");
		return 0;
	}
	/* Folded and split in UTF-16: one conversion each way. */
	o = fold_u(u, ulen, &olen, casefold);
	free(u);
	n = word_spans(o, olen, out);
	*folded = from_u(o, olen);
	free(o);
	return n;
}

size_t
text_fold_words(const char *s, char **folded, struct text_word **out)
{
	return fold_words(s, folded, out, 1);
}

size_t
text_fold_words_cased(const char *s, char **folded, struct text_word **out)
{
	return fold_words(s, folded, out, 0);
}

int
text_starts_upper(const char *s, size_t len)
{
	UChar32 c;
	int32_t i = 0;

	U8_NEXT(s, i, (int32_t)len, c);
	return c > 0 && u_isupper(c);
}

void
text_proclitic_forms(const char *w, void (*fn)(const char *, void *), void *arg)
{
	/* UTF-8 of waw, faa, baa, lam, kaf. */
	static const char *const conj[] = { "\xd9\x88", "\xd9\x81", NULL };
	static const char *const prep[] = { "\xd8\xa8", "\xd9\x84", "\xd9\x83",
	    NULL };
	static const char lam[] = "\xd9\x84", alef[] = "\xd8\xa7";
	const char *p = w;
	int i, j;

	for (i = -1; i < 2; i++) {
		const char *q = p;

		if (i >= 0) {
			if (conj[i] == NULL || strncmp(p, conj[i], 2) != 0)
				continue;
			q = p + 2;
			if (strlen(q) >= 4)
				fn(q, arg);
		}
		for (j = 0; prep[j]; j++) {
			const char *r;

			if (strncmp(q, prep[j], 2) != 0)
				continue;
			r = q + 2;
			/* Leave at least two letters: a name is not one letter. */
			if (strlen(r) < 4)
				continue;
			fn(r, arg);
			/* l + al- is written ll-: "للأمم" is "ل" + "الأمم". */
			if (j == 1 && strncmp(r, lam, 2) == 0) {
				char *al = xasprintf("%s%s", alef, r);

				fn(al, arg);
				free(al);
			}
		}
	}
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

	if (U_FAILURE(st) || (u = to_u(word, &ulen)) == NULL) {
		*key = xstrdup(word);
		*stem = xstrdup(word);
		return;
	}
	/* The stemmer's form: case folded, marks of no meaning dropped. */
	f = normalize(cf, u, ulen, &flen);
	o = xmalloc(((size_t)flen + 1) * sizeof(UChar));
	while (i < flen) {
		UChar32 c;
		UBool err = 0;

		U16_NEXT(f, i, flen, c);
		if (is_arabic_ignorable(c) || c == 0x200c || c == 0x200d)
			continue;
		if (c > 0x7f && u_isdigit(c) && u_charDigitValue(c) >= 0)
			c = '0' + u_charDigitValue(c);
		U16_APPEND(o, n, flen + 1, c, err);
		(void)err;
	}
	*stem = from_u(o, n);
	free(o);
	free(f);
	/* The key: text_fold()'s letters, accents off. */
	f = fold_u(u, ulen, &flen, 1);
	free(u);
	d = normalize(nfd, f, flen, &dlen);
	free(f);
	o = xmalloc(((size_t)dlen + 1) * sizeof(UChar));
	for (i = 0, n = 0; i < dlen; i++)
		if (!is_latin_accent(d[i]))
			o[n++] = d[i];
	free(d);
	f = normalize(nfc, o, n, &olen);
	free(o);
	*key = from_u(f, olen);
	free(f);
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
text_thread_done(void)
{
	if (words_bi != NULL)
		ubrk_close(words_bi);
	words_bi = NULL;
}

void
text_cleanup(void)
{
	text_thread_done();
	pthread_mutex_lock(&translit_lock);
	if (translit != NULL)
		utrans_close(translit);
	translit = NULL;
	pthread_mutex_unlock(&translit_lock);
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
