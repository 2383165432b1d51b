/*
 * text.h: languages and scripts through ICU.  ICU types never leave
 * text/ (text_int.h); everything here is UTF-8 in, UTF-8 out.
 */
#ifndef TEXT_H
#define TEXT_H

#include <stddef.h>
#include <stdint.h>

/*
 * Strict UTF-8 check (no overlongs, surrogates or code points past
 * U+10FFFF).  Returns 1 if valid, else 0 and the offset of the first
 * bad byte in *bad.
 */
int	 text_utf8_valid(const char *, size_t, size_t *bad);
/* Returns the NFC form of valid UTF-8; caller frees. */
char	*text_nfc(const char *);

enum slug_policy {
	SLUG_UNICODE,	/* keep letters of any script, lower-cased */
	SLUG_ASCII	/* transliterate to ASCII through ICU */
};

/*
 * Returns a URL path segment made from s: case-folded, compatibility
 * forms folded, Arabic tatweel and harakat dropped, digits of any
 * script made ASCII, every other run of characters turned into one '-'.
 * The result holds no '/', '.', control or space characters and may be
 * empty (when s has no letter or digit).  It is at most TEXT_SLUG_MAX
 * bytes: a longer one ends at the last word boundary past half that,
 * else (one very long word) at the last whole character.  Caller frees.
 */
#define TEXT_SLUG_MAX 80
char	*text_slug(const char *, enum slug_policy);
/*
 * Returns s folded for matching names: NFKC case folding, harakat and
 * tatweel dropped, alef/hamza variants, taa marbuta, alef maqsura and
 * Persian yeh/keheh unified, white space collapsed.  Caller frees.
 */
char	*text_fold(const char *);
/*
 * 1 when s carries a combining mark once decomposed: harakat, shadda,
 * accents ("عمّان", "Élysée"; not "عمان", "Elysee").
 */
int	 text_has_marks(const char *);
/* Returns 1 when the language of locale id is written right to left. */
int	 text_is_rtl(const char *lang);
/* Returns the name of a language in that language; caller frees. */
char	*text_language_name(const char *lang);
/* Returns 1 when the language is most likely written in Latin script. */
int	 text_is_latin(const char *lang);
/* Returns 1 when ICU knows the language of this locale id. */
int	 text_locale_known(const char *lang);
/* Returns 1 when ICU has a calendar of this name ("islamic-umalqura"). */
int	 text_calendar_known(const char *cal);

/* Formatting for one language: formatters opened once. */
struct text_locale;

enum text_date_style {
	TEXT_DATE_FULL,		/* 3 November 2020 */
	TEXT_DATE_MONTH,	/* November 2020 */
	TEXT_DATE_YEAR,		/* 2020 */
	TEXT_DATE_MONTH_ONLY,	/* November */
	TEXT_DATE__MAX
};

/*
 * Opens the formatters of locale (e.g. "ar-SY"), with the numbering
 * system numbers ("latn", "arab"; NULL for the locale's own) and extra
 * calendars shown beside the Gregorian date.  Returns NULL and sets
 * *err (caller frees) when ICU refuses.  Free with text_locale_free().
 */
struct text_locale *text_locale_new(const char *locale, const char *numbers,
	    char *const *calendars, size_t ncal, char **err);
void	 text_locale_free(struct text_locale *);
/* Gregorian date of a civil day; caller frees. */
char	*text_date(struct text_locale *, enum text_date_style,
	    int y, int m, int d);
/* The same day in the i-th extra calendar; caller frees. */
char	*text_date_other(struct text_locale *, size_t i, int y, int m, int d);
size_t	 text_ncalendars(const struct text_locale *);
/* A whole number in the locale's digits; caller frees. */
char	*text_number(struct text_locale *, long);

/*
 * Formats an ICU MessageFormat pattern with numeric arguments {0},
 * {1}...  A bare {N} is formatted as a number.  Returns the text
 * (caller frees), or NULL with *err set (caller frees) for a bad pattern.
 */
char	*text_message(struct text_locale *, const char *pattern,
	    const double *args, size_t nargs, char **err);

/*
 * Removes, in place, characters that have no business in text and can
 * do harm: C0 controls (but tab and line ends when lines is set), DEL,
 * C1 controls, and with bidi set the embedding, override and isolate
 * controls (U+202A-U+202E, U+2066-U+2069) that can reorder a page.
 * Returns how many were removed.
 */
size_t	 text_strip_controls(char *s, int lines, int bidi);

/*
 * Returns the collation sort key of s (compare with strcmp) in the
 * language's order; caller frees.
 */
char	*text_sort_key(struct text_locale *, const char *s);
/*
 * Returns the letter a name is filed under in an index: its first
 * letter without marks, upper-cased, alef variants folded.  Caller frees.
 */
char	*text_index_letter(const char *s);

/*
 * The form of a name an index files it under: without the quotes,
 * brackets or other marks before its first letter or digit, and
 * without a leading filing article (one of articles, NULL-terminated,
 * e.g. "ال") when at least two letters follow it in that word: library
 * rules file "الأردن" under أ.  A name without letter or digit is
 * returned as it is.  Caller frees.
 */
char	*text_filing_form(const char *s, char *const *articles);

/* What an index group holds. */
enum text_group {
	TEXT_GROUP_SYMBOL,	/* "#": names that start with neither */
	TEXT_GROUP_DIGIT,	/* "0–9" */
	TEXT_GROUP_LETTER	/* one letter, of any script */
};

/*
 * The group label of a filed name (text_filing_form): its first
 * letter without marks, upper-cased, alef variants folded; "0–9" for a
 * digit; "#" otherwise.  Sets *kind.  Caller frees.
 */
char	*text_index_group(const char *filed, enum text_group *kind);
/*
 * 1 when two group labels are one letter in the language's collation
 * (primary strength: "O" and "Ö" in German, not in Swedish).
 */
int	 text_same_letter(struct text_locale *, const char *, const char *);

/* A word of a text: its bytes are s[off, off + len). */
struct text_word {
	size_t	off, len;
};

/*
 * Splits s into words with ICU's word break rules (so "Tunisian" is one
 * word, and Arabic is split at spaces and punctuation, not inside
 * words).  Returns the number of words; *out (caller frees) holds them.
 */
size_t	 text_words(const char *s, struct text_word **out);
/*
 * text_fold() and text_words() in one pass: returns the folded text in
 * *folded (caller frees) and its words in *out (caller frees).  Both
 * split the same way, and both drop an elided article ("l'", "d'",
 * "qu'"), so that "l'UNESCO" holds the word "unesco".
 */
size_t	 text_fold_words(const char *s, char **folded, struct text_word **out);
/* The same split with case kept (for telling names by their capitals). */
size_t	 text_fold_words_cased(const char *s, char **folded,
	    struct text_word **out);
/* 1 when the first letter of s is upper-case (a proper noun in Latin text). */
int	 text_starts_upper(const char *s, size_t len);
/*
 * The forms a word may have without its Arabic proclitics (و ف ب ل ك,
 * alone or combined, and ل+ال contracted to لل): "وبالقاهرة" gives
 * "بالقاهرة", "القاهرة"; "للأمم" gives "لأمم", "الأمم".  Calls fn for
 * each form, shortest prefix first.  Words of other scripts give none.
 */
void	 text_proclitic_forms(const char *word,
	    void (*fn)(const char *form, void *arg), void *arg);

/* ICU's version and its Unicode's ("72.1/15.0"): a parse depends on both. */
const char *text_version(void);
/*
 * The two forms of one word that search needs: *key is text_fold()'s
 * with Latin accents dropped too ("État" gives "etat"; what the
 * browser computes from a query), *stem is case folded with harakat,
 * tatweel and joiners dropped but letters not unified (what a Snowball
 * stemmer expects: it knows taa marbuta from haa).  Caller frees both.
 */
void	 text_search_forms(const char *word, char **key, char **stem);

/* Releases ICU's caches: for leak checkers at exit. */
void	 text_cleanup(void);
/* Releases what this thread keeps (its word iterator): call before a worker ends. */
void	 text_thread_done(void);

#endif /* TEXT_H */
