/*
 * said.h: the diagnostics a unit test captured (diag_capture(&cap) in
 * its setup), and an assertion on them.  For the test programs that
 * check messages; each includes it once, after util.h and cmocka.h.
 */
static struct strbuf cap = STRBUF_INIT;

/* The diagnostics so far. */
static inline const char *
said(void)
{
	return sb_str(&cap);
}

#define assert_said(s) do {						\
	if (strstr(said(), (s)) == NULL)				\
		fail_msg("diagnostics lack \"%s\"; got:\n%s", (s), said()); \
} while (0)
