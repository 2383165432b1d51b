/*
 * json.h: the one JSON string escaper.  Two contexts, because a string
 * that is fine in a JSON document of its own can end an HTML <script>
 * element ("</script>") or, in older JavaScript, a line (U+2028).
 */
#ifndef BASE_JSON_H
#define BASE_JSON_H

#include <stddef.h>

struct strbuf;

enum json_ctx {
	/*
	 * A JSON document read by a program (diagnostics with
	 * --diagnostics=json): '"' and '\' escaped, control characters
	 * and DEL as \u00XX.
	 */
	JSON_DOC,
	/*
	 * JSON or JavaScript a page carries or loads (structured data in
	 * <script>, the search index, the preview's events): besides,
	 * newline and tab as \n and \t, other controls as \u00XX, none of
	 * < > & written as itself, and U+2028, U+2029 escaped.  Never for
	 * an attribute value: that is the HTML escaper's.
	 */
	JSON_SCRIPT
};

/* Appends the n bytes at s (NULL counts as "") as a quoted JSON string. */
void	 json_str(struct strbuf *, const char *s, size_t n, enum json_ctx);
/* The same for a NUL-terminated string (NULL counts as ""). */
void	 json_strz(struct strbuf *, const char *s, enum json_ctx);

#endif /* BASE_JSON_H */
