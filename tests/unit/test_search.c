/*
 * test_search.c: search.h, the words of the search index: tokenising
 * (ICU word breaks), folding, Arabic proclitics and stemming (Snowball
 * through libstemmer) in Arabic, English, French and Persian.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/util.h"
#include "text/text.h"
#include "search/search.h"

/* The keys of text, joined by '|'. */
static char *
keys(const char *text)
{
	struct strbuf sb = STRBUF_INIT;
	char **k;
	size_t n = search_tokens(text, &k), i;

	for (i = 0; i < n; i++) {
		if (i)
			sb_addc(&sb, '|');
		sb_adds(&sb, k[i]);
	}
	search_strv_free(k);
	return sb_detach(&sb);
}

#define KEYS(text, want) do {				\
	char *got_ = keys(text);			\
	assert_string_equal(got_, want);		\
	free(got_);					\
} while (0)

static void
test_tokens_latin(void **state)
{
	(void)state;
	KEYS("L'UNESCO et l'État, Cairo's water-talks (2021).",
	    "unesco|et|etat|cairo|water|talks|2021");
	/* ICU keeps a word whole: "Tunisian" is not "Tunis". */
	KEYS("Tunisian", "tunisian");
}

static void
test_tokens_arabic(void **state)
{
	(void)state;
	/* Split at spaces and punctuation, never inside a word. */
	KEYS("قمة عمّان للمياه، في «القاهرة».", "قمه|عمان|للمياه|في|القاهره");
}

static void
test_fold_hamza_and_letters(void **state)
{
	(void)state;
	/* Alef and hamza forms, taa marbuta, alef maqsura. */
	KEYS("أحمد إحمد آحمد احمد", "احمد|احمد|احمد|احمد");
	KEYS("مدرسة مستشفى مسؤول رئيس", "مدرسه|مستشفي|مسوول|رييس");
	/* Harakat and tatweel go; Persian yeh and keheh are Arabic's. */
	KEYS("مُحَمَّد مـــحمد", "محمد|محمد");
	KEYS("کتاب یک", "كتاب|يك");
	/* Digits of any script are ASCII; case and accents go. */
	KEYS("٢٠٢١ ۱۴۰۰ ÉTÉ Leïla", "2021|1400|ete|leila");
}

static int
in_list(const char *key, void *arg)
{
	const char *const *v = arg;

	for (; *v; v++)
		if (strcmp(*v, key) == 0)
			return 1;
	return 0;
}

static char *
term(struct search_analyzer *a, const char *w, const char *const *lex)
{
	return search_term(a, w, lex ? in_list : NULL, (void *)lex);
}

#define SAME_TERM(a, w1, w2, lex) do {			\
	char *t1_ = term(a, w1, lex), *t2_ = term(a, w2, lex);	\
	assert_string_equal(t1_, t2_);			\
	free(t1_);					\
	free(t2_);					\
} while (0)

static void
test_proclitics_attested(void **state)
{
	struct search_analyzer *a = search_analyzer_new("ar");
	/* The corpus has the bare plural: the article comes off. */
	static const char *const lex[] = { "مفاوضات", "القاهره", NULL };
	char *t1, *t2;

	(void)state;
	t1 = term(a, "المفاوضات", NULL);
	t2 = term(a, "مفاوضات", NULL);
	/* Snowball alone stems these two apart ... */
	assert_string_not_equal(t1, t2);
	free(t1);
	free(t2);
	/* ... with the corpus's words they are one term, with any clitic. */
	SAME_TERM(a, "المفاوضات", "مفاوضات", lex);
	SAME_TERM(a, "وبالمفاوضات", "مفاوضات", lex);
	SAME_TERM(a, "للمفاوضات", "مفاوضات", lex);
	SAME_TERM(a, "بالقاهرة", "القاهرة", lex);
	SAME_TERM(a, "وبالقاهرة", "القاهرة", lex);
	SAME_TERM(a, "فالقاهرة", "القاهرة", lex);
	search_analyzer_free(a);
}

static void
test_proclitics_not_attested(void **state)
{
	struct search_analyzer *a = search_analyzer_new("ar");
	static const char *const lex[] = { "القاهره", NULL };
	char *with, *without;

	(void)state;
	/* "لسطين" is no word of the corpus: "فلسطين" keeps its faa. */
	with = term(a, "فلسطين", lex);
	without = term(a, "فلسطين", NULL);
	assert_string_equal(with, without);
	free(with);
	free(without);
	search_analyzer_free(a);
}

static void
test_stem_arabic(void **state)
{
	struct search_analyzer *a = search_analyzer_new("ar");

	(void)state;
	assert_string_equal(search_analyzer_stemmer(a), "arabic");
	/* Hamza spellings stem alike. */
	SAME_TERM(a, "الأمم", "الامم", NULL);
	SAME_TERM(a, "إطلاق", "اطلاق", NULL);
	SAME_TERM(a, "القاهرة", "القاهرة", NULL);
	search_analyzer_free(a);
}

static void
test_stem_english(void **state)
{
	struct search_analyzer *a = search_analyzer_new("en");
	char *t1, *t2;

	(void)state;
	assert_string_equal(search_analyzer_stemmer(a), "english");
	SAME_TERM(a, "negotiations", "negotiated", NULL);
	SAME_TERM(a, "Archives", "archive", NULL);
	t1 = term(a, "water", NULL);
	t2 = term(a, "negotiation", NULL);
	assert_string_not_equal(t1, t2);
	free(t1);
	free(t2);
	/* English has no proclitics: an Arabic word on an English page is only folded and stemmed. */
	search_analyzer_free(a);
}

static void
test_stem_french(void **state)
{
	struct search_analyzer *a = search_analyzer_new("fr");
	char *t;

	(void)state;
	assert_string_equal(search_analyzer_stemmer(a), "french");
	SAME_TERM(a, "négociations", "négociation", NULL);
	/* A reader who types no accent finds the accented word. */
	SAME_TERM(a, "négociations", "negociations", NULL);
	t = term(a, "Réfugiés", NULL);
	assert_non_null(strstr(t, "refugi"));
	free(t);
	search_analyzer_free(a);
}

static void
test_persian_folds_only(void **state)
{
	struct search_analyzer *a = search_analyzer_new("fa");
	char *t;

	(void)state;
	/* libstemmer has no Persian: words are folded, not stemmed. */
	assert_null(search_analyzer_stemmer(a));
	t = term(a, "کتاب‌ها", NULL);
	assert_string_equal(t, "كتابها");
	free(t);
	SAME_TERM(a, "یک", "يك", NULL);
	/* No proclitics either: "بر" starts many Persian words. */
	t = term(a, "برنامه", NULL);
	assert_string_equal(t, "برنامه");
	free(t);
	search_analyzer_free(a);
}

static void
test_region_subtag(void **state)
{
	struct search_analyzer *a = search_analyzer_new("fr-CA"), *b =
	    search_analyzer_new("xx");

	(void)state;
	assert_string_equal(search_analyzer_stemmer(a), "french");
	assert_null(search_analyzer_stemmer(b));
	search_analyzer_free(a);
	search_analyzer_free(b);
	search_analyzer_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tokens_latin),
		cmocka_unit_test(test_tokens_arabic),
		cmocka_unit_test(test_fold_hamza_and_letters),
		cmocka_unit_test(test_proclitics_attested),
		cmocka_unit_test(test_proclitics_not_attested),
		cmocka_unit_test(test_stem_arabic),
		cmocka_unit_test(test_stem_english),
		cmocka_unit_test(test_stem_french),
		cmocka_unit_test(test_persian_folds_only),
		cmocka_unit_test(test_region_subtag),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	text_thread_done();
	text_cleanup();
	return rc;
}
