/*
 * words.c: a text's words by ICU's word break rules, as byte spans of
 * its UTF-8 (alone or with the folded form in one pass), the capital
 * that tells a name, and the forms of an Arabic word without its
 * proclitics.  The break iterator is kept per thread:
 * text_thread_done() releases it.
 */
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>

#include "base/util.h"
#include "text/text.h"
#include "text/text_int.h"

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
	UChar *u = text_to_u(s, &ulen);
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
	UChar *u = text_to_u(s, &ulen), *o;
	size_t n;

	*out = NULL;
	if (u == NULL) {
		*folded = xstrdup("");
		return 0;
	}
	/* Folded and split in UTF-16: one conversion each way. */
	o = text_fold_u(u, ulen, &olen, casefold);
	free(u);
	n = word_spans(o, olen, out);
	*folded = text_from_u(o, olen);
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

void
text_thread_done(void)
{
	if (words_bi != NULL)
		ubrk_close(words_bi);
	words_bi = NULL;
}
