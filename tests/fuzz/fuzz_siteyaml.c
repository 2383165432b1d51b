/*
 * fuzz_siteyaml: the input as DIR/site.yaml through config_load() and
 * config_free(); a configuration that loads then opens its languages'
 * formatters (text_locale_new), as build_run() does next.
 */
#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>

#include "fuzz_common.h"
#include "text/text.h"
#include "input/config.h"

static char *dir, *file;

static void
cleanup(void)
{
	if (dir)
		rm_rf(dir);
	free(dir);
	free(file);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	dir = fz_tempdir("site");
	file = path_join(dir, "site.yaml");
	atexit(cleanup);
	fz_quiet_init();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config *c;
	size_t i;

	fz_quiet_begin();
	diag_reset();
	fz_write_file(file, (const char *)data, size);
	c = config_load(dir);
	if (c != NULL) {
		/* "Returns NULL if any is an error" (config.h). */
		if (diag_errors() != 0 && !fz_lax()) {
			fz_say("fuzz_siteyaml: config_load returned a config "
			    "after reporting an error\n");
			abort();
		}
		if (c->nlangs == 0 || c->deflang >= c->nlangs ||
		    c->base_url == NULL || c->paginate < 1 ||
		    c->feed_size < 1) {
			fz_say("fuzz_siteyaml: config_load returned a config "
			    "that breaks its contract\n");
			abort();
		}
		for (i = 0; i < c->nlangs; i++) {
			const struct language *l = &c->langs[i];
			struct text_locale *tl;
			char *err = NULL;

			if (l->code == NULL || l->locale == NULL ||
			    l->name == NULL || l->title == NULL ||
			    l->calendars == NULL ||
			    config_lang(c, l->code) != (int)i) {
				fz_say("fuzz_siteyaml: a language breaks its "
				    "contract\n");
				abort();
			}
			tl = text_locale_new(l->locale, l->numbers,
			    l->calendars, l->ncalendars, &err);
			text_locale_free(tl);
			free(err);
		}
	}
	config_free(c);
	fz_quiet_end();
	return 0;
}
