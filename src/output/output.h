/*
 * output.h: writing a site so that it is never half there, and writing
 * only what changed.  Pages go into a staging folder beside the output;
 * only a complete build takes the output's place, in one atomic
 * exchange, and the previous site becomes the next staging folder.
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
/* Signatures are 16 bytes: the plan's signature of a file's inputs. */
#define OUTPUT_SIG_LEN 16

/* What a build did to the staging folder. */
struct output_stats {
	size_t	files;		/* in the new site */
	size_t	written;	/* files whose bytes were written */
	size_t	linked;		/* files taken from the live site (hard links) */
	size_t	kept;		/* files the staging folder already had */
	size_t	removed;	/* files no longer planned */
	int	unchanged;	/* nothing differed: the live site was not touched */
};

/*
 * Starts a build of dir.  Two folders take turns: dir (the live site)
 * and a staging folder beside it, ".<dir>.arshif-gen", which holds the
 * generation before and is brought up to date, then swapped in.  A
 * state folder, ".<dir>.arshif-state", holds each folder's manifest
 * (what each file holds and was made from) and a lock: one build of an
 * output at a time.  With fresh set no manifest is trusted and every
 * file is written anew.  Returns NULL after reporting.  End with
 * output_commit() or output_abort().
 */
struct output *output_begin(const char *dir, int fresh);
/*
 * Says that rel, made from inputs with signature sig, is wanted.
 * Returns 1 when the staging folder has it already or it was taken
 * from the live site (same inputs, so same bytes, and the same mtime):
 * nothing more to do.  Returns 0 when the caller must render it and
 * output_write() it.  Thread-safe.
 */
int	 output_keep(struct output *, const char *rel, const unsigned char *sig);
/*
 * Writes one file at rel (a relative path with no "." or ".."
 * component), made from inputs with signature sig (NULL: its bytes
 * stand for its inputs, as for static files).  When a folder already
 * has these very bytes at rel, that file is kept with its mtime.  A
 * second file at the same rel is an error: two pages never share a
 * file.  Returns 0 or -1 after reporting.  Thread-safe.
 */
int	 output_write(struct output *, const char *rel, const char *data,
	    size_t len, const unsigned char *sig);
/*
 * The files of the live site below prefix ("ar/search/"), as its
 * manifest names them: for outputs whose file list only their producer
 * knows.  Returns their number; *paths is NULL-terminated, caller frees
 * with each string.  0 when the live site has no manifest.
 */
size_t	 output_live_list(const struct output *, const char *prefix,
	    char ***paths);
/* Copies the regular files of folder src into the staging folder. */
int	 output_copy_tree(struct output *, const char *src, const char *shown);
/*
 * Removes what is no longer planned, records the new generation and
 * swaps it in (unless nothing changed).  Fills st when not NULL.
 * Frees the output.  Returns 0, or -1 after reporting (the previous
 * site stays).
 */
int	 output_commit(struct output *, struct output_stats *st);
/*
 * Stops a build: dir stays as it was; the staging folder keeps what
 * was written, recorded so that the next build starts from it.
 */
void	 output_abort(struct output *);
/* Number of files in the new site so far. */
size_t	 output_count(const struct output *);
/* 1 when rel is a safe relative path (exposed for tests). */
int	 output_rel_ok(const char *rel);

#endif /* OUTPUT_H */
