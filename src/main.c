/*
 * main.c: the command line.  The only place that picks exit statuses:
 * 0 success, 1 errors in the site, 2 wrong usage.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "text/text.h"
#include "site/build.h"
#include "serve/serve.h"
#include "site/scaffold.h"


static void
usage(FILE *f)
{
	fputs("usage: arshif <command> [options]\n"
	    "\n"
	    "A static site generator for multilingual news archives.\n"
	    "\n"
	    "commands:\n"
	    "  build    build the site in SOURCE into OUTPUT\n"
	    "  check    run every validation of build, write nothing\n"
	    "  serve    build, serve on 127.0.0.1 and rebuild on changes\n"
	    "  new      start a site (new site DIR) or an article (new article)\n"
	    "\n"
	    "  arshif <command> --help   options of a command\n"
	    "  arshif --version          version\n", f);
}

static void
usage_build(FILE *f, const char *cmd)
{
	fprintf(f, "usage: arshif %s [options]\n"
	    "\n"
	    "  -s, --source DIR   the site folder (site.yaml, content/); "
	    "default .\n", cmd);
	if (strcmp(cmd, "build") == 0)
		fputs("  -o, --output DIR   where the site goes; default "
		    "SOURCE/public\n"
		    "      --clean        replace an output folder arshif did "
		    "not make\n", f);
	if (strcmp(cmd, "serve") == 0)
		fputs("  -p, --port N       port; default 1313, or the next "
		    "free one\n"
		    "  -b, --bind ADDR    address; default 127.0.0.1\n", f);
	fputs("      --drafts       include articles with draft: true\n"
	    "      --future       include articles dated after now\n"
	    "      --strict       treat warnings as errors\n"
	    "      --no-cache     neither read nor write the build cache\n"
	    "      --cache-dir DIR  the build cache; default "
	    "SOURCE/.arshif-cache\n"
	    "  -q, --quiet        print diagnostics only: no progress, no "
	    "summary\n"
	    "      --diagnostics=FORMAT  text (default), json or github\n"
	    "  -h, --help         this help\n", f);
}

static void
usage_new(FILE *f)
{
	fputs("usage: arshif new site DIR [--languages ar,en]\n"
	    "       arshif new article --lang L --title T [--date YYYY-MM-DD]\n"
	    "                          [--slug S] [--translation-of PATH] "
	    "[-s DIR]\n"
	    "\n"
	    "  --languages CODES     the new site's languages; default en\n"
	    "  --lang L              the article's language (one of the "
	    "site's)\n"
	    "  --title T             its title, in any script\n"
	    "  --date D              its date; default today (or the "
	    "original's)\n"
	    "  --slug S              its URL segment; default from the "
	    "title\n"
	    "  --translation-of PATH the article it translates\n"
	    "  -s, --source DIR      the site folder; default .\n", f);
}

/* Returns 1 and sets the format when s names one; else 0. */
static int
set_diagnostics(const char *s)
{
	if (strcmp(s, "text") == 0)
		diag_set_format(DIAG_FORMAT_TEXT);
	else if (strcmp(s, "json") == 0)
		diag_set_format(DIAG_FORMAT_JSON);
	else if (strcmp(s, "github") == 0)
		diag_set_format(DIAG_FORMAT_GITHUB);
	else {
		fprintf(stderr, "arshif: --diagnostics takes text, json or "
		    "github, not '%s'\n", s);
		return 0;
	}
	return 1;
}

enum { OPT_LANGUAGES = 256, OPT_LANG, OPT_TITLE, OPT_DATE, OPT_SLUG,
	OPT_TRANSLATION_OF, OPT_DIAGNOSTICS };

/* arshif new site|article ... */
static int
cmd_new(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "languages", required_argument, NULL, OPT_LANGUAGES },
		{ "lang", required_argument, NULL, OPT_LANG },
		{ "title", required_argument, NULL, OPT_TITLE },
		{ "date", required_argument, NULL, OPT_DATE },
		{ "slug", required_argument, NULL, OPT_SLUG },
		{ "translation-of", required_argument, NULL,
		    OPT_TRANSLATION_OF },
		{ "source", required_argument, NULL, 's' },
		{ "diagnostics", required_argument, NULL, OPT_DIAGNOSTICS },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct scaffold_article a;
	const char *what, *langs = NULL;
	int ch, site, rc;

	if (argc < 3 || strcmp(argv[2], "--help") == 0 ||
	    strcmp(argv[2], "-h") == 0) {
		usage_new(argc < 3 ? stderr : stdout);
		return argc < 3 ? 2 : 0;
	}
	what = argv[2];
	if (strcmp(what, "site") != 0 && strcmp(what, "article") != 0) {
		fprintf(stderr, "arshif: new makes a 'site' or an 'article', "
		    "not '%s'\n", what);
		usage_new(stderr);
		return 2;
	}
	site = strcmp(what, "site") == 0;
	memset(&a, 0, sizeof(a));
	a.source = ".";
	optind = 3;
	while ((ch = getopt_long(argc, argv, "s:h", opts, NULL)) != -1) {
		switch (ch) {
		case OPT_LANGUAGES:
			if (!site)
				goto bad;
			langs = optarg;
			break;
		case OPT_LANG:
		case OPT_TITLE:
		case OPT_DATE:
		case OPT_SLUG:
		case OPT_TRANSLATION_OF:
		case 's':
			if (site)
				goto bad;
			if (ch == OPT_LANG)
				a.lang = optarg;
			else if (ch == OPT_TITLE)
				a.title = optarg;
			else if (ch == OPT_DATE)
				a.date = optarg;
			else if (ch == OPT_SLUG)
				a.slug = optarg;
			else if (ch == OPT_TRANSLATION_OF)
				a.translation_of = optarg;
			else
				a.source = optarg;
			break;
		case OPT_DIAGNOSTICS:
			if (!set_diagnostics(optarg))
				return 2;
			break;
		case 'h':
			usage_new(stdout);
			return 0;
		default:
			goto bad;
		}
	}
	if (site) {
		if (optind + 1 != argc) {
			fputs("arshif: new site takes one folder\n", stderr);
			goto bad;
		}
		rc = scaffold_site(argv[optind], langs);
	} else {
		if (optind < argc) {
			fprintf(stderr, "arshif: unexpected argument '%s'\n",
			    argv[optind]);
			goto bad;
		}
		if (a.lang == NULL || a.title == NULL) {
			fputs("arshif: new article needs --lang and --title\n",
			    stderr);
			goto bad;
		}
		rc = scaffold_article(&a);
	}
	text_cleanup();
	return rc == 0 ? 0 : 1;
bad:
	usage_new(stderr);
	return 2;
}

/*
 * Reads the options of build, check or serve (cmd) into o and so.
 * Returns -1 when the build may go on, else the exit status: 0 after
 * --help, 2 after wrong usage (reported).
 */
static int
read_build_opts(const char *cmd, int argc, char *argv[],
    struct build_opts *o, struct serve_opts *so)
{
	static const struct option opts[] = {
		{ "source", required_argument, NULL, 's' },
		{ "output", required_argument, NULL, 'o' },
		{ "port", required_argument, NULL, 'p' },
		{ "bind", required_argument, NULL, 'b' },
		{ "drafts", no_argument, NULL, 'D' },
		{ "future", no_argument, NULL, 'F' },
		{ "strict", no_argument, NULL, 'S' },
		{ "clean", no_argument, NULL, 'C' },
		{ "no-cache", no_argument, NULL, 'N' },
		{ "cache-dir", required_argument, NULL, 'K' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "diagnostics", required_argument, NULL, OPT_DIAGNOSTICS },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	optind = 2;
	while ((ch = getopt_long(argc, argv, "s:o:p:b:qh", opts, NULL)) != -1) {
		switch (ch) {
		case 's':
			o->source = optarg;
			break;
		case 'o':
			if (strcmp(cmd, "build") != 0)
				goto bad;
			o->output = optarg;
			break;
		case 'p': {
			char *end;
			long p = strtol(optarg, &end, 10);

			if (strcmp(cmd, "serve") != 0 || *end || p < 1 ||
			    p > 65535) {
				fprintf(stderr, "arshif: --port takes a "
				    "number from 1 to 65535\n");
				return 2;
			}
			so->port = (int)p;
			break;
		}
		case 'b':
			if (strcmp(cmd, "serve") != 0)
				goto bad;
			so->bind = optarg;
			break;
		case 'D':
			o->drafts = 1;
			break;
		case 'F':
			o->future = 1;
			break;
		case 'S':
			diag_set_strict(1);
			break;
		case 'C':
			if (strcmp(cmd, "build") != 0)
				goto bad;
			o->clean = 1;
			break;
		case 'N':
			o->no_cache = 1;
			break;
		case 'K':
			o->cache_dir = optarg;
			break;
		case 'q':
			o->quiet = 1;
			break;
		case OPT_DIAGNOSTICS:
			if (!set_diagnostics(optarg))
				return 2;
			break;
		case 'h':
			usage_build(stdout, cmd);
			return 0;
		default:
			goto bad;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "arshif: unexpected argument '%s'\n",
		    argv[optind]);
		goto bad;
	}
	return -1;
bad:
	usage_build(stderr, cmd);
	return 2;
}

/* arshif build|check|serve ... */
static int
cmd_build(const char *cmd, int argc, char *argv[])
{
	struct build_opts o;
	struct serve_opts so;
	char *theme;
	int rc;

	memset(&o, 0, sizeof(o));
	memset(&so, 0, sizeof(so));
	o.source = ".";
	so.bind = "127.0.0.1";
	if ((rc = read_build_opts(cmd, argc, argv, &o, &so)) != -1)
		return rc;
	theme = build_theme_dir();
	o.theme = theme;
	o.check = strcmp(cmd, "check") == 0;
	if (strcmp(cmd, "serve") == 0) {
		so.build = o;
		rc = serve_run(&so);
	} else {
		rc = build_run(&o);
		if (rc == 0 && o.check && !o.quiet)
			printf("arshif: no errors, %ld warning%s\n",
			    diag_warnings(), diag_warnings() == 1 ? "" : "s");
	}
	free(theme);
	text_cleanup();
	return rc;
}

int
main(int argc, char *argv[])
{
	const char *cmd;

	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	cmd = argv[1];
	if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
		printf("arshif %s\n", arshif_version);
		return 0;
	}
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
	    strcmp(cmd, "help") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(cmd, "new") == 0)
		return cmd_new(argc, argv);
	if (strcmp(cmd, "build") != 0 && strcmp(cmd, "check") != 0 &&
	    strcmp(cmd, "serve") != 0) {
		fprintf(stderr, "arshif: unknown command '%s'\n", cmd);
		usage(stderr);
		return 2;
	}
	return cmd_build(cmd, argc, argv);
}
