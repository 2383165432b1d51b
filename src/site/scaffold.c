/*
 * scaffold.c: see scaffold.h.
 */
#define _GNU_SOURCE
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/util.h"
#include "text/text.h"
#include "base/date.h"
#include "input/config.h"
#include "content/content.h"
#include "site/scaffold.h"

/* The example texts; a language without its own gets the English one. */
struct example {
	const char	*code;
	const char	*site_title;
	const char	*title;
	const char	*entity;	/* the example entity's name */
	const char	*description;
	const char	*body;		/* %s: the language code */
};

static const struct example examples[] = {
	{ "en", "News archive", "Welcome to the archive", "UNESCO",
	  "The United Nations agency for education, science and culture.",
	  "This is the first article of a new archive built with arshif. "
	  "Replace it with your own: `arshif new article --lang %s --title "
	  "\"...\"` writes a new file in the right folder.\n\n"
	  "The names in `entities.yaml`, such as UNESCO, get a page of their "
	  "own that lists every article naming them.\n" },
	{ "ar", "أرشيف الأخبار", "مرحبًا بكم في الأرشيف", "اليونسكو",
	  "وكالة الأمم المتحدة للتربية والعلم والثقافة.",
	  "هذا أول مقال في أرشيف جديد أنشأه arshif. ضع مقالاتك مكانه: "
	  "الأمر `arshif new article --lang %s --title \"...\"` يكتب ملفًا "
	  "جديدًا في المجلد المناسب.\n\n"
	  "للأسماء المذكورة في `entities.yaml`، مثل اليونسكو، صفحة خاصة بكل "
	  "منها تجمع المقالات التي تذكرها.\n" },
	{ "fr", "Archives de la rédaction", "Bienvenue dans les archives",
	  "UNESCO",
	  "L'agence des Nations unies pour l'éducation, la science et la "
	  "culture.",
	  "Voici le premier article d'archives créées avec arshif. "
	  "Remplacez-le par les vôtres : `arshif new article --lang %s "
	  "--title \"...\"` écrit un nouveau fichier au bon endroit.\n\n"
	  "Les noms de `entities.yaml`, comme UNESCO, ont chacun leur page, "
	  "qui réunit les articles qui les citent.\n" },
	{ "fa", "بایگانی خبر", "به بایگانی خوش آمدید", "یونسکو",
	  "سازمان آموزشی، علمی و فرهنگی ملل متحد.",
	  "این نخستین مطلب بایگانی تازه‌ای است که با arshif ساخته شده است. "
	  "مطالب خودتان را به جای آن بگذارید: فرمان `arshif new article "
	  "--lang %s --title \"...\"` پرونده‌ای تازه در پوشهٔ درست "
	  "می‌نویسد.\n\n"
	  "نام‌هایی که در `entities.yaml` آمده‌اند، مانند یونسکو، هر کدام "
	  "صفحه‌ای دارند که مطالبی را که از آن‌ها نام برده‌اند گرد "
	  "می‌آورد.\n" },
};

static const struct example *
example_for(const char *code)
{
	size_t i;

	for (i = 0; i < sizeof(examples) / sizeof(examples[0]); i++)
		if (strcmp(examples[i].code, code) == 0)
			return &examples[i];
	return &examples[0];
}

/* A YAML double-quoted scalar. */
static void
yaml_quoted(struct strbuf *sb, const char *s)
{
	sb_addc(sb, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			sb_addc(sb, '\\');
		sb_addc(sb, *s);
	}
	sb_addc(sb, '"');
}

/* Today in UTC as YYYY-MM-DD; SOURCE_DATE_EPOCH, when set, is "now". */
static void
today(char buf[32])
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	time_t t = time(NULL);
	struct tm tm;

	if (e != NULL && *e) {
		char *end;
		long long v = strtoll(e, &end, 10);

		if (*end == '\0' && v >= 0)
			t = (time_t)v;
	}
	gmtime_r(&t, &tm);
	snprintf(buf, 32, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday);
}

/*
 * Writes a new file (never over an existing one) and prints its path.
 * Returns 0, or -1 after reporting.
 */
static int
write_new(const char *path, const char *data)
{
	size_t len = strlen(data), off = 0;
	char *dir = xstrdup(path), *slash;
	int fd;

	if ((slash = strrchr(dir, '/')) != NULL) {
		*slash = '\0';
		if (*dir && mkdir_p(dir) == -1) {
			diag(DIAG_ERROR, dir, 0, 0, "cannot create folder: %s",
			    strerror(errno));
			free(dir);
			return -1;
		}
	}
	free(dir);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd == -1) {
		diag(DIAG_ERROR, path, 0, 0, "cannot create: %s%s",
		    strerror(errno), errno == EEXIST ? "; choose another "
		    "--slug, or remove the file" : "");
		return -1;
	}
	while (off < len) {
		ssize_t n = write(fd, data + off, len - off);

		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			diag(DIAG_ERROR, path, 0, 0, "cannot write: %s",
			    strerror(errno));
			close(fd);
			unlink(path);
			return -1;
		}
		off += (size_t)n;
	}
	if (close(fd) == -1) {
		diag(DIAG_ERROR, path, 0, 0, "cannot write: %s",
		    strerror(errno));
		unlink(path);
		return -1;
	}
	printf("%s\n", path);
	return 0;
}

/* 1 when dir does not exist or is an empty folder; else reports. */
static int
usable_dir(const char *dir)
{
	struct dirent *de;
	DIR *d;
	int empty = 1;

	if ((d = opendir(dir)) == NULL) {
		if (errno == ENOENT)
			return 1;
		diag(DIAG_ERROR, dir, 0, 0, "cannot use this folder: %s",
		    strerror(errno));
		return 0;
	}
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			empty = 0;
	closedir(d);
	if (!empty)
		diag(DIAG_ERROR, dir, 0, 0, "the folder is not empty; give "
		    "arshif new site a new or empty folder");
	return empty;
}

/* "ar", "pt-BR": the shape config.c takes, and a language ICU knows. */
static int
code_ok(const char *code)
{
	const char *p = code;
	size_t n = 0;

	while (*p >= 'a' && *p <= 'z') {
		p++;
		n++;
	}
	if (n < 2 || n > 3)
		return 0;
	for (; *p; p++)
		if (!(*p == '-' || (*p >= 'a' && *p <= 'z') ||
		    (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))
			return 0;
	return text_locale_known(code);
}

/* Splits "ar,en" into codes; NULL after reporting. */
static char **
split_langs(const char *langs, size_t *np)
{
	char **v = NULL, *copy = xstrdup(langs), *tok, *save = NULL;
	size_t n = 0, i;
	int bad = 0;

	for (tok = strtok_r(copy, ", ", &save); tok;
	    tok = strtok_r(NULL, ", ", &save)) {
		if (!code_ok(tok)) {
			diag(DIAG_ERROR, NULL, 0, 0, "'%s' is not a language "
			    "code ICU knows; use codes such as ar, en, fr, fa",
			    tok);
			bad = 1;
			continue;
		}
		for (i = 0; i < n; i++)
			if (strcmp(v[i], tok) == 0)
				break;
		if (i < n) {
			diag(DIAG_ERROR, NULL, 0, 0, "language '%s' is given "
			    "twice; name each language once", tok);
			bad = 1;
			continue;
		}
		v = xreallocarray(v, n + 2, sizeof(*v));
		v[n++] = xstrdup(tok);
		v[n] = NULL;
	}
	free(copy);
	if (n == 0 && !bad)
		diag(DIAG_ERROR, NULL, 0, 0, "--languages names no language; "
		    "give codes such as ar,en");
	if (bad || n == 0) {
		for (i = 0; i < n; i++)
			free(v[i]);
		free(v);
		return NULL;
	}
	*np = n;
	return v;
}

static void
strv_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

int
scaffold_site(const char *dir, const char *langs)
{
	struct strbuf sb = STRBUF_INIT;
	char **codes, date[32], *path;
	size_t n, i;
	int rc = -1;

	if ((codes = split_langs(langs ? langs : "en", &n)) == NULL)
		return -1;
	if (!usable_dir(dir))
		goto out;
	if (mkdir_p(dir) == -1) {
		diag(DIAG_ERROR, dir, 0, 0, "cannot create folder: %s",
		    strerror(errno));
		goto out;
	}
	today(date);

	sb_adds(&sb, "# The site's settings; arshif(1) describes every key.\n"
	    "title:\n");
	for (i = 0; i < n; i++) {
		sb_addf(&sb, "  %s: ", codes[i]);
		yaml_quoted(&sb, example_for(codes[i])->site_title);
		sb_addc(&sb, '\n');
	}
	sb_addf(&sb, "base_url: \"https://example.org/\"   # where the site "
	    "will live: feeds and the sitemap need it\n"
	    "default_language: %s\n"
	    "languages:\n", codes[0]);
	for (i = 0; i < n; i++)
		sb_addf(&sb, "  - code: %s\n", codes[i]);
	path = path_join(dir, "site.yaml");
	rc = write_new(path, sb_str(&sb));
	free(path);
	sb_reset(&sb);
	if (rc == -1)
		goto out;

	sb_adds(&sb, "# One identity per person, place or organisation, in "
	    "every language.\n"
	    "- id: unesco\n"
	    "  type: organisations\n"
	    "  names:\n");
	for (i = 0; i < n; i++) {
		sb_addf(&sb, "    %s: ", codes[i]);
		yaml_quoted(&sb, example_for(codes[i])->entity);
		sb_addc(&sb, '\n');
	}
	sb_adds(&sb, "  description:\n");
	for (i = 0; i < n; i++) {
		sb_addf(&sb, "    %s: ", codes[i]);
		yaml_quoted(&sb, example_for(codes[i])->description);
		sb_addc(&sb, '\n');
	}
	sb_adds(&sb, "  wikidata: Q7809\n");
	path = path_join(dir, "entities.yaml");
	rc = write_new(path, sb_str(&sb));
	free(path);
	sb_reset(&sb);
	if (rc == -1)
		goto out;

	for (i = 0; i < n && rc == 0; i++) {
		const struct example *ex = example_for(codes[i]);
		char *slug = text_slug(ex->title, text_is_latin(codes[i]) ?
		    SLUG_ASCII : SLUG_UNICODE);
		char *rel = xasprintf("content/%s/%.4s/%s.md", codes[i], date,
		    slug);

		sb_adds(&sb, "---\ntitle: ");
		yaml_quoted(&sb, ex->title);
		sb_addf(&sb, "\ndate: %s\ntranslation_key: welcome\n---\n\n",
		    date);
		sb_addf(&sb, ex->body, codes[i]);
		path = path_join(dir, rel);
		rc = write_new(path, sb_str(&sb));
		sb_reset(&sb);
		free(path);
		free(rel);
		free(slug);
	}
out:
	sb_free(&sb);
	strv_free(codes, n);
	return rc;
}

/*
 * The language of an article from where it lies: the first folder
 * below the site's content/.  Returns its index, or -1 after reporting.
 */
static int
lang_of_path(const struct config *c, const char *path)
{
	char *content = path_join(c->source, "content");
	char rc_buf[PATH_MAX], ra_buf[PATH_MAX], *code, *slash;
	size_t n;
	int l = -1;

	if (realpath(content, rc_buf) == NULL ||
	    realpath(path, ra_buf) == NULL) {
		diag(DIAG_ERROR, path, 0, 0, "cannot read: %s; give the path "
		    "of an article of this site", strerror(errno));
		free(content);
		return -1;
	}
	free(content);
	n = strlen(rc_buf);
	if (strncmp(ra_buf, rc_buf, n) != 0 || ra_buf[n] != '/') {
		diag(DIAG_ERROR, path, 0, 0, "the article is not under the "
		    "site's content/ folder; give one of this site's articles "
		    "(or -s for its site)");
		return -1;
	}
	code = ra_buf + n + 1;
	if ((slash = strchr(code, '/')) != NULL)
		*slash = '\0';
	if (slash == NULL || (l = config_lang(c, code)) < 0) {
		diag(DIAG_ERROR, path, 0, 0, "the article is not in a "
		    "language folder (content/<lang>/); move it there first");
		return -1;
	}
	return l;
}

/*
 * Adds "translation_key: key" as the last line of the front matter of
 * the article in buf, which article_parse() accepted.  Returns 0, or
 * -1 after reporting.
 */
static int
add_tkey(const char *path, const char *buf, const char *key)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p = buf, *fm_end = NULL;
	char *tmp;
	int fd, rc = -1;
	size_t len;

	if (strncmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	p = strchr(p, '\n');	/* past the opening line */
	while (p != NULL) {
		const char *q = p + 1, *e;

		e = strchr(q, '\n');
		if (e == NULL)
			e = q + strlen(q);
		while (e > q && (e[-1] == '\r' || e[-1] == ' ' ||
		    e[-1] == '\t'))
			e--;
		if (e - q == 3 && (strncmp(q, "---", 3) == 0 ||
		    strncmp(q, "...", 3) == 0)) {
			fm_end = q;
			break;
		}
		p = strchr(q, '\n');
	}
	if (fm_end == NULL) {
		diag(DIAG_ERROR, path, 0, 0, "cannot find the end of the "
		    "front matter; add translation_key: by hand");
		return -1;
	}
	sb_add(&sb, buf, (size_t)(fm_end - buf));
	sb_adds(&sb, "translation_key: ");
	yaml_quoted(&sb, key);
	sb_adds(&sb, fm_end > buf + 1 && fm_end[-2] == '\r' ? "\r\n" : "\n");
	sb_adds(&sb, fm_end);
	/* Written beside it, then renamed: the original is never half written. */
	tmp = xasprintf("%s.arshif-new", path);
	len = sb.len;
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd != -1 && write(fd, sb.s, len) == (ssize_t)len &&
	    close(fd) == 0) {
		fd = -1;
		if (rename(tmp, path) == 0)
			rc = 0;
	}
	if (rc == -1) {
		diag(DIAG_ERROR, path, 0, 0, "cannot add its translation_key: "
		    "%s; add translation_key: %s by hand", strerror(errno),
		    key);
		if (fd != -1)
			close(fd);
		unlink(tmp);
	} else
		diag(DIAG_NOTE, path, 0, 0, "added translation_key: %s", key);
	free(tmp);
	sb_free(&sb);
	return rc;
}

/* The original of a translation: its key (made if missing) and date. */
static int
original(const struct config *c, const char *path, int lang, char **key,
    struct date *date)
{
	struct article *a;
	size_t len;
	char *buf;
	int l;

	if ((l = lang_of_path(c, path)) < 0)
		return -1;
	if ((buf = file_read(path, ARTICLE_MAX_BYTES, &len)) == NULL) {
		diag(DIAG_ERROR, path, 0, 0, "cannot read: %s",
		    strerror(errno));
		return -1;
	}
	if ((a = article_parse(c, path, buf, len, l)) == NULL) {
		free(buf);
		return -1;
	}
	if ((int)a->lang == lang) {
		diag(DIAG_ERROR, path, 0, 0, "this article is in %s already; "
		    "a translation is in another language",
		    c->langs[lang].code);
		goto fail;
	}
	*date = a->date;
	if (a->tkey != NULL)
		*key = xstrdup(a->tkey);
	else {
		*key = xstrdup(a->slug);
		if (add_tkey(path, buf, *key) == -1) {
			free(*key);
			*key = NULL;
			goto fail;
		}
	}
	article_free(a);
	free(buf);
	return 0;
fail:
	article_free(a);
	free(buf);
	return -1;
}

int
scaffold_article(const struct scaffold_article *o)
{
	struct config *c;
	struct strbuf sb = STRBUF_INIT;
	struct date d, od;
	char *title = NULL, *slug = NULL, *key = NULL, *rel = NULL, *path;
	char datebuf[40];
	const char *why;
	int lang, at, rc = -1;

	if ((c = config_load(o->source)) == NULL)
		return -1;
	if ((lang = config_lang(c, o->lang)) < 0) {
		diag(DIAG_ERROR, c->path, 0, 0, "the site has no language "
		    "'%s'; add it to languages: first", o->lang);
		goto out;
	}
	if (!text_utf8_valid(o->title, strlen(o->title), NULL)) {
		diag(DIAG_ERROR, NULL, 0, 0, "the title is not valid UTF-8; "
		    "check the terminal's encoding");
		goto out;
	}
	title = text_nfc(o->title);
	text_strip_controls(title, 0, 1);
	if (title[strspn(title, " \t")] == '\0') {
		diag(DIAG_ERROR, NULL, 0, 0, "the title is empty; give one "
		    "with --title");
		goto out;
	}
	memset(&od, 0, sizeof(od));
	if (o->translation_of != NULL &&
	    original(c, o->translation_of, lang, &key, &od) == -1)
		goto out;
	if (o->date != NULL) {
		if (date_parse(o->date, &d, &why, &at) == -1) {
			diag(DIAG_ERROR, NULL, 0, 0, "--date '%s': %s; write "
			    "YYYY-MM-DD", o->date, why);
			goto out;
		}
		snprintf(datebuf, sizeof(datebuf), "%s", o->date);
	} else if (o->translation_of != NULL) {
		d = od;
		date_iso(&d, datebuf);
	} else {
		today(datebuf);
		date_parse(datebuf, &d, &why, &at);
	}
	if (o->slug != NULL) {
		slug = text_slug(o->slug, c->langs[lang].slugs);
		if (strcmp(slug, o->slug) != 0) {
			diag(DIAG_ERROR, NULL, 0, 0, "--slug '%s' is not one "
			    "URL segment as arshif writes them; use '%s'",
			    o->slug, slug);
			goto out;
		}
	} else
		slug = text_slug(title, c->langs[lang].slugs);
	if (slug[0] == '\0') {
		diag(DIAG_ERROR, NULL, 0, 0, "the title '%s' gives no letter "
		    "or digit for a file name; give one with --slug", title);
		goto out;
	}
	rel = xasprintf("content/%s/%04d/%s.md", c->langs[lang].code, d.y,
	    slug);
	sb_adds(&sb, "---\ntitle: ");
	yaml_quoted(&sb, title);
	sb_addf(&sb, "\ndate: %s\n", datebuf);
	if (o->slug != NULL)
		sb_addf(&sb, "slug: %s\n", slug);
	if (key != NULL) {
		sb_adds(&sb, "translation_key: ");
		yaml_quoted(&sb, key);
		sb_addc(&sb, '\n');
	}
	sb_adds(&sb, "---\n\n");
	/* Shown as the user would type it: no "./" in front. */
	path = strcmp(o->source, ".") == 0 ? xstrdup(rel) :
	    path_join(o->source, rel);
	rc = write_new(path, sb_str(&sb));
	free(path);
out:
	sb_free(&sb);
	free(title);
	free(slug);
	free(key);
	free(rel);
	config_free(c);
	return rc;
}
