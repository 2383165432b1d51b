/*
 * diag.h: diagnostics, "file:line:col: error: what; what to do", in the format
 * chosen, counted, held back or recorded for replay.
 */
#ifndef BASE_DIAG_H
#define BASE_DIAG_H

#include "base/strbuf.h"

/*
 * Diagnostics: "file:line:col: error: message".  line or col 0 leaves
 * that part out; file NULL prints "arshif".  Colour only on a terminal
 * and never with NO_COLOR set.  Counters are atomic so that loading and
 * rendering may later run on several threads.
 */
enum diag_level {
	DIAG_ERROR,
	DIAG_WARNING,
	DIAG_NOTE
};

void	 diag(enum diag_level, const char *file, int line, int col,
	    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* With strict set, warnings count (and print) as errors. */
void	 diag_set_strict(int);
/*
 * How diagnostics are printed on stderr: text (the default), one JSON
 * object per line (file, line, column, severity, message, hint), or
 * GitHub Actions workflow commands (::error file=...::...).  The
 * capture below always gets text.
 */
enum diag_format {
	DIAG_FORMAT_TEXT,
	DIAG_FORMAT_JSON,
	DIAG_FORMAT_GITHUB
};

void	 diag_set_format(enum diag_format);
enum diag_format diag_format(void);
/* Where diagnostics go besides stderr (for the preview overlay); NULL ends it. */
void	 diag_capture(struct strbuf *);

/*
 * Diagnostics held back, so that work done on several threads still
 * reports in a fixed order: while a thread holds a buffer its
 * diagnostics go there (counted as usual), and diag_release() prints
 * them later.
 */
struct diag_buf {
	struct strbuf	tty;	/* as stderr shows it */
	struct strbuf	plain;	/* for the capture */
};

void	 diag_hold(struct diag_buf *);
/* Prints what buf holds, then empties it. */
void	 diag_release(struct diag_buf *);

/*
 * Diagnostics recorded, so that a cached parse can report again exactly
 * what the parse reported: while a thread records into l, its
 * diagnostics are appended there (the level as written, before
 * --strict), neither printed nor counted.  NULL ends it.
 */
struct diag_rec {
	enum diag_level	 level;
	int		 line, col;
	char		*msg;		/* owned; formatted, not yet escaped */
};

struct diag_list {
	struct diag_rec	*v;
	size_t		 n;
};

void	 diag_record(struct diag_list *);
/*
 * Emits each recorded diagnostic as diag() would now (printed or held,
 * counted, --strict applied), with file as the file.
 */
void	 diag_replay(const struct diag_list *, const char *file);
/* Frees the messages and the array; the list is empty after.  NULL is fine. */
void	 diag_list_free(struct diag_list *);
long	 diag_errors(void);
long	 diag_warnings(void);
void	 diag_reset(void);

#endif /* BASE_DIAG_H */
