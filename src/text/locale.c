/*
 * locale.c: what ICU knows of a language (its direction, name, script,
 * calendars) and the formatters of one language opened once in a
 * struct text_locale: dates in the Gregorian and the extra calendars,
 * whole numbers in the locale's digits, and MessageFormat patterns
 * (plurals) compiled on first use.  collate.c uses the same struct for
 * its collators.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ucal.h>
#include <unicode/uchar.h>
#include <unicode/udat.h>
#include <unicode/udatpg.h>
#include <unicode/uloc.h>
#include <unicode/umsg.h>
#include <unicode/unum.h>
#include <unicode/ucol.h>
#include <unicode/ustring.h>

#include "base/util.h"
#include "text/text.h"
#include "text/text_int.h"

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
	return text_from_u(buf, n);
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
	return text_from_u(buf, n);
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
	return text_from_u(buf, n);
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
	u = text_to_u(p, &ulen);
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
	return text_from_u(buf, n);
}
