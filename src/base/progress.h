/*
 * progress.h: one line on a terminal that says what a long build is
 * doing.  A leaf: libc and pthreads only.  Every function may be called
 * from any thread, and all do nothing unless progress_enable() turned
 * the line on, so library code calls them unconditionally.
 */
#ifndef PROGRESS_H
#define PROGRESS_H

#include <stddef.h>

enum progress_phase {
	PROGRESS_READING,	/* parsing articles */
	PROGRESS_MATCHING,	/* names to entities */
	PROGRESS_RENDERING,	/* pages */
	PROGRESS_WRITING,	/* static files, putting the site in place */
	PROGRESS__MAX
};

/*
 * Starts a build's progress.  on: show the line (the caller decides;
 * progress_wanted() says whether stderr is a terminal).  The line first
 * appears once the build has run PROGRESS_DELAY_MS, so quick builds
 * print nothing.  Pair with progress_end().
 */
void	 progress_enable(int on);
/* 1 when stderr is a terminal, so a line updated in place makes sense. */
int	 progress_wanted(void);
/* Enters a phase of total steps (0: unknown); its count starts at 0. */
void	 progress_begin(enum progress_phase, size_t total);
/* Counts n more steps done in the current phase. */
void	 progress_add(size_t n);
/* Ends the build's progress: the line is erased and nothing is drawn after. */
void	 progress_end(void);
/*
 * Writes s to stderr, erasing the line first when it shows (it is
 * drawn again at the next tick).  For diagnostics; s is written whole.
 */
void	 progress_print(const char *s);

#define PROGRESS_DELAY_MS 500

#endif /* PROGRESS_H */
