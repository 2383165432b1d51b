/*
 * parallel.c: the one worker pool (see parallel.h).
 */
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/mem.h"
#include "base/parallel.h"

size_t
workers_for(size_t n)
{
	const char *e = getenv("ARSHIF_JOBS");
	long k = e && *e ? strtol(e, NULL, 10) : sysconf(_SC_NPROCESSORS_ONLN);

	if (k < 1)
		k = 1;
	if (k > 16)
		k = 16;
	if (n > 0 && (size_t)k > n)
		k = (long)n;
	return (size_t)k;
}

void
parallel_run(size_t n, void *(*fn)(void *), void *arg)
{
	size_t i, nw = workers_for(n);
	pthread_t *th = xcalloc(nw, sizeof(*th));
	char *started = xcalloc(nw, 1);

	for (i = 1; i < nw; i++)
		started[i] = pthread_create(&th[i], NULL, fn, arg) == 0;
	fn(arg);	/* the calling thread works too */
	for (i = 1; i < nw; i++)
		if (started[i])
			pthread_join(th[i], NULL);
	free(started);
	free(th);
}
