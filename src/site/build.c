/*
 * build.c: see build.h.
 */
#define _GNU_SOURCE
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/util.h"
#include "text/text.h"
#include "input/config.h"
#include "input/registry.h"
#include "cache/cache.h"
#include "content/content.h"
#include "model/archive.h"
#include "tmpl/tmpl.h"
#include "input/i18n.h"
#include "output/output.h"
#include "plan/plan.h"
#include "render/render.h"
#include "search/search.h"
#include "search/search.h"
#include "site/build.h"
#include "site/links.h"
#include "base/progress.h"

#ifndef ARSHIF_DATADIR
#define ARSHIF_DATADIR "/usr/local/share/arshif"
#endif

char *
build_theme_dir(void)
{
	char exe[PATH_MAX], *slash, *cand[4];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	size_t i;
	char *found = NULL;
	const char *env = getenv("ARSHIF_DATADIR");

	/* Set, it is the theme: a wrong one is reported, not worked around. */
	if (env != NULL && env[0] != '\0')
		return xstrdup(env);
	memset(cand, 0, sizeof(cand));
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL)
			*slash = '\0';
		cand[0] = xstrdup(exe);				/* a checkout */
		cand[1] = xasprintf("%s/..", exe);		/* build/ of one */
		cand[2] = xasprintf("%s/../share/arshif", exe);	/* installed */
	}
	cand[3] = xstrdup(ARSHIF_DATADIR);
	for (i = 0; i < 4; i++) {
		char *t;

		if (cand[i] == NULL || found)
			continue;
		t = path_join(cand[i], "templates/layout.tpl");
		if (access(t, R_OK) == 0)
			found = xstrdup(cand[i]);
		free(t);
	}
	for (i = 0; i < 4; i++)
		free(cand[i]);
	return found;
}

/* render_put_fn: a rendered file into the staging folder. */
static int
put_file(void *arg, const struct plan_page *p, const char *data, size_t len)
{
	progress_add(1);
	return output_write(arg, p->file, data, len, p->sig.b);
}

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* "1 article", "2 articles": English, as the rest of the summary. */
static const char *
plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* The folder of part ("templates", "static"): the site's own, else the theme's. */
static char *
theme_part(const struct build_opts *o, const char *part)
{
	char *own = path_join(o->source, part);

	if (is_dir(own) || o->theme == NULL)
		return own;
	free(own);
	return path_join(o->theme, part);
}

int
build_run(const struct build_opts *o)
{
	struct config *c = NULL;
	struct corpus cp = { NULL, 0, 0, 0, 0, 0 };
	struct archive ar;
	struct text_locale **locs = NULL;
	struct tmpl_cache *tc = NULL;
	struct i18n *t = NULL;
	struct output *out = NULL;
	struct registry *reg = NULL;
	struct plan *plan = NULL;
	size_t *todo = NULL, ntodo = 0;
	struct output_stats st;
	struct cache *cache = NULL;	/* open until the end: articles point into it */
	char *tdir = NULL, *sdir = NULL, *i18ndir = NULL, *odir = NULL;
	double t0 = now_ms();
	long long now = 0;
	double search_ms = 0;
	size_t i;
	int rc = 1;

	memset(&ar, 0, sizeof(ar));
	/* Machine-read diagnostics get no terminal line between them. */
	progress_enable(!o->quiet && diag_format() == DIAG_FORMAT_TEXT &&
	    progress_wanted());
	if ((c = config_load(o->source)) == NULL)
		goto out;
	tdir = theme_part(o, "templates");
	sdir = theme_part(o, "static");
	if (!is_dir(tdir)) {
		diag(DIAG_ERROR, tdir, 0, 0, "no templates folder; add one to "
		    "the site, or install arshif's default theme (make install)");
		goto out;
	}
	locs = xcalloc(c->nlangs, sizeof(*locs));
	for (i = 0; i < c->nlangs; i++) {
		const struct language *l = &c->langs[i];
		char *err = NULL;

		locs[i] = text_locale_new(l->locale, l->numbers, l->calendars,
		    l->ncalendars, &err);
		if (locs[i] == NULL) {
			diag(DIAG_ERROR, c->path, 0, 0, "language '%s': %s",
			    l->code, err);
			free(err);
		}
	}
	if (diag_errors() > 0)
		goto out;
	/* Nothing from outside the site (or theme) folder is published. */
	links_ok(c, tdir, tdir);
	if (is_dir(sdir))
		links_ok(c, sdir, sdir);
	tc = tmpl_cache_new(tdir);
	for (i = 0; render_templates[i]; i++)
		tmpl_cache_load(tc, render_templates[i]);
	tmpl_cache_freeze(tc);
	i18ndir = path_join(tdir, "i18n");
	t = i18n_load(c, i18ndir, locs);
	/* Content errors are reported even when the theme is broken: all at once. */
	registry_load(c, &reg);
	if (!o->no_cache) {
		unsigned char fp[CACHE_HASH_LEN];
		char *cd = o->cache_dir ? xstrdup(o->cache_dir) :
		    path_join(o->source, ".arshif-cache");

		cache_fingerprint(o->source, fp);
		cache = cache_open(cd, fp);
		free(cd);
	}
	content_load(c, reg, o->drafts, cache, &cp);
	/* Every build: an image can go while its article's parse stays cached. */
	content_images(c, &cp);
	if (date_now(&now) == -1)
		diag(DIAG_ERROR, NULL, 0, 0, "SOURCE_DATE_EPOCH must be a "
		    "whole number of seconds since 1970 (date +%%s)");
	else if (!o->future)
		corpus_drop_future(&cp, now);
	progress_begin(PROGRESS_MATCHING, 0);
	archive_build(c, reg, &cp, locs, &ar);
	ar.now = now;
	if (diag_errors() > 0)
		goto out;
	if (o->check) {
		rc = 0;
		goto out;
	}
	odir = o->output ? xstrdup(o->output) : path_join(o->source, "public");
	if (output_check(odir, o->source, o->clean) == -1)
		goto out;
	if ((out = output_begin(odir, o->no_cache)) == NULL)
		goto out;
	{
		char *sy = path_join(o->source, "site.yaml");
		struct plan_inputs in = { sy, tdir, i18ndir, o->inject,
		    reg ? registry_path(reg) : NULL, sdir };
		struct render_ctx x;

		plan = plan_new(c, &ar, &in);
		free(sy);
		/* Only what the two generations lack is rendered. */
		todo = xcalloc(plan->n + 1, sizeof(*todo));
		for (i = 0; i < plan->n; i++)
			if (!output_keep(out, plan->v[i].file, plan->v[i].sig.b))
				todo[ntodo++] = i;
		x.c = c;
		x.ar = &ar;
		x.plan = plan;
		x.tc = tc;
		x.i18n = t;
		x.inject = o->inject;
		progress_begin(PROGRESS_RENDERING, ntodo);
		if (render_pages(&x, todo, ntodo, put_file, out) == -1 ||
		    search_write(c, &ar, reg, cache, out,
		    (const unsigned char (*)[16])plan->search, &search_ms) == -1)
			goto out;
	}
	progress_begin(PROGRESS_WRITING, 0);
	if (is_dir(sdir) && output_copy_tree(out, sdir, sdir) == -1)
		goto out;
	if (diag_errors() > 0)
		goto out;
	if (output_commit(out, &st) == -1) {
		out = NULL;
		goto out;
	}
	out = NULL;
	progress_end();
	if (!o->quiet)
		printf("arshif: %zu %s (%zu %s, %zu %s) in %s: "
		    "%zu rendered, %zu written, %zu kept, %zu linked, %zu "
		    "removed%s; %zu parsed, %zu from cache; %.0f ms (loading: "
		    "%.0f ms, entities: %.0f ms, name matching: %.0f ms of "
		    "CPU, search index: %.0f ms)\n", st.files, plural(st.files, "file", "files"), cp.n,
		    plural(cp.n, "article", "articles"), c->nlangs,
		    plural(c->nlangs, "language", "languages"), odir, ntodo,
		    st.written, st.kept, st.linked, st.removed, st.unchanged ?
		    ", site unchanged" : "", cp.nparsed, cp.ncached,
		    now_ms() - t0, cp.load_ms, ar.entity_ms, cp.mention_ms,
		    search_ms);
	rc = 0;
out:
	progress_end();
	output_abort(out);
	free(todo);
	plan_free(plan);
	archive_free(&ar);
	corpus_free(&cp);
	cache_close(cache);
	registry_free(reg);
	i18n_free(t);
	tmpl_cache_free(tc);
	for (i = 0; c && locs && i < c->nlangs; i++)
		text_locale_free(locs[i]);
	free(locs);
	config_free(c);
	free(tdir);
	free(sdir);
	free(i18ndir);
	free(odir);
	if (rc != 0 && diag_errors() > 0 && diag_format() == DIAG_FORMAT_TEXT)
		fprintf(stderr, "arshif: %ld error%s, %ld warning%s; %s\n",
		    diag_errors(), diag_errors() == 1 ? "" : "s",
		    diag_warnings(), diag_warnings() == 1 ? "" : "s",
		    o->check ? "fix them before building" :
		    "nothing was written, the previous site is untouched");
	return rc;
}
