/*
 * fuzz_frontmatter: one article file (front matter and Markdown body)
 * through article_parse(), as content/ar/x.md of a two-language site.
 */
#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>

#include "fuzz_common.h"
#include "input/config.h"
#include "content/content.h"

static struct config *cfg;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char *dir = fz_tempdir("fm"), *f = path_join(dir, "site.yaml");

	fz_write_file(f, fz_site_yaml, sizeof(fz_site_yaml) - 1);
	cfg = config_load(dir);
	if (cfg == NULL) {
		fprintf(stderr, "fuzz_frontmatter: config_load(%s) failed\n",
		    dir);
		abort();
	}
	rm_rf(dir);
	free(f);
	free(dir);
	fz_quiet_init();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct article *a;

	fz_quiet_begin();
	diag_reset();
	/* The bytes as they are, not NUL-terminated: only len are its own. */
	a = article_parse(cfg, "content/ar/x.md", (const char *)data, size, 0);
	if (a != NULL) {
		/* What a parsed article promises (content.h). */
		if (a->slug == NULL || a->slug[0] == '\0' || a->title == NULL ||
		    a->html == NULL || a->text == NULL || a->summary == NULL ||
		    a->extra == NULL ||
		    a->lang >= cfg->nlangs) {
			fz_say("fuzz_frontmatter: article_parse returned an "
			    "article that breaks its contract\n");
			abort();
		}
		/* "Returns NULL after reporting every error" (content.h). */
		if (diag_errors() != 0 && !fz_lax()) {
			fz_say("fuzz_frontmatter: article_parse returned an "
			    "article after reporting an error\n");
			abort();
		}
		if (strchr(a->slug, '/') || a->slug[0] == '.') {
			fz_say("fuzz_frontmatter: unsafe slug\n");
			abort();
		}
	}
	article_free(a);
	fz_quiet_end();
	return 0;
}
