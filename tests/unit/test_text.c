/*
 * test_text.c: text.h, languages and scripts through ICU.
 *
 * Expected calendar facts (checked against ICU 72 on Debian, and
 * against published tables):
 *  - 2020-11-03 is 17 Rabi' al-awwal 1442 AH (Umm al-Qura);
 *  - 2023-03-23 is 1 Ramadan 1444 AH (Umm al-Qura: Saudi Arabia
 *    announced the start of Ramadan 1444 on Thursday 23 March 2023);
 *  - 2020-11-03 is 13 Aban 1399 SH (Solar Hijri: 1 Aban 1399 was
 *    22 October 2020).
 * Plural categories are CLDR's (ar: zero, one, two, few 3-10, many
 * 11-99, other 100-102; fr: one for 0 and 1; fa: one for 0 and 1).
 * French collation: since CLDR 1.9 only fr-CA sorts accents backwards,
 * so fr gives cote < coté < côte < côté and fr-CA cote < côte < coté <
 * côté (what ICU prints).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sanitizer/lsan_interface.h>

#include "base/util.h"
#include "text/text.h"

/* ---------------------------------------------------------------- utf-8 */

static int
valid(const char *s, size_t len, size_t *bad)
{
	*bad = (size_t)-1;
	return text_utf8_valid(s, len, bad);
}

static void
test_utf8_valid_text(void **state)
{
	size_t bad;
	const char *s = "abc العربية فارسی 東京 😀";

	assert_int_equal(valid(s, strlen(s), &bad), 1);
	assert_int_equal(valid("", 0, &bad), 1);
	assert_int_equal(valid("a\0b", 3, &bad), 1);	/* NUL is UTF-8 */
	assert_int_equal(valid("\xf4\x8f\xbf\xbf", 4, &bad), 1); /* U+10FFFF */
	assert_int_equal(valid("\xef\xbf\xbf", 3, &bad), 1);	 /* U+FFFF */
	assert_int_equal(valid("\xed\x9f\xbf", 3, &bad), 1);	 /* U+D7FF */
	assert_int_equal(valid("\xee\x80\x80", 3, &bad), 1);	 /* U+E000 */
	assert_int_equal(text_utf8_valid("\xc3\xa9", 2, NULL), 1);
}

static void
test_utf8_overlongs(void **state)
{
	size_t bad;

	assert_int_equal(valid("ab\xc0\xaf", 4, &bad), 0);	/* '/' in 2 */
	assert_int_equal(bad, 2);
	assert_int_equal(valid("\xc1\xbf", 2, &bad), 0);
	assert_int_equal(bad, 0);
	assert_int_equal(valid("x\xe0\x80\xaf", 4, &bad), 0);	/* '/' in 3 */
	assert_int_equal(bad, 1);
	assert_int_equal(valid("\xe0\x9f\xbf", 3, &bad), 0);	/* U+07FF in 3 */
	assert_int_equal(bad, 0);
	assert_int_equal(valid("\xf0\x80\x80\xaf", 4, &bad), 0);
	assert_int_equal(bad, 0);
	assert_int_equal(valid("\xf0\x8f\xbf\xbf", 4, &bad), 0); /* U+FFFF in 4 */
	assert_int_equal(bad, 0);
}

static void
test_utf8_surrogates(void **state)
{
	size_t bad;

	assert_int_equal(valid("ok\xed\xa0\x80", 5, &bad), 0);	/* U+D800 */
	assert_int_equal(bad, 2);
	assert_int_equal(valid("\xed\xbf\xbf", 3, &bad), 0);	/* U+DFFF */
	assert_int_equal(bad, 0);
	/* CESU-8 pair for U+1F600 */
	assert_int_equal(valid("\xed\xa0\xbd\xed\xb8\x80", 6, &bad), 0);
	assert_int_equal(bad, 0);
}

static void
test_utf8_truncated(void **state)
{
	size_t bad;

	assert_int_equal(valid("abc\xe2\x82", 5, &bad), 0);	/* € cut */
	assert_int_equal(bad, 3);
	assert_int_equal(valid("\xe2\x82" "A", 3, &bad), 0);
	assert_int_equal(bad, 0);
	assert_int_equal(valid("\xf0\x9f\x98", 3, &bad), 0);
	assert_int_equal(bad, 0);
	assert_int_equal(valid("\xd8", 1, &bad), 0);
	assert_int_equal(bad, 0);
	/* The length given counts, not the NUL. */
	assert_int_equal(valid("\xc3\xa9", 1, &bad), 0);
	assert_int_equal(bad, 0);
	/* A lone continuation byte. */
	assert_int_equal(valid("é\x80", 3, &bad), 0);
	assert_int_equal(bad, 2);
}

static void
test_utf8_beyond_max(void **state)
{
	size_t bad;

	assert_int_equal(valid("a\xf4\x90\x80\x80", 5, &bad), 0); /* U+110000 */
	assert_int_equal(bad, 1);
	assert_int_equal(valid("\xf5\x80\x80\x80", 4, &bad), 0);
	assert_int_equal(bad, 0);
	assert_int_equal(valid("\xf8\x88\x80\x80\x80", 5, &bad), 0);
	assert_int_equal(bad, 0);
	assert_int_equal(valid("ab\xff", 3, &bad), 0);
	assert_int_equal(bad, 2);
	assert_int_equal(valid("\xfe", 1, &bad), 0);
	assert_int_equal(bad, 0);
}

/* ------------------------------------------------------------------ nfc */

static void
test_nfc(void **state)
{
	char *s = text_nfc("e\xcc\x81t\xc3\xa9");	/* NFD é, then NFC é */

	assert_string_equal(s, "\xc3\xa9t\xc3\xa9");
	free(s);
	s = text_nfc("already NFC: été");
	assert_string_equal(s, "already NFC: été");
	free(s);
	/* Arabic: alef + hamza above composes to U+0623. */
	s = text_nfc("\xd8\xa7\xd9\x94");
	assert_string_equal(s, "أ");
	free(s);
	s = text_nfc("");
	assert_string_equal(s, "");
	free(s);
}

/* ----------------------------------------------------------------- slug */

static void
expect_slug(const char *in, enum slug_policy p, const char *want)
{
	char *s = text_slug(in, p);

	if (strcmp(s, want) != 0) {
		char *copy = xstrdup(s);

		free(s);
		fail_msg("text_slug(\"%s\", %s) gave \"%s\", want \"%s\"", in,
		    p == SLUG_ASCII ? "ascii" : "unicode", copy, want);
	}
	free(s);
}

static void
test_slug_arabic_stays_arabic(void **state)
{
	expect_slug("مياه الشرب", SLUG_UNICODE, "مياه-الشرب");
	/* Tatweel and harakat dropped. */
	expect_slug("مـــيـــاه", SLUG_UNICODE, "مياه");
	expect_slug("مُحَمَّد", SLUG_UNICODE, "محمد");
	/* Arabic punctuation (، ؟) separates words. */
	expect_slug("بيروت، لماذا؟", SLUG_UNICODE, "بيروت-لماذا");
	/* The lam-alef presentation form is folded to its letters. */
	expect_slug("\xef\xbb\xbb", SLUG_UNICODE, "لا");
}

static void
test_slug_french_ascii(void **state)
{
	expect_slug("Élysée : l’accord", SLUG_ASCII, "elysee-l-accord");
	expect_slug("Ça va ? Oui.", SLUG_ASCII, "ca-va-oui");
	expect_slug("Noël à Paris", SLUG_ASCII, "noel-a-paris");
	/* With unicode slugs, accents stay but case folds. */
	expect_slug("Élysée", SLUG_UNICODE, "élysée");
}

static void
test_slug_persian(void **state)
{
	/* Persian keheh and yeh stay as they are; digits become ASCII. */
	expect_slug("تهران ۱۳۹۹", SLUG_UNICODE, "تهران-1399");
	expect_slug("\xda\xa9\xd8\xaa\xd8\xa7\xd8\xa8 \xd8\xa7\xdb\x8c\xd8\xb1"
	    "\xd8\xa7\xd9\x86\xdb\x8c", SLUG_UNICODE,
	    "\xda\xa9\xd8\xaa\xd8\xa7\xd8\xa8-\xd8\xa7\xdb\x8c\xd8\xb1\xd8\xa7"
	    "\xd9\x86\xdb\x8c");	/* کتاب ایرانی */
	{
		/* The zero-width non-joiner never reaches a URL. */
		char *s = text_slug("کتاب\xe2\x80\x8cها", SLUG_UNICODE);

		assert_null(strstr(s, "\xe2\x80\x8c"));
		assert_string_equal(s, "کتابها");
		free(s);
	}
}

static void
test_slug_cjk(void **state)
{
	expect_slug("東京 2020", SLUG_UNICODE, "東京-2020");
	expect_slug("東京 2020", SLUG_ASCII, "dong-jing-2020");
}

static void
test_slug_digits_made_ascii(void **state)
{
	expect_slug("٢٠٢٠", SLUG_UNICODE, "2020");
	expect_slug("٢٠٢٠", SLUG_ASCII, "2020");
	expect_slug("۱۳۹۹", SLUG_UNICODE, "1399");	/* Persian digits */
	expect_slug("२०२०", SLUG_UNICODE, "2020");	/* Devanagari */
	expect_slug("ＡＢＣ１２", SLUG_UNICODE, "abc12");	/* full width */
}

static void
test_slug_never_a_path(void **state)
{
	static const char *in[] = { "../../etc", "..", ".", "/", "a/b.c",
	    ".hidden", "a\\b", "x\ty\nz", "..\xef\xbc\x8f..", "a\xe2\x80\xa4" "b",
	    "\xd9\xa0/\xd9\xa1", "x\xe2\x80\xaey", NULL };
	int i;

	for (i = 0; in[i]; i++) {
		int p;

		for (p = 0; p < 2; p++) {
			char *s = text_slug(in[i], p ? SLUG_ASCII : SLUG_UNICODE);
			const unsigned char *c;

			assert_null(strchr(s, '/'));
			assert_null(strchr(s, '.'));
			assert_null(strchr(s, '\\'));
			assert_null(strchr(s, ' '));
			assert_true(strcmp(s, "..") != 0);
			for (c = (const unsigned char *)s; *c; c++)
				assert_true(*c >= 0x20 && *c != 0x7f);
			assert_true(s[0] != '-');
			assert_true(s[0] == '\0' || s[strlen(s) - 1] != '-');
			free(s);
		}
	}
	expect_slug("../../etc", SLUG_UNICODE, "etc");
	expect_slug("../../etc", SLUG_ASCII, "etc");
	expect_slug("a/b.c", SLUG_ASCII, "a-b-c");
}

static void
test_slug_empty(void **state)
{
	expect_slug("!!!", SLUG_UNICODE, "");
	expect_slug("!!!", SLUG_ASCII, "");
	expect_slug("", SLUG_UNICODE, "");
	expect_slug(" - ", SLUG_ASCII, "");
	expect_slug("ـــ", SLUG_UNICODE, "");	/* tatweel only */
	expect_slug("!!abc!!", SLUG_ASCII, "abc");
}

static void
test_slug_length_bounded(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	char *s;
	int i;

	for (i = 0; i < 200; i++)
		sb_adds(&sb, "مياه ");
	s = text_slug(sb_str(&sb), SLUG_UNICODE);
	assert_true(strlen(s) > 0);
	assert_true(strlen(s) <= 200);	/* well under NAME_MAX */
	assert_int_equal(text_utf8_valid(s, strlen(s), NULL), 1);
	free(s);
	sb_free(&sb);
}

/* A long headline is cut at a word boundary, at TEXT_SLUG_MAX bytes. */
static void
test_slug_cut_at_word(void **state)
{
	char *s;

	/* 12 words of 10 letters and a space: 131 bytes as a slug. */
	s = text_slug("Parliament Parliament Parliament Parliament Parliament "
	    "Parliament Parliament Parliament Parliament Parliament Parliament "
	    "Parliament", SLUG_ASCII);
	assert_true(strlen(s) <= TEXT_SLUG_MAX);
	/* 7 words: 76 bytes; an eighth would pass 80. */
	assert_string_equal(s, "parliament-parliament-parliament-parliament-"
	    "parliament-parliament-parliament");
	free(s);
	/* Arabic: two bytes a letter; the cut still ends a whole word. */
	s = text_slug("مجلس النواب يقر الموازنة العامة للدولة بعد نقاش طويل "
	    "استمر ثلاثة أيام متتالية في العاصمة", SLUG_UNICODE);
	assert_true(strlen(s) <= TEXT_SLUG_MAX);
	assert_true(strlen(s) > TEXT_SLUG_MAX / 2);
	assert_int_equal(s[strlen(s) - 1] != '-', 1);
	assert_string_equal(s, "مجلس-النواب-يقر-الموازنة-العامة-للدولة-بعد");
	free(s);
	/* One word longer than the cap: cut at a whole character. */
	s = text_slug("ووووووووووووووووووووووووووووووووووووووووووووووووووووووووو",
	    SLUG_UNICODE);
	assert_int_equal(strlen(s), TEXT_SLUG_MAX);
	assert_int_equal(text_utf8_valid(s, strlen(s), NULL), 1);
	free(s);
}

/* ----------------------------------------------------------------- fold */

static void
expect_fold(const char *in, const char *want)
{
	char *s = text_fold(in);

	if (strcmp(s, want) != 0) {
		char *copy = xstrdup(s);

		free(s);
		fail_msg("text_fold(\"%s\") gave \"%s\", want \"%s\"", in, copy,
		    want);
	}
	free(s);
}

static void
same_fold(const char *a, const char *b)
{
	char *x = text_fold(a), *y = text_fold(b);
	int eq = strcmp(x, y) == 0;

	free(x);
	free(y);
	if (!eq)
		fail_msg("\"%s\" and \"%s\" fold apart", a, b);
}

static void
test_fold_alef_hamza(void **state)
{
	expect_fold("أحمد", "احمد");
	expect_fold("إبراهيم", "ابراهيم");
	expect_fold("آمنة", "امنه");
	same_fold("أحمد", "احمد");
	same_fold("إسلام", "اسلام");
	same_fold("آل", "ال");
	same_fold("مؤتمر", "موتمر");	/* waw with hamza */
}

static void
test_fold_taa_marbuta_alef_maqsura(void **state)
{
	same_fold("فاطمة", "فاطمه");
	same_fold("مصطفى", "مصطفي");
	same_fold("القاهرة", "القاهره");
}

static void
test_fold_persian_letters(void **state)
{
	/* Persian yeh U+06CC and keheh U+06A9 against Arabic yeh and kaf. */
	same_fold("\xdb\x8c\xda\xa9", "\xd9\x8a\xd9\x83");
	same_fold("کرمان", "كرمان");
	same_fold("ایران", "ايران");
	same_fold("علی", "علي");
}

static void
test_fold_harakat_tatweel(void **state)
{
	expect_fold("مُحَمَّد", "محمد");
	expect_fold("مـحـمـد", "محمد");
	same_fold("القُدْس", "القدس");
}

static void
test_fold_case_and_space(void **state)
{
	expect_fold("Paris  HILTON", "paris hilton");
	expect_fold("  a \t b  ", "a b");
	expect_fold("Straße", "strasse");
	same_fold("ÉMILE", "émile");
	/* Compatibility forms fold: full-width letters, the lam-alef ligature. */
	same_fold("ＢＢＣ", "bbc");
	same_fold("\xef\xbb\xbb", "لا");
	/* Accents are not dropped: they tell French names apart. */
	{
		char *x = text_fold("côte"), *y = text_fold("cote");

		assert_string_not_equal(x, y);
		free(x);
		free(y);
	}
}

/* ------------------------------------------------------------ languages */

static void
test_is_rtl(void **state)
{
	assert_int_equal(text_is_rtl("ar"), 1);
	assert_int_equal(text_is_rtl("fa"), 1);
	assert_int_equal(text_is_rtl("he"), 1);
	assert_int_equal(text_is_rtl("ar-SY"), 1);
	assert_int_equal(text_is_rtl("ur"), 1);
	assert_int_equal(text_is_rtl("en"), 0);
	assert_int_equal(text_is_rtl("fr"), 0);
	assert_int_equal(text_is_rtl("fr-CA"), 0);
}

static void
test_is_latin_and_known(void **state)
{
	assert_int_equal(text_is_latin("en"), 1);
	assert_int_equal(text_is_latin("fr"), 1);
	assert_int_equal(text_is_latin("ar"), 0);
	assert_int_equal(text_is_latin("fa"), 0);
	assert_int_equal(text_locale_known("ar"), 1);
	assert_int_equal(text_locale_known("fr-CA"), 1);
	assert_int_equal(text_locale_known("xx"), 0);
	assert_int_equal(text_locale_known(""), 0);
	assert_int_equal(text_calendar_known("islamic-umalqura"), 1);
	assert_int_equal(text_calendar_known("persian"), 1);
	assert_int_equal(text_calendar_known("mayan"), 0);
}

static void
test_language_name(void **state)
{
	static const char *const t[][2] = {
		{ "ar", "العربية" },
		{ "fa", "فارسی" },
		{ "en", "English" },
		{ "fr", "Français" },	/* ICU says "français": capitalised */
		{ "he", "עברית" },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		char *s = text_language_name(t[i][0]);

		assert_string_equal(s, t[i][1]);
		free(s);
	}
}

/* ---------------------------------------------------------------- dates */

static struct text_locale *
loc(const char *id, const char *numbers, char *const *cals, size_t ncal)
{
	char *err = NULL;
	struct text_locale *l = text_locale_new(id, numbers, cals, ncal, &err);

	if (l == NULL) {
		fail_msg("text_locale_new(%s): %s", id, err ? err : "?");
	}
	assert_null(err);
	return l;
}

static void
expect_date(struct text_locale *l, enum text_date_style st, int y, int m,
    int d, const char *want)
{
	char *s = text_date(l, st, y, m, d);

	if (strcmp(s, want) != 0) {
		char *copy = xstrdup(s);

		free(s);
		fail_msg("date %d-%d-%d style %d: \"%s\", want \"%s\"", y, m, d,
		    (int)st, copy, want);
	}
	free(s);
}

static int
contains(const char *hay, const char *needle)
{
	return strstr(hay, needle) != NULL;
}

static int
has_ascii_digit(const char *s)
{
	for (; *s; s++)
		if (*s >= '0' && *s <= '9')
			return 1;
	return 0;
}

static void
test_month_names(void **state)
{
	struct text_locale *l;

	l = loc("ar", "latn", NULL, 0);
	expect_date(l, TEXT_DATE_MONTH_ONLY, 2020, 11, 3, "نوفمبر");
	expect_date(l, TEXT_DATE_MONTH, 2020, 11, 3, "نوفمبر 2020");
	expect_date(l, TEXT_DATE_FULL, 2020, 11, 3, "3 نوفمبر 2020");
	expect_date(l, TEXT_DATE_YEAR, 2020, 11, 3, "2020");
	text_locale_free(l);

	l = loc("ar-SY", "latn", NULL, 0);
	expect_date(l, TEXT_DATE_MONTH_ONLY, 2020, 11, 3, "تشرين الثاني");
	expect_date(l, TEXT_DATE_FULL, 2020, 11, 3, "3 تشرين الثاني 2020");
	text_locale_free(l);

	l = loc("fr", NULL, NULL, 0);
	expect_date(l, TEXT_DATE_MONTH_ONLY, 2020, 11, 3, "novembre");
	expect_date(l, TEXT_DATE_FULL, 2020, 11, 3, "3 novembre 2020");
	expect_date(l, TEXT_DATE_MONTH, 2020, 11, 3, "novembre 2020");
	text_locale_free(l);

	l = loc("en", NULL, NULL, 0);
	expect_date(l, TEXT_DATE_MONTH_ONLY, 2020, 11, 3, "November");
	expect_date(l, TEXT_DATE_FULL, 2020, 11, 3, "November 3, 2020");
	expect_date(l, TEXT_DATE_MONTH, 2020, 11, 3, "November 2020");
	expect_date(l, TEXT_DATE_YEAR, 2020, 11, 3, "2020");
	text_locale_free(l);
}

static void
test_digits_latn_vs_arab(void **state)
{
	struct text_locale *l;
	char *s;

	l = loc("ar", "arab", NULL, 0);
	s = text_date(l, TEXT_DATE_FULL, 2020, 11, 3);
	assert_true(contains(s, "٣"));
	assert_true(contains(s, "٢٠٢٠"));
	assert_false(has_ascii_digit(s));
	free(s);
	s = text_number(l, 1234567);
	assert_true(contains(s, "١"));
	assert_true(contains(s, "٥٦٧"));
	assert_false(has_ascii_digit(s));
	free(s);
	text_locale_free(l);

	l = loc("ar", "latn", NULL, 0);
	s = text_date(l, TEXT_DATE_FULL, 2020, 11, 3);
	assert_true(contains(s, "2020"));
	assert_false(contains(s, "٢"));
	free(s);
	s = text_number(l, 1234567);
	assert_string_equal(s, "1,234,567");
	free(s);
	text_locale_free(l);

	/* The locale's own digits when none are asked for: ar uses arab. */
	l = loc("ar", NULL, NULL, 0);
	s = text_date(l, TEXT_DATE_YEAR, 2020, 11, 3);
	assert_string_equal(s, "٢٠٢٠");
	free(s);
	text_locale_free(l);
}

static void
test_persian_main_date_gregorian(void **state)
{
	struct text_locale *l = loc("fa", "latn", NULL, 0);
	char *s;

	/* fa's default calendar is Persian; the main date stays Gregorian. */
	expect_date(l, TEXT_DATE_MONTH_ONLY, 2020, 11, 3, "نوامبر");
	expect_date(l, TEXT_DATE_FULL, 2020, 11, 3, "3 نوامبر 2020");
	expect_date(l, TEXT_DATE_YEAR, 2020, 11, 3, "2020");
	text_locale_free(l);
	l = loc("fa", NULL, NULL, 0);	/* Persian digits by default */
	s = text_date(l, TEXT_DATE_FULL, 2020, 11, 3);
	assert_true(contains(s, "نوامبر"));
	assert_true(contains(s, "۲۰۲۰"));
	assert_false(contains(s, "۱۳۹۹"));
	free(s);
	text_locale_free(l);
}

static void
test_hijri_umalqura(void **state)
{
	char *cal[] = { "islamic-umalqura" };
	struct text_locale *l = loc("ar", "latn", cal, 1);
	char *s;

	assert_int_equal(text_ncalendars(l), 1);
	s = text_date_other(l, 0, 2020, 11, 3);
	assert_true(contains(s, "17"));
	assert_true(contains(s, "ربيع الأول"));
	assert_true(contains(s, "1442"));
	free(s);
	s = text_date_other(l, 0, 2023, 3, 23);
	assert_true(contains(s, "1 رمضان 1444"));
	free(s);
	/* The main date is still Gregorian. */
	expect_date(l, TEXT_DATE_MONTH_ONLY, 2023, 3, 23, "مارس");
	text_locale_free(l);

	l = loc("en", NULL, cal, 1);
	s = text_date_other(l, 0, 2023, 3, 23);
	assert_true(contains(s, "Ramadan 1, 1444"));
	free(s);
	text_locale_free(l);
}

static void
test_persian_calendar(void **state)
{
	char *cal[] = { "persian" };
	struct text_locale *l = loc("fa", "latn", cal, 1);
	char *s;

	s = text_date_other(l, 0, 2020, 11, 3);
	assert_true(contains(s, "13 آبان 1399"));
	free(s);
	text_locale_free(l);
	l = loc("fa", NULL, cal, 1);
	s = text_date_other(l, 0, 2020, 11, 3);
	assert_true(contains(s, "۱۳ آبان ۱۳۹۹"));
	free(s);
	text_locale_free(l);
}

static void
test_several_calendars(void **state)
{
	char *cal[] = { "islamic-umalqura", "persian" };
	struct text_locale *l = loc("en", NULL, cal, 2);
	char *s;

	assert_int_equal(text_ncalendars(l), 2);
	s = text_date_other(l, 1, 2020, 11, 3);
	assert_true(contains(s, "Aban 13, 1399"));
	free(s);
	text_locale_free(l);
}

static void
test_locale_refused(void **state)
{
	char *cal[] = { "no-such-calendar-anywhere" };
	char *err = NULL;
	struct text_locale *l;

	/* An unknown calendar falls back in ICU or fails: never crashes. */
	l = text_locale_new("en", NULL, cal, 1, &err);
	if (l == NULL) {
		assert_non_null(err);
		free(err);
	} else
		text_locale_free(l);
}

/* ------------------------------------------------------------- messages */

static char *
msg(struct text_locale *l, const char *pat, double v)
{
	char *err = NULL, *s = text_message(l, pat, &v, 1, &err);

	if (s == NULL) {
		char *copy = err ? err : xstrdup("?");

		fail_msg("text_message(\"%s\", %g): %s", pat, v, copy);
	}
	assert_null(err);
	return s;
}

static void
expect_msg(struct text_locale *l, const char *pat, double v, const char *want)
{
	char *s = msg(l, pat, v);

	if (strcmp(s, want) != 0) {
		char *copy = xstrdup(s);

		free(s);
		fail_msg("\"%s\" with %g gave \"%s\", want \"%s\"", pat, v, copy,
		    want);
	}
	free(s);
}

#define SIX "{0, plural, zero {zero} one {one} two {two} few {few} " \
	"many {many} other {other}}"
#define TWO "{0, plural, one {one} other {other}}"

static void
test_plural_arabic(void **state)
{
	struct text_locale *l = loc("ar", NULL, NULL, 0);
	static const struct { double n; const char *cat; } t[] = {
		{ 0, "zero" }, { 1, "one" }, { 2, "two" }, { 3, "few" },
		{ 10, "few" }, { 11, "many" }, { 99, "many" },
		{ 100, "other" }, { 101, "other" }, { 102, "other" },
		{ 103, "few" }, { 111, "many" },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		expect_msg(l, SIX, t[i].n, t[i].cat);
	text_locale_free(l);
}

static void
test_plural_english_french(void **state)
{
	struct text_locale *en = loc("en", NULL, NULL, 0);
	struct text_locale *fr = loc("fr", NULL, NULL, 0);

	expect_msg(en, TWO, 0, "other");
	expect_msg(en, TWO, 1, "one");
	expect_msg(en, TWO, 2, "other");
	expect_msg(en, SIX, 0, "other");	/* no zero category in en */
	expect_msg(fr, TWO, 0, "one");		/* French: 0 is singular */
	expect_msg(fr, TWO, 1, "one");
	expect_msg(fr, TWO, 2, "other");
	expect_msg(fr, TWO, 1.5, "one");
	expect_msg(en, "{0, plural, one {# article} other {# articles}}", 1000,
	    "1,000 articles");
	expect_msg(fr, "{0, plural, one {# article} other {# articles}}", 1,
	    "1 article");
	expect_msg(en, "{0, plural, =0 {none} one {one} other {#}}", 0, "none");
	text_locale_free(en);
	text_locale_free(fr);
}

static void
test_plural_persian(void **state)
{
	struct text_locale *fa = loc("fa", "latn", NULL, 0);

	expect_msg(fa, TWO, 0, "one");
	expect_msg(fa, TWO, 1, "one");
	expect_msg(fa, TWO, 2, "other");
	expect_msg(fa, TWO, 5, "other");
	expect_msg(fa, "{0, plural, one {# مقاله} other {# مقاله}}", 3,
	    "3 مقاله");
	text_locale_free(fa);
}

static void
test_bare_arguments_are_numbers(void **state)
{
	struct text_locale *en = loc("en", NULL, NULL, 0);
	struct text_locale *ar = loc("ar", "arab", NULL, 0);
	double two[2] = { 3, 1234 };
	char *err = NULL, *s;

	expect_msg(en, "{0}", 1234.5, "1,234.5");
	expect_msg(en, "Page { 0 }", 7, "Page 7");
	s = text_message(en, "Page {0} of {1}", two, 2, &err);
	assert_non_null(s);
	assert_string_equal(s, "Page 3 of 1,234");
	free(s);
	s = text_message(ar, "صفحة {0} من {1}", two, 2, &err);
	assert_non_null(s);
	assert_string_equal(s, "صفحة ٣ من ١٬٢٣٤");
	free(s);
	/* A message without arguments is its own text. */
	expect_msg(en, "Archive", 0, "Archive");
	assert_null(err);
	text_locale_free(en);
	text_locale_free(ar);
}

/*
 * In ICU MessageFormat, '{0}' between apostrophes is literal text: the
 * rewrite of bare {N} into {N,number} must leave quoted text alone.
 */
static void
test_quoted_braces_stay_literal(void **state)
{
	struct text_locale *en = loc("en", NULL, NULL, 0);
	double v = 5;
	char *err = NULL, *s = text_message(en, "'{0}' is {0}", &v, 1, &err);
	int ok = s != NULL && strcmp(s, "{0} is 5") == 0;

	if (!ok)
		print_error("'{0}' is {0} gave \"%s\", want \"{0} is 5\"\n",
		    s ? s : err);
	free(s);
	free(err);
	text_locale_free(en);
	assert_true(ok);
}

static void
test_broken_pattern(void **state)
{
	struct text_locale *en = loc("en", NULL, NULL, 0);
	static const char *bad[] = { "{0, plural, one {x", "{0, plural, }",
	    "unbalanced {", "{0, nosuchtype}", "{0, plural, one {x}}", NULL };
	double v = 1;
	int i;

	for (i = 0; bad[i]; i++) {
		char *err = NULL;
		char *s = text_message(en, bad[i], &v, 1, &err);

		if (s != NULL) {
			char *copy = s;

			fail_msg("\"%s\" gave \"%s\"", bad[i], copy);
		}
		assert_non_null(err);
		assert_true(strlen(err) > 0);
		free(err);
	}
	text_locale_free(en);
	/* Nothing of the refused patterns may stay allocated. */
	assert_int_equal(__lsan_do_recoverable_leak_check(), 0);
}

/* ------------------------------------------------------------ collation */

static struct text_locale *sort_loc;

static int
key_cmp(const void *a, const void *b)
{
	char *x = text_sort_key(sort_loc, *(const char *const *)a);
	char *y = text_sort_key(sort_loc, *(const char *const *)b);
	int c = strcmp(x, y);

	free(x);
	free(y);
	return c;
}

static void
expect_order(const char *locale, const char *const *want, size_t n)
{
	const char *v[32];
	size_t i;

	assert_true(n <= 32);
	/* Shuffle deterministically: reversed, then odd/even swapped. */
	for (i = 0; i < n; i++)
		v[i] = want[n - 1 - i];
	for (i = 0; i + 1 < n; i += 2) {
		const char *t = v[i];

		v[i] = v[i + 1];
		v[i + 1] = t;
	}
	sort_loc = loc(locale, NULL, NULL, 0);
	qsort(v, n, sizeof(*v), key_cmp);
	text_locale_free(sort_loc);
	sort_loc = NULL;
	for (i = 0; i < n; i++)
		if (strcmp(v[i], want[i]) != 0)
			fail_msg("%s: position %zu holds \"%s\", want \"%s\"",
			    locale, i, v[i], want[i]);
}

static void
test_collation_french(void **state)
{
	static const char *fr[] = { "cote", "coté", "côte", "côté" };
	static const char *frca[] = { "cote", "côte", "coté", "côté" };
	static const char *words[] = { "abricot", "Äpfel", "éclair", "Éric",
	    "être", "zèbre" };

	expect_order("fr", fr, 4);
	expect_order("fr-CA", frca, 4);
	expect_order("fr", words, 6);
}

static void
test_collation_arabic(void **state)
{
	/* Alphabetical order: hamza forms with alef, then ب ت ث ج ح خ ... */
	static const char *ar[] = { "أحمد", "بيروت", "تونس", "ثامر", "جدة",
	    "حلب", "خالد", "دمشق", "ذهب", "رام الله", "زياد", "سوريا", "شام",
	    "صنعاء", "ضاحية", "طرابلس", "ظفار", "عمان", "غزة", "فاس", "قطر",
	    "كركوك", "لبنان", "مصر", "نابلس", "هرات", "وهران", "ياسر" };

	expect_order("ar", ar, sizeof(ar) / sizeof(ar[0]));
}

static void
test_collation_persian(void **state)
{
	/* Persian letters in their places: پ after ب, چ after ج, ژ after ز, گ after ک. */
	static const char *fa[] = { "آبادان", "اصفهان", "بابل", "پاریس",
	    "تهران", "جیرفت", "چالوس", "زاهدان", "ژاپن", "کرمان", "گرگان" };

	expect_order("fa", fa, sizeof(fa) / sizeof(fa[0]));
}

static void
test_sort_key_is_a_string(void **state)
{
	struct text_locale *l = loc("en", NULL, NULL, 0);
	char *a = text_sort_key(l, "apple"), *b = text_sort_key(l, "Apple");
	char *c = text_sort_key(l, "apple");

	assert_true(strlen(a) > 0);
	assert_string_equal(a, c);		/* stable */
	assert_true(strcmp(a, b) < 0);		/* lower case first in en */
	free(a);
	free(b);
	free(c);
	a = text_sort_key(l, "");
	assert_non_null(a);
	free(a);
	text_locale_free(l);
}

/* --------------------------------------------------------- index letter */

static void
expect_letter(const char *in, const char *want)
{
	char *s = text_index_letter(in);

	if (strcmp(s, want) != 0) {
		char *copy = xstrdup(s);

		free(s);
		fail_msg("text_index_letter(\"%s\") gave \"%s\", want \"%s\"",
		    in, copy, want);
	}
	free(s);
}

static void
expect_group(const char *in, enum text_group kind, const char *want)
{
	enum text_group k;
	char *s = text_index_group(in, &k);

	if (strcmp(s, want) != 0 || k != kind) {
		char *copy = xstrdup(s);

		free(s);
		fail_msg("text_index_group(\"%s\") gave \"%s\" (%d), want "
		    "\"%s\" (%d)", in, copy, (int)k, want, (int)kind);
	}
	free(s);
}

static void
expect_filed(const char *in, const char *want)
{
	static char *al[] = { (char *)"ال", NULL };
	char *s = text_filing_form(in, al);

	if (strcmp(s, want) != 0) {
		char *copy = xstrdup(s);

		free(s);
		fail_msg("text_filing_form(\"%s\") gave \"%s\", want \"%s\"",
		    in, copy, want);
	}
	free(s);
}

static void
test_index_groups(void **state)
{
	struct text_locale *de, *sv;
	char *err = NULL;

	expect_group("أحمد", TEXT_GROUP_LETTER, "ا");
	expect_group("élysée", TEXT_GROUP_LETTER, "E");
	expect_group("1984", TEXT_GROUP_DIGIT, "0\u20139");
	expect_group("٢٠٢٠", TEXT_GROUP_DIGIT, "0\u20139");
	expect_group("€", TEXT_GROUP_SYMBOL, "#");
	expect_group("#", TEXT_GROUP_SYMBOL, "#");
	expect_group("", TEXT_GROUP_SYMBOL, "#");
	expect_group("東京", TEXT_GROUP_LETTER, "東");
	expect_filed("الأردن", "الأردن" + strlen("ال"));
	expect_filed("«الأمم المتحدة»", "أمم المتحدة»");
	expect_filed("ال", "ال");	/* the article alone stays */
	expect_filed("الم", "الم");	/* one letter after it: a word */
	expect_filed("'Omar", "Omar");
	expect_filed("€", "€");
	expect_filed("بغداد", "بغداد");
	/* O and Ö: one letter in German, two in Swedish. */
	de = text_locale_new("de", NULL, NULL, 0, &err);
	sv = text_locale_new("sv", NULL, NULL, 0, &err);
	assert_non_null(de);
	assert_non_null(sv);
	assert_int_equal(text_same_letter(de, "O", "Ö"), 1);
	assert_int_equal(text_same_letter(sv, "O", "Ö"), 0);
	assert_int_equal(text_same_letter(de, "O", "P"), 0);
	text_locale_free(de);
	text_locale_free(sv);
	assert_int_equal(text_has_marks("عمّان"), 1);
	assert_int_equal(text_has_marks("عمان"), 0);
	assert_int_equal(text_has_marks("Élysée"), 1);
	assert_int_equal(text_has_marks("Elysee"), 0);
}

static void
test_index_letter(void **state)
{
	expect_letter("إبراهيم", "ا");
	expect_letter("أحمد", "ا");
	expect_letter("آمنة", "ا");
	expect_letter("بيروت", "ب");
	expect_letter("émile", "E");
	expect_letter("Émile", "E");
	expect_letter("zola", "Z");
	expect_letter("123", "#");
	expect_letter("٢٠٢٠", "#");
	expect_letter("", "#");
	expect_letter("!!!", "#");
	expect_letter("\"Quote\"", "Q");
	expect_letter("ُمحمد", "م");	/* a leading haraka is skipped */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_valid_text),
		cmocka_unit_test(test_utf8_overlongs),
		cmocka_unit_test(test_utf8_surrogates),
		cmocka_unit_test(test_utf8_truncated),
		cmocka_unit_test(test_utf8_beyond_max),
		cmocka_unit_test(test_nfc),
		cmocka_unit_test(test_slug_arabic_stays_arabic),
		cmocka_unit_test(test_slug_french_ascii),
		cmocka_unit_test(test_slug_persian),
		cmocka_unit_test(test_slug_cjk),
		cmocka_unit_test(test_slug_digits_made_ascii),
		cmocka_unit_test(test_slug_never_a_path),
		cmocka_unit_test(test_slug_empty),
		cmocka_unit_test(test_slug_length_bounded),
		cmocka_unit_test(test_slug_cut_at_word),
		cmocka_unit_test(test_index_groups),
		cmocka_unit_test(test_fold_alef_hamza),
		cmocka_unit_test(test_fold_taa_marbuta_alef_maqsura),
		cmocka_unit_test(test_fold_persian_letters),
		cmocka_unit_test(test_fold_harakat_tatweel),
		cmocka_unit_test(test_fold_case_and_space),
		cmocka_unit_test(test_is_rtl),
		cmocka_unit_test(test_is_latin_and_known),
		cmocka_unit_test(test_language_name),
		cmocka_unit_test(test_month_names),
		cmocka_unit_test(test_digits_latn_vs_arab),
		cmocka_unit_test(test_persian_main_date_gregorian),
		cmocka_unit_test(test_hijri_umalqura),
		cmocka_unit_test(test_persian_calendar),
		cmocka_unit_test(test_several_calendars),
		cmocka_unit_test(test_locale_refused),
		cmocka_unit_test(test_plural_arabic),
		cmocka_unit_test(test_plural_english_french),
		cmocka_unit_test(test_plural_persian),
		cmocka_unit_test(test_bare_arguments_are_numbers),
		cmocka_unit_test(test_quoted_braces_stay_literal),
		cmocka_unit_test(test_broken_pattern),
		cmocka_unit_test(test_collation_french),
		cmocka_unit_test(test_collation_arabic),
		cmocka_unit_test(test_collation_persian),
		cmocka_unit_test(test_sort_key_is_a_string),
		cmocka_unit_test(test_index_letter),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	text_cleanup();
	return rc;
}
