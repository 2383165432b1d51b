/*
 * json.c: the one JSON string escaper (see json.h for the contexts).
 */
#include <string.h>

#include "base/strbuf.h"
#include "base/json.h"

static const char hex[] = "0123456789abcdef";

static void
u00(struct strbuf *sb, unsigned char c)
{
	sb_adds(sb, "\\u00");
	sb_addc(sb, hex[c >> 4]);
	sb_addc(sb, hex[c & 15]);
}

void
json_str(struct strbuf *sb, const char *s, size_t n, enum json_ctx ctx)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	const unsigned char *end = p + (s ? n : 0);

	sb_addc(sb, '"');
	for (; p < end; p++) {
		if (*p == '"' || *p == '\\') {
			sb_addc(sb, '\\');
			sb_addc(sb, (char)*p);
		} else if (ctx == JSON_DOC) {
			if (*p < 0x20 || *p == 0x7f)
				u00(sb, *p);
			else
				sb_addc(sb, (char)*p);
		} else if (*p == '\n')
			sb_adds(sb, "\\n");
		else if (*p == '\t')
			sb_adds(sb, "\\t");
		else if (*p < 0x20 || *p == '<' || *p == '>' || *p == '&')
			/*
			 * Inside <script>, "</script", "<!--" and "-->" would
			 * end or change the element.
			 */
			u00(sb, *p);
		else if (end - p >= 3 && p[0] == 0xe2 && p[1] == 0x80 &&
		    (p[2] == 0xa8 || p[2] == 0xa9)) {
			/* U+2028 and U+2029 end a line in older JavaScript. */
			sb_adds(sb, p[2] == 0xa8 ? "\\u2028" : "\\u2029");
			p += 2;
		} else
			sb_addc(sb, (char)*p);
	}
	sb_addc(sb, '"');
}

void
json_strz(struct strbuf *sb, const char *s, enum json_ctx ctx)
{
	json_str(sb, s, s ? strlen(s) : 0, ctx);
}
