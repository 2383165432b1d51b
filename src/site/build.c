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

/* What one build holds from its start to its end (run_end() frees it). */
struct run {
	const struct build_opts *o;
	struct config	 *c;
	struct corpus	  cp;
	struct archive	  ar;
	struct text_locale **locs;	/* one per language */
	struct tmpl_cache *tc;
	struct i18n	 *t;
	struct output	 *out;
	struct registry	 *reg;
	struct plan	 *plan;
	size_t		 *todo, ntodo;	/* the pages to render */
	struct output_stats st;
	struct cache	 *cache;	/* open until the end: articles point into it */
	char		 *tdir, *sdir, *i18ndir, *odir;
	double		  t0;
	long long	  now;
	double		  search_ms;
};

/* The formatters of each language; a refusal is reported. */
static void
open_locales(struct run *r)
{
	const struct config *c = r->c;
	size_t i;

	r->locs = xcalloc(c->nlangs, sizeof(*r->locs));
	for (i = 0; i < c->nlangs; i++) {
		const struct language *l = &c->langs[i];
		char *err = NULL;

		r->locs[i] = text_locale_new(l->locale, l->numbers, l->calendars,
		    l->ncalendars, &err);
		if (r->locs[i] == NULL) {
			diag(DIAG_ERROR, c->path, 0, 0, "language '%s': %s",
			    l->code, err);
			free(err);
		}
	}
}

/* The templates and interface strings of the theme. */
static void
load_theme(struct run *r)
{
	size_t i;

	/* Nothing from outside the site (or theme) folder is published. */
	links_ok(r->c, r->tdir, r->tdir);
	if (is_dir(r->sdir))
		links_ok(r->c, r->sdir, r->sdir);
	r->tc = tmpl_cache_new(r->tdir);
	for (i = 0; render_templates[i]; i++)
		tmpl_cache_load(r->tc, render_templates[i]);
	tmpl_cache_freeze(r->tc);
	r->i18ndir = path_join(r->tdir, "i18n");
	r->t = i18n_load(r->c, r->i18ndir, r->locs);
}

/* The entity registry, the articles (through the cache) and the archive. */
static void
load_content(struct run *r)
{
	const struct build_opts *o = r->o;

	/* Content errors are reported even when the theme is broken: all at once. */
	registry_load(r->c, &r->reg);
	if (!o->no_cache) {
		unsigned char fp[CACHE_HASH_LEN];
		char *cd = o->cache_dir ? xstrdup(o->cache_dir) :
		    path_join(o->source, ".arshif-cache");

		cache_fingerprint(o->source, fp);
		r->cache = cache_open(cd, fp);
		free(cd);
	}
	content_load(r->c, r->reg, o->drafts, r->cache, &r->cp);
	/* Every build: an image can go while its article's parse stays cached. */
	content_images(r->c, &r->cp);
	if (date_now(&r->now) == -1)
		diag(DIAG_ERROR, NULL, 0, 0, "SOURCE_DATE_EPOCH must be a "
		    "whole number of seconds since 1970 (date +%%s)");
	else if (!o->future)
		corpus_drop_future(&r->cp, r->now);
	progress_begin(PROGRESS_MATCHING, 0);
	archive_build(r->c, r->reg, &r->cp, r->locs, &r->ar);
	r->ar.now = r->now;
}

/* Plans the pages and renders those the generations lack, then search. */
static int
render_site(struct run *r)
{
	const struct build_opts *o = r->o;
	char *sy = path_join(o->source, "site.yaml");
	struct plan_inputs in = { sy, r->tdir, r->i18ndir, o->inject,
	    r->reg ? registry_path(r->reg) : NULL, r->sdir };
	struct render_ctx x;
	struct plan *plan;
	size_t i;

	plan = r->plan = plan_new(r->c, &r->ar, &in);
	free(sy);
	/* Only what the two generations lack is rendered. */
	r->todo = xcalloc(plan->n + 1, sizeof(*r->todo));
	for (i = 0; i < plan->n; i++)
		if (!output_keep(r->out, plan->v[i].file, plan->v[i].sig.b))
			r->todo[r->ntodo++] = i;
	x.c = r->c;
	x.ar = &r->ar;
	x.plan = plan;
	x.tc = r->tc;
	x.i18n = r->t;
	x.inject = o->inject;
	progress_begin(PROGRESS_RENDERING, r->ntodo);
	if (render_pages(&x, r->todo, r->ntodo, put_file, r->out) == -1 ||
	    search_write(r->c, &r->ar, r->reg, r->cache, r->out,
	    (const unsigned char (*)[16])plan->search, &r->search_ms) == -1)
		return -1;
	return 0;
}

/*
 * Writes the site into its staging folder and swaps it in.  Returns -1
 * after reporting; the previous site stays.
 */
static int
write_site(struct run *r)
{
	const struct build_opts *o = r->o;

	r->odir = o->output ? xstrdup(o->output) :
	    path_join(o->source, "public");
	if (output_check(r->odir, o->source, o->clean) == -1)
		return -1;
	if ((r->out = output_begin(r->odir, o->no_cache)) == NULL)
		return -1;
	if (render_site(r) == -1)
		return -1;
	progress_begin(PROGRESS_WRITING, 0);
	if (is_dir(r->sdir) && output_copy_tree(r->out, r->sdir, r->sdir) == -1)
		return -1;
	if (diag_errors() > 0)
		return -1;
	if (output_commit(r->out, &r->st) == -1) {
		r->out = NULL;
		return -1;
	}
	r->out = NULL;
	return 0;
}

/* The summary line of a build. */
static void
print_summary(const struct run *r)
{
	const struct output_stats *st = &r->st;
	const struct corpus *cp = &r->cp;

	printf("arshif: %zu %s (%zu %s, %zu %s) in %s: "
	    "%zu rendered, %zu written, %zu kept, %zu linked, %zu "
	    "removed%s; %zu parsed, %zu from cache; %.0f ms (loading: "
	    "%.0f ms, entities: %.0f ms, name matching: %.0f ms of "
	    "CPU, search index: %.0f ms)\n", st->files, plural(st->files, "file", "files"), cp->n,
	    plural(cp->n, "article", "articles"), r->c->nlangs,
	    plural(r->c->nlangs, "language", "languages"), r->odir, r->ntodo,
	    st->written, st->kept, st->linked, st->removed, st->unchanged ?
	    ", site unchanged" : "", cp->nparsed, cp->ncached,
	    now_ms() - r->t0, cp->load_ms, r->ar.entity_ms, cp->mention_ms,
	    r->search_ms);
}

/* Frees what the build holds and, after errors, says what they cost. */
static void
run_end(struct run *r, int rc)
{
	const struct build_opts *o = r->o;
	size_t i;

	progress_end();
	output_abort(r->out);
	free(r->todo);
	plan_free(r->plan);
	archive_free(&r->ar);
	corpus_free(&r->cp);
	cache_close(r->cache);
	registry_free(r->reg);
	i18n_free(r->t);
	tmpl_cache_free(r->tc);
	for (i = 0; r->c && r->locs && i < r->c->nlangs; i++)
		text_locale_free(r->locs[i]);
	free(r->locs);
	config_free(r->c);
	free(r->tdir);
	free(r->sdir);
	free(r->i18ndir);
	free(r->odir);
	if (rc != 0 && diag_errors() > 0 && diag_format() == DIAG_FORMAT_TEXT)
		fprintf(stderr, "arshif: %ld error%s, %ld warning%s; %s\n",
		    diag_errors(), diag_errors() == 1 ? "" : "s",
		    diag_warnings(), diag_warnings() == 1 ? "" : "s",
		    o->check ? "fix them before building" :
		    "nothing was written, the previous site is untouched");
}

int
build_run(const struct build_opts *o)
{
	struct run r;
	int rc = 1;

	memset(&r, 0, sizeof(r));
	r.o = o;
	r.t0 = now_ms();
	/* Machine-read diagnostics get no terminal line between them. */
	progress_enable(!o->quiet && diag_format() == DIAG_FORMAT_TEXT &&
	    progress_wanted());
	if ((r.c = config_load(o->source)) == NULL)
		goto out;
	r.tdir = theme_part(o, "templates");
	r.sdir = theme_part(o, "static");
	if (!is_dir(r.tdir)) {
		diag(DIAG_ERROR, r.tdir, 0, 0, "no templates folder; add one to "
		    "the site, or install arshif's default theme (make install)");
		goto out;
	}
	open_locales(&r);
	if (diag_errors() > 0)
		goto out;
	load_theme(&r);
	load_content(&r);
	if (diag_errors() > 0)
		goto out;
	if (o->check) {
		rc = 0;
		goto out;
	}
	if (write_site(&r) == -1)
		goto out;
	progress_end();
	if (!o->quiet)
		print_summary(&r);
	rc = 0;
out:
	run_end(&r, rc);
	return rc;
}
