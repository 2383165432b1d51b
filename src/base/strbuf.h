/*
 * strbuf.h: growable, always NUL-terminated strings.
 */
#ifndef BASE_STRBUF_H
#define BASE_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

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
void	 sb_vaddf(struct strbuf *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
void	 sb_reset(struct strbuf *);
/* Returns the string (never NULL); the caller frees it; sb is empty after. */
char	*sb_detach(struct strbuf *);
void	 sb_free(struct strbuf *);
/* Returns the contents, "" when empty; valid until the next append. */
const char *sb_str(const struct strbuf *);

/* A formatted string the caller frees. */
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));

#endif /* BASE_STRBUF_H */
