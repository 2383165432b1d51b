/*
 * util.h: allocation that cannot fail, growable strings, diagnostics,
 * file helpers and a string-keyed hash map.  A leaf: depends on libc only.
 */
#ifndef UTIL_H
#define UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* Allocation.  Out of memory aborts with a message: callers never check. */
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));

/* A growable, always NUL-terminated byte string. */
struct strbuf {
	char	*s;	/* owned; NULL until the first append */
	size_t	 len;
	size_t	 cap;
};

#define STRBUF_INIT { NULL, 0, 0 }

void	 sb_add(struct strbuf *, const char *, size_t);
void	 sb_adds(struct strbuf *, const char *);
void	 sb_addc(struct strbuf *, char);
void	 sb_addf(struct strbuf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 sb_reset(struct strbuf *);
/* Returns the string (never NULL); the caller frees it; sb is empty after. */
char	*sb_detach(struct strbuf *);
void	 sb_free(struct strbuf *);
/* Returns the contents, "" when empty; valid until the next append. */
const char *sb_str(const struct strbuf *);

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

/* Files and paths. */
/*
 * Reads a whole file into a NUL-terminated buffer the caller frees.
 * Refuses files over max bytes (errno EFBIG).  Returns NULL with errno
 * set on failure.
 */
char	*file_read(const char *path, size_t max, size_t *lenp);
/* Joins two path parts with one '/'; caller frees. */
char	*path_join(const char *, const char *);
/* Creates a directory and its parents.  Returns 0 or -1 with errno. */
int	 mkdir_p(const char *path);
/* Removes a tree without following symlinks.  Returns 0 or -1. */
int	 rm_rf(const char *path);
int	 is_dir(const char *path);
/* Lower-case ASCII copy; caller frees. */
char	*ascii_lower(const char *);
int	 has_suffix(const char *, const char *);

/* A string-keyed hash map with insertion order kept; values are borrowed. */
struct hmap;

struct hmap *hmap_new(void);
/* Frees the map and its copies of the keys, not the values. */
void	 hmap_free(struct hmap *);
void	*hmap_get(const struct hmap *, const char *key);
/*
 * Inserts key if absent.  Returns the value already there (and leaves
 * it), or NULL when key was inserted with val.
 */
void	*hmap_put(struct hmap *, const char *key, void *val);
size_t	 hmap_count(const struct hmap *);
/* The i-th value in insertion order. */
void	*hmap_value_at(const struct hmap *, size_t i);
const char *hmap_key_at(const struct hmap *, size_t i);

uint64_t hash_str(const char *);

/* arshif's version, as the Makefile sets it: shown, and hashed into caches. */
extern const char arshif_version[];

/* Milliseconds on a monotonic clock, for the timings a build reports. */
double	 now_ms(void);

#endif /* UTIL_H */
