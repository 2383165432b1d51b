/*
 * build.h: the pipeline, run once: config -> content -> archive ->
 * pages -> templates -> output.
 */
#ifndef BUILD_H
#define BUILD_H

struct build_opts {
	const char	*source;	/* the site folder */
	const char	*output;	/* NULL: source/public */
	const char	*theme;		/* default theme folder (templates/, static/) */
	int		 drafts;	/* build draft articles too */
	int		 future;	/* build articles dated after now too */
	int		 check;		/* validate only; write nothing */
	int		 clean;		/* replace an output folder arshif did not make */
	int		 quiet;		/* no summary line */
	const char	*inject;	/* HTML before </body> (serve only) */
	int		 no_cache;	/* trust nothing from earlier builds: no cache, no previous generation */
	const char	*cache_dir;	/* NULL: source/.arshif-cache */
};

/*
 * Runs one build.  Every problem goes through diag(); returns 0 when
 * the site was written (or checked) without error, else 1.  A failed
 * build leaves the previous output as it was.
 */
int	 build_run(const struct build_opts *);
/*
 * The default theme folder: beside the executable (a checkout), or
 * PREFIX/share/arshif.  Caller frees; NULL when none is found.
 */
char	*build_theme_dir(void);

#endif /* BUILD_H */
