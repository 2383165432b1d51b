/*
 * serve.h: the local preview: build, serve the output over HTTP on a
 * loopback address, rebuild when the sources change, reload the pages.
 */
#ifndef SERVE_H
#define SERVE_H

#include "site/build.h"

struct serve_opts {
	struct build_opts	 build;
	const char		*bind;	/* address to listen on */
	int			 port;	/* 0: 1313, or the next free one */
};

/* Runs until SIGINT or SIGTERM.  Returns the exit status. */
int	 serve_run(const struct serve_opts *);

#endif /* SERVE_H */
