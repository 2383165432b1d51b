/*
 * mem.h: allocation that cannot fail.  A leaf: libc only.
 */
#ifndef BASE_MEM_H
#define BASE_MEM_H

#include <stddef.h>

/* Out of memory aborts with a message: callers never check. */
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);

/* Says "out of memory" and aborts. */
void	 xoom(void) __attribute__((noreturn));

#endif /* BASE_MEM_H */
