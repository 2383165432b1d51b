/*
 * parallel.h: the one worker pool.  Every parallel step of a build
 * (parsing, rendering, tokenising) runs through parallel_run().
 */
#ifndef BASE_PARALLEL_H
#define BASE_PARALLEL_H

#include <stddef.h>

/*
 * How many threads to use for n jobs: ARSHIF_JOBS if set, else one per
 * processor; at least 1, at most 16 and n.
 */
size_t	 workers_for(size_t n);

/*
 * Runs fn(arg) on workers_for(n) threads at once, the calling thread
 * being one of them, and returns when every call has returned.  fn takes
 * its jobs itself, from a counter in arg (atomic_fetch_add), so that a
 * thread sets up what it needs once (a locale, a buffer) for all the
 * jobs it takes.  A thread that cannot be started leaves its share to
 * the others.
 */
void	 parallel_run(size_t n, void *(*fn)(void *), void *arg);

#endif /* BASE_PARALLEL_H */
