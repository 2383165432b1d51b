/*
 * output.h: writing a site so that it is never half there.  Pages go
 * into a fresh folder beside the output; only a complete build takes
 * the output's place, in one atomic exchange.
 */
#ifndef OUTPUT_H
#define OUTPUT_H

#include <stddef.h>

struct output;

/* The file arshif leaves in every output folder it makes. */
#define OUTPUT_MARK ".arshif-output"

/*
 * Checks that dir may be the output of a site whose source is src
 * (not /, not the home folder, not the source or a folder above it,
 * not inside content/, templates/ or static/; if it exists, made by
 * arshif unless clean is set).  Reports and returns -1 when not.
 */
int	 output_check(const char *dir, const char *src, int clean);
/*
 * Starts a build of dir: makes the staging folder.  Returns NULL after
 * reporting.  End with output_commit() or output_abort().
 */
struct output *output_begin(const char *dir);
/*
 * Writes one file at rel (a relative path with no "." or ".."
 * component) under the staging folder.  A second write of the same rel
 * is an error: two pages never share a file.  Returns 0 or -1 after
 * reporting.  Thread-safe.
 */
int	 output_write(struct output *, const char *rel, const char *data,
	    size_t len);
/* Copies the regular files of folder src into the staging folder. */
int	 output_copy_tree(struct output *, const char *src, const char *shown);
/* Puts the staging folder in place of dir and removes the old one. */
int	 output_commit(struct output *);
/* Removes the staging folder; dir stays as it was. */
void	 output_abort(struct output *);
/* Number of files written so far. */
size_t	 output_count(const struct output *);
/* 1 when rel is a safe relative path (exposed for tests). */
int	 output_rel_ok(const char *rel);

#endif /* OUTPUT_H */
