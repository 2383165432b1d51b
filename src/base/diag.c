/*
 * diag.c: see diag.h.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/mem.h"
#include "base/strbuf.h"
#include "base/json.h"
#include "base/progress.h"
#include "base/diag.h"

static atomic_long n_errors, n_warnings;
static int strict;
static enum diag_format format;
static struct strbuf *captured;
static pthread_mutex_t capture_lock = PTHREAD_MUTEX_INITIALIZER;
static _Thread_local struct diag_buf *held;
static _Thread_local struct diag_list *recording;

void
diag_hold(struct diag_buf *b)
{
	held = b;
}

void
diag_record(struct diag_list *l)
{
	recording = l;
}

void
diag_replay(const struct diag_list *l, const char *file)
{
	size_t i;

	for (i = 0; l != NULL && i < l->n; i++)
		diag(l->v[i].level, file, l->v[i].line, l->v[i].col, "%s",
		    l->v[i].msg);
}

void
diag_list_free(struct diag_list *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++)
		free(l->v[i].msg);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

void
diag_release(struct diag_buf *b)
{
	if (b->tty.len > 0)
		progress_print(b->tty.s);
	pthread_mutex_lock(&capture_lock);
	if (captured != NULL && b->plain.len > 0)
		sb_add(captured, b->plain.s, b->plain.len);
	pthread_mutex_unlock(&capture_lock);
	sb_free(&b->tty);
	sb_free(&b->plain);
}

void
diag_set_strict(int on)
{
	strict = on;
}

void
diag_set_format(enum diag_format f)
{
	format = f;
}

enum diag_format
diag_format(void)
{
	return format;
}

void
diag_capture(struct strbuf *sb)
{
	captured = sb;
}

long
diag_errors(void)
{
	return atomic_load(&n_errors);
}

long
diag_warnings(void)
{
	return atomic_load(&n_warnings);
}

void
diag_reset(void)
{
	atomic_store(&n_errors, 0);
	atomic_store(&n_warnings, 0);
}

static int
use_colour(void)
{
	const char *nc = getenv("NO_COLOR");

	if (format != DIAG_FORMAT_TEXT)
		return 0;
	if (nc != NULL && nc[0] != '\0')
		return 0;
	return isatty(STDERR_FILENO);
}

/*
 * GitHub's workflow commands: '%', CR and LF are escaped everywhere,
 * and ':' and ',' too in a property, where they would end it.
 */
static void
github_str(struct strbuf *sb, const char *s, int property)
{
	for (; *s; s++) {
		if (*s == '%')
			sb_adds(sb, "%25");
		else if (*s == '\r')
			sb_adds(sb, "%0D");
		else if (*s == '\n')
			sb_adds(sb, "%0A");
		else if (property && *s == ':')
			sb_adds(sb, "%3A");
		else if (property && *s == ',')
			sb_adds(sb, "%2C");
		else
			sb_addc(sb, *s);
	}
}

/* One diagnostic as stderr shows it, in the chosen format. */
static void
diag_format_line(struct strbuf *out, const char *where, const char *file,
    int line, int col, const char *word, const char *colour, const char *msg)
{
	const char *hint;

	switch (format) {
	case DIAG_FORMAT_JSON:
		/* Messages read "what is wrong; what to do": split there. */
		hint = strstr(msg, "; ");
		sb_adds(out, "{\"file\":");
		if (file != NULL)
			json_str(out, file, strlen(file), JSON_DOC);
		else
			sb_adds(out, "null");
		if (line > 0)
			sb_addf(out, ",\"line\":%d", line);
		else
			sb_adds(out, ",\"line\":null");
		if (line > 0 && col > 0)
			sb_addf(out, ",\"column\":%d", col);
		else
			sb_adds(out, ",\"column\":null");
		sb_addf(out, ",\"severity\":\"%s\",\"message\":", word);
		json_str(out, msg, hint ? (size_t)(hint - msg) : strlen(msg),
		    JSON_DOC);
		sb_adds(out, ",\"hint\":");
		if (hint != NULL)
			json_str(out, hint + 2, strlen(hint + 2), JSON_DOC);
		else
			sb_adds(out, "null");
		sb_adds(out, "}\n");
		break;
	case DIAG_FORMAT_GITHUB:
		sb_addf(out, "::%s", strcmp(word, "note") == 0 ? "notice" :
		    word);
		if (file != NULL) {
			sb_adds(out, " file=");
			github_str(out, file, 1);
			if (line > 0)
				sb_addf(out, ",line=%d", line);
			if (line > 0 && col > 0)
				sb_addf(out, ",col=%d", col);
		}
		sb_adds(out, "::");
		github_str(out, msg, 0);
		sb_addc(out, '\n');
		break;
	default:
		if (colour != NULL)
			sb_addf(out, "%s: %s%s:\033[0m %s\n", where, colour,
			    word, msg);
		else
			sb_addf(out, "%s: %s: %s\n", where, word, msg);
		break;
	}
}

void
diag(enum diag_level lvl, const char *file, int line, int col,
    const char *fmt, ...)
{
	struct strbuf where = STRBUF_INIT, msg = STRBUF_INIT;
	struct strbuf shown = STRBUF_INIT;
	const char *word, *colour;
	va_list ap;

	if (recording != NULL) {
		struct diag_rec *r;

		recording->v = xreallocarray(recording->v, recording->n + 1,
		    sizeof(*recording->v));
		r = &recording->v[recording->n++];
		r->level = lvl;
		r->line = line;
		r->col = col;
		va_start(ap, fmt);
		sb_vaddf(&msg, fmt, ap);
		va_end(ap);
		r->msg = sb_detach(&msg);
		return;
	}
	if (lvl == DIAG_WARNING && strict)
		lvl = DIAG_ERROR;
	switch (lvl) {
	case DIAG_ERROR:
		word = "error";
		colour = "\033[1;31m";
		atomic_fetch_add(&n_errors, 1);
		break;
	case DIAG_WARNING:
		word = "warning";
		colour = "\033[1;35m";
		atomic_fetch_add(&n_warnings, 1);
		break;
	default:
		word = "note";
		colour = "\033[1;36m";
		break;
	}
	sb_adds(&where, file ? file : "arshif");
	if (line > 0)
		sb_addf(&where, ":%d", line);
	if (line > 0 && col > 0)
		sb_addf(&where, ":%d", col);
	va_start(ap, fmt);
	sb_vaddf(&msg, fmt, ap);
	va_end(ap);
	/*
	 * Messages quote user text: a control character (an ESC from a
	 * hostile slug) must not reach the terminal as itself.
	 */
	if (msg.s != NULL) {
		struct strbuf safe = STRBUF_INIT;
		const unsigned char *q;

		for (q = (const unsigned char *)msg.s; *q; q++)
			if (*q < 0x20 || *q == 0x7f)
				sb_addf(&safe, "\\x%02x", *q);
			else
				sb_addc(&safe, (char)*q);
		sb_free(&msg);
		msg = safe;
	}
	diag_format_line(&shown, where.s, file, line, col, word,
	    use_colour() ? colour : NULL, sb_str(&msg));
	if (held != NULL) {
		sb_add(&held->tty, shown.s, shown.len);
		sb_addf(&held->plain, "%s: %s: %s\n", where.s, word,
		    sb_str(&msg));
		sb_free(&where);
		sb_free(&msg);
		sb_free(&shown);
		return;
	}
	/*
	 * One write per line keeps lines whole when threads report at
	 * once, and erases the progress line first when it shows.
	 */
	progress_print(shown.s);
	pthread_mutex_lock(&capture_lock);
	if (captured != NULL)
		sb_addf(captured, "%s: %s: %s\n", where.s, word, sb_str(&msg));
	pthread_mutex_unlock(&capture_lock);
	sb_free(&where);
	sb_free(&msg);
	sb_free(&shown);
}
