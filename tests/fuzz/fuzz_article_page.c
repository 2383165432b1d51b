/*
 * fuzz_article_page: one article from its bytes to every page of a site
 * that holds only it, as build_run() does (src/build.c) without the file
 * walk: article_parse, archive_build, content_images, plan_new and
 * render_pages, each planned file checked to come out once, nothing
 * written to disk.  The default theme
 * (templates/ and templates/i18n/ of the repository) and the locales are
 * loaded once.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "fuzz_common.h"
#include "text/text.h"
#include "input/config.h"
#include "content/content.h"
#include "model/archive.h"
#include "tmpl/tmpl.h"
#include "input/i18n.h"
#include "plan/plan.h"
#include "render/render.h"

static struct config *cfg;
static struct text_locale **locs;
static struct tmpl_cache *tc;
static struct i18n *t18;
static char *tmpdir, *outdir, *tdir, *idir, *siteyaml;

static void
cleanup(void)
{
	size_t i;

	i18n_free(t18);
	tmpl_cache_free(tc);
	for (i = 0; cfg && locs && i < cfg->nlangs; i++)
		text_locale_free(locs[i]);
	free(locs);
	config_free(cfg);
	free(tdir);
	free(idir);
	free(siteyaml);
	if (tmpdir)
		rm_rf(tmpdir);
	free(tmpdir);
	free(outdir);
}

static void
die(const char *what)
{
	fprintf(stderr, "fuzz_article_page: %s\n", what);
	abort();
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char *f;
	size_t i;

	tmpdir = fz_tempdir("page");
	f = path_join(tmpdir, "site.yaml");
	fz_write_file(f, fz_site_yaml, sizeof(fz_site_yaml) - 1);
	free(f);
	outdir = path_join(tmpdir, "public");
	atexit(cleanup);
	if ((cfg = config_load(tmpdir)) == NULL)
		die("config_load failed");
	locs = xcalloc(cfg->nlangs, sizeof(*locs));
	for (i = 0; i < cfg->nlangs; i++) {
		const struct language *l = &cfg->langs[i];
		char *err = NULL;

		locs[i] = text_locale_new(l->locale, l->numbers, l->calendars,
		    l->ncalendars, &err);
		if (locs[i] == NULL)
			die(err ? err : "text_locale_new failed");
	}
	tdir = path_join(fz_root(), "templates");
	if (!is_dir(tdir))
		die("no templates folder; set ARSHIF_ROOT to the repository");
	tc = tmpl_cache_new(tdir);
	for (i = 0; render_templates[i]; i++)
		if (tmpl_cache_load(tc, render_templates[i]) == -1)
			die("a template of the default theme does not load");
	tmpl_cache_freeze(tc);
	idir = path_join(tdir, "i18n");
	if ((t18 = i18n_load(cfg, idir, locs)) == NULL)
		die("i18n_load failed");
	siteyaml = path_join(tmpdir, "site.yaml");
	if (diag_errors() > 0)
		die("the theme reports errors");
	fz_quiet_init();
	return 0;
}

/*
 * render_put_fn: every planned file must come out once.  Pages render
 * on several threads, so the map is guarded.
 */
static pthread_mutex_t seen_lock = PTHREAD_MUTEX_INITIALIZER;

static int
put(void *arg, const struct plan_page *p, const char *data, size_t len)
{
	int dup;

	(void)data;
	(void)len;
	pthread_mutex_lock(&seen_lock);
	dup = hmap_put(arg, p->file, (void *)p) != NULL;
	pthread_mutex_unlock(&seen_lock);
	if (dup) {
		fz_say("fuzz_article_page: two planned files share a path\n");
		abort();
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct corpus cp = { NULL, 0, 0, 0, 0, 0 };
	struct archive ar;
	struct article *a;
	struct plan *plan = NULL;
	size_t *todo = NULL, i;

	fz_quiet_begin();
	diag_reset();
	memset(&ar, 0, sizeof(ar));
	/* The bytes as they are, not NUL-terminated: only len are its own. */
	a = article_parse(cfg, "content/ar/x.md", (const char *)data, size, 0);
	if (a == NULL)
		goto done;
	/* As with --drafts: a draft is rendered too. */
	cp.arts = xcalloc(1, sizeof(*cp.arts));
	cp.arts[0] = a;
	cp.n = 1;
	/* It may refuse the article (an entity name with no letter...). */
	if (archive_build(cfg, NULL, &cp, locs, &ar) == -1 || diag_errors() > 0)
		goto done;
	/* An image it names is not there: a site error, not a crash. */
	if (content_images(cfg, &cp) == -1)
		goto done;
	{
		struct plan_inputs in = { siteyaml, tdir, idir, NULL, NULL };
		struct render_ctx x = { cfg, &ar, NULL, tc, t18, NULL };
		struct hmap *seen = hmap_new();

		plan = plan_new(cfg, &ar, &in);
		x.plan = plan;
		todo = xcalloc(plan->n + 1, sizeof(*todo));
		for (i = 0; i < plan->n; i++)
			todo[i] = i;
		if (render_pages(&x, todo, plan->n, put, seen) == -1 ||
		    diag_errors() > 0) {
			/*
			 * An article that parsed must give a site: a render
			 * error here is a page the writer cannot fix (two
			 * pages on one path, a template failing).
			 */
			fz_say("fuzz_article_page: rendering failed on an "
			    "article that parsed\n");
			abort();
		}
		hmap_free(seen);
	}
done:
	free(todo);
	plan_free(plan);
	archive_free(&ar);
	corpus_free(&cp);
	fz_quiet_end();
	return 0;
}
