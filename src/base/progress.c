/*
 * progress.c: see progress.h.  A ticker thread draws the line ten times
 * a second; workers only bump an atomic counter, so counting costs them
 * nothing measurable and the line never lags behind a stalled phase.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/progress.h"

#define TICK_MS 100

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static pthread_t ticker;
static int running;		/* the ticker thread exists */
static int stopping;		/* progress_end() asked it to go */
static int shown;		/* the line is on the terminal now */
static enum progress_phase phase;
static size_t total;
static atomic_size_t done;
static struct timespec started;

static const char *const label[PROGRESS__MAX] = {
	"reading articles",
	"matching names",
	"rendering pages",
	"writing files"
};

static double
since_start_ms(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - started.tv_sec) * 1e3 +
	    (double)(now.tv_nsec - started.tv_nsec) / 1e6;
}

/* Called with lock held. */
static void
draw(void)
{
	char line[128];
	size_t n = atomic_load(&done);
	double s = since_start_ms() / 1e3;

	if (total > 0)
		snprintf(line, sizeof(line), "\r\033[Karshif: %s %zu/%zu "
		    "(%.1f s)", label[phase], n > total ? total : n, total, s);
	else if (n > 0)
		snprintf(line, sizeof(line), "\r\033[Karshif: %s %zu "
		    "(%.1f s)", label[phase], n, s);
	else
		snprintf(line, sizeof(line), "\r\033[Karshif: %s (%.1f s)",
		    label[phase], s);
	fputs(line, stderr);
	fflush(stderr);
	shown = 1;
}

/* Called with lock held. */
static void
erase(void)
{
	if (!shown)
		return;
	fputs("\r\033[K", stderr);
	fflush(stderr);
	shown = 0;
}

static void *
tick(void *arg)
{
	struct timespec at;

	(void)arg;
	pthread_mutex_lock(&lock);
	while (!stopping) {
		clock_gettime(CLOCK_REALTIME, &at);
		at.tv_nsec += TICK_MS * 1000000L;
		if (at.tv_nsec >= 1000000000L) {
			at.tv_sec++;
			at.tv_nsec -= 1000000000L;
		}
		if (pthread_cond_timedwait(&wake, &lock, &at) != ETIMEDOUT)
			continue;
		if (!stopping && since_start_ms() >= PROGRESS_DELAY_MS)
			draw();
	}
	erase();
	pthread_mutex_unlock(&lock);
	return NULL;
}

int
progress_wanted(void)
{
	const char *term = getenv("TERM");

	/* A "dumb" terminal (an editor's buffer) cannot erase a line. */
	return isatty(STDERR_FILENO) && !(term != NULL &&
	    strcmp(term, "dumb") == 0);
}

void
progress_enable(int on)
{
	pthread_mutex_lock(&lock);
	if (running || !on) {
		pthread_mutex_unlock(&lock);
		return;
	}
	clock_gettime(CLOCK_MONOTONIC, &started);
	phase = PROGRESS_READING;
	total = 0;
	atomic_store(&done, 0);
	stopping = 0;
	shown = 0;
	running = pthread_create(&ticker, NULL, tick, NULL) == 0;
	pthread_mutex_unlock(&lock);
}

void
progress_begin(enum progress_phase p, size_t n)
{
	if (p >= PROGRESS__MAX)
		return;
	pthread_mutex_lock(&lock);
	phase = p;
	total = n;
	atomic_store(&done, 0);
	pthread_mutex_unlock(&lock);
}

void
progress_add(size_t n)
{
	atomic_fetch_add_explicit(&done, n, memory_order_relaxed);
}

void
progress_end(void)
{
	int join;

	pthread_mutex_lock(&lock);
	join = running;
	stopping = 1;
	pthread_cond_signal(&wake);
	pthread_mutex_unlock(&lock);
	if (join)
		pthread_join(ticker, NULL);
	pthread_mutex_lock(&lock);
	running = 0;
	pthread_mutex_unlock(&lock);
}

void
progress_print(const char *s)
{
	pthread_mutex_lock(&lock);
	erase();
	fputs(s, stderr);
	fflush(stderr);
	pthread_mutex_unlock(&lock);
}
