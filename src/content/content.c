/*
 * content.c: see content.h.  The loader: the walk of content/, the
 * parse of its files on every processor (each from the build cache
 * when it can be), the cache's records written back, and the corpus
 * that holds the result.
 */
#define _GNU_SOURCE
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/util.h"
#include "base/parallel.h"
#include "base/progress.h"
#include "text/text.h"
#include "input/config.h"
#include "input/registry.h"
#include "cache/cache.h"
#include "content/content.h"
#include "content/content_int.h"

/*
 * A file whose status changed less than this before it was read may
 * change again within the same timestamp tick (coarse clocks, FAT's 2
 * seconds): its stat is recorded but not trusted, so the next build
 * hashes it again.
 */
#define RACY_NS 2000000000LL

void
corpus_free(struct corpus *cp)
{
	size_t i;

	for (i = 0; i < cp->n; i++)
		article_free(cp->arts[i]);
	free(cp->arts);
	cp->arts = NULL;
	cp->n = 0;
}

size_t
corpus_drop_future(struct corpus *cp, long long now)
{
	struct article *next = NULL;
	size_t i, n = 0, dropped = 0;

	for (i = 0; i < cp->n; i++) {
		struct article *a = cp->arts[i];

		if (date_epoch(&a->date) <= now) {
			cp->arts[n++] = a;
			continue;
		}
		dropped++;
		if (next == NULL || date_epoch(&a->date) <
		    date_epoch(&next->date) || (date_epoch(&a->date) ==
		    date_epoch(&next->date) && strcmp(a->path, next->path) < 0)) {
			article_free(next);
			next = a;
		} else
			article_free(a);
	}
	cp->n = n;
	if (next != NULL) {
		char when[32];

		date_iso(&next->date, when);
		diag(DIAG_NOTE, NULL, 0, 0, "%zu article%s dated after now %s "
		    "not published (the next: %s, %s); --future builds them",
		    dropped, dropped == 1 ? "" : "s", dropped == 1 ? "is" :
		    "are", next->path, when);
		article_free(next);
	}
	return dropped;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
content_link_escapes(const char *root, const char *path, char **to)
{
	struct stat st;
	char *r;
	size_t n = strlen(root);

	*to = NULL;
	if (lstat(path, &st) == -1 || !S_ISLNK(st.st_mode))
		return 0;
	if ((r = realpath(path, NULL)) == NULL)
		return 0;
	if (strncmp(r, root, n) == 0 && (r[n] == '/' || r[n] == '\0' ||
	    strcmp(root, "/") == 0)) {
		free(r);
		return 0;
	}
	*to = r;
	return 1;
}

void
content_report_escape(const char *shown, const char *to)
{
	diag(DIAG_ERROR, shown, 0, 0, "this symbolic link leads out of the "
	    "site folder (to %s), whose files are not published; copy the "
	    "file into the site, or set follow_symlinks: true in site.yaml",
	    to);
}

/* A file name shown safely: bytes that are not UTF-8 become \xNN. */
static char *
show_name(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	size_t bad, len = strlen(s);

	while (!text_utf8_valid(s, len, &bad)) {
		sb_add(&sb, s, bad);
		sb_addf(&sb, "\\x%02x", (unsigned char)s[bad]);
		s += bad + 1;
		len -= bad + 1;
	}
	sb_add(&sb, s, len);
	return sb_detach(&sb);
}

/* A file to parse, or a place where the walk had something to say. */
struct entry {
	char		*full;		/* NULL: diagnostics only */
	char		*shown;
	int		 lang;
	struct diag_buf	 diags;		/* held, printed in path order */
	struct article	*art;		/* the result */
	int		 bad;
	/* With a cache: */
	char		*rel;		/* below content/: the file's record */
	struct cache_stat st;		/* as the walk found it */
	unsigned char	 hash[CACHE_HASH_LEN];
	unsigned char	 key[CACHE_HASH_LEN];
	int		 keyed;		/* key names a good parse of this file */
	int		 cached;	/* the parse came from the cache */
	int		 put_file;	/* its record is to be (re)written */
	int		 trusted;
	int		 put_parse;	/* parsed now: to be stored */
	int		 drop;		/* a draft, not built: dropped once stored */
	int		 unstatted;	/* st is still to be filled, by the worker */
	struct diag_list dl;		/* what its parse reported, to store */
};

struct walk {
	const struct config	*c;
	const struct registry	*reg;
	struct cache		*cache;		/* or NULL */
	int			 drafts;
	struct entry		*e;		/* in path order */
	size_t			 n, cap;
	atomic_size_t		 next;		/* the next entry to parse */
	atomic_llong		 mention_ns;	/* time matching names, all workers */
	dev_t			 devs[64];	/* folders on the current path */
	ino_t			 inos[64];
	int			 depth;
	int			 bad;
	char			*root;		/* the site folder, resolved; NULL: links may leave it */
};

/* A new entry; what the walk reports until the next one is held in it. */
static struct entry *
add_entry(struct walk *w, const char *full, const char *shown, int lang)
{
	struct entry *e;

	/* Doubling: 100,000 files must not mean 100,000 reallocations. */
	if (w->n == w->cap) {
		w->cap = w->cap ? 2 * w->cap : 256;
		w->e = xreallocarray(w->e, w->cap, sizeof(*w->e));
	}
	e = &w->e[w->n++];
	memset(e, 0, sizeof(*e));
	e->full = full ? xstrdup(full) : NULL;
	e->shown = xstrdup(shown);
	e->lang = lang;
	return e;
}

/* The parse stored under e->key, if there is a good one: 1, else 0. */
static int
from_cache(struct walk *w, struct entry *e)
{
	struct diag_list dl = { NULL, 0 };
	struct article *a;

	cache_parse_key(w->cache, e->hash, e->lang, e->key);
	if ((a = codec_article_get(w->cache, e->key, e->shown, w->reg,
	    &dl)) == NULL) {
		diag_list_free(&dl);
		return 0;
	}
	a->lazy = xcalloc(1, sizeof(*a->lazy));
	a->lazy->cache = w->cache;
	a->lazy->c = w->c;
	a->lazy->full = xstrdup(e->full);
	a->lazy->lang = e->lang;
	memcpy(a->lazy->key, e->key, CACHE_HASH_LEN);
	memcpy(a->lazy->hash, e->hash, CACHE_HASH_LEN);
	/* Reported again as the parse reported them: same text, same order. */
	diag_replay(&dl, e->shown);
	diag_list_free(&dl);
	e->cached = e->keyed = 1;
	if (a->draft && !w->drafts)
		article_free(a);
	else
		e->art = a;
	return 1;
}

int64_t
content_ns_of(struct timespec t)
{
	return (int64_t)t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* Reads, parses and matches one entry; runs on any worker. */
static void
load_entry(struct walk *w, struct entry *e)
{
	struct timespec now;
	size_t len;
	char *buf;

	/* Stats on every worker: one per file, 100,000 of them in a large archive. */
	if (w->cache != NULL && e->unstatted) {
		struct stat st;

		if (stat(e->full, &st) == -1) {
			diag(DIAG_ERROR, e->shown, 0, 0, "cannot read: %s%s",
			    strerror(errno), errno == ELOOP ?
			    "; remove the symbolic link loop" : "");
			e->bad = 1;
			return;
		}
		if (!S_ISREG(st.st_mode))	/* replaced since the walk */
			return;
		e->st.size = (uint64_t)st.st_size;
		e->st.dev = (uint64_t)st.st_dev;
		e->st.ino = (uint64_t)st.st_ino;
		e->st.mtime_ns = content_ns_of(st.st_mtim);
		e->st.ctime_ns = content_ns_of(st.st_ctim);
		e->unstatted = 0;
	}
	if (w->cache != NULL && cache_file_match(w->cache, e->rel, &e->st,
	    e->hash) && from_cache(w, e))
		return;
	clock_gettime(CLOCK_REALTIME, &now);
	buf = file_read(e->full, ARTICLE_MAX_BYTES, &len);
	if (buf == NULL) {
		if (errno == EFBIG)
			diag(DIAG_ERROR, e->shown, 0, 0, "the file is larger "
			    "than %d MiB; split it, an article this long is "
			    "probably not one", ARTICLE_MAX_BYTES >> 20);
		else
			diag(DIAG_ERROR, e->shown, 0, 0, "cannot read: %s; "
			    "check its permissions", strerror(errno));
		e->bad = 1;
		return;
	}
	if (w->cache != NULL) {
		cache_hash(buf, len, e->hash);
		e->put_file = 1;
		e->trusted = e->st.ctime_ns < content_ns_of(now) - RACY_NS;
		if (from_cache(w, e)) {
			free(buf);
			return;
		}
		diag_record(&e->dl);
	}
	e->art = article_parse(w->c, e->shown, buf, len, e->lang);
	free(buf);
	if (w->cache != NULL) {
		diag_record(NULL);
		diag_replay(&e->dl, e->shown);
	}
	if (e->art == NULL) {
		e->bad = 1;
		return;
	}
	if (e->art->draft && !w->drafts) {
		/* Stored whole all the same, for a build with --drafts. */
		if (w->cache == NULL) {
			article_free(e->art);
			e->art = NULL;
			return;
		}
		e->drop = 1;
	}
	e->keyed = e->put_parse = w->cache != NULL;
	/* Matching names is most of an article's cost: done here, in parallel. */
	if (w->reg != NULL && w->c->mentions) {
		struct timespec t0, t1;

		clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
		e->art->nmentions = registry_mentions(w->reg, e->art->lang,
		    e->art->text, &e->art->mentions, 0);
		e->art->mentions_done = 1;
		clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t1);
		atomic_fetch_add(&w->mention_ns, (long long)(t1.tv_sec -
		    t0.tv_sec) * 1000000000LL + (t1.tv_nsec - t0.tv_nsec));
	}
}

static void *
parse_worker(void *arg)
{
	struct walk *w = arg;
	size_t i;

	while ((i = atomic_fetch_add(&w->next, 1)) < w->n) {
		struct entry *e = &w->e[i];

		if (e->full != NULL) {
			diag_hold(&e->diags);
			load_entry(w, e);
			diag_hold(NULL);
		}
		progress_add(1);
	}
	text_thread_done();
	return NULL;
}

/*
 * Opens the folder full (rel below content/) unless it cannot be read,
 * or is one of the folders above it again (a symbolic link loop), or
 * lies too deep: those are reported, and NULL returned.  Sets *st.
 */
static DIR *
open_dir(struct walk *w, const char *full, const char *rel, int lang,
    struct stat *st)
{
	DIR *d;
	int k;

	if (stat(full, st) == -1 || (d = opendir(full)) == NULL) {
		char *shown = config_path(w->c, *rel ? rel : "content");
		int err = errno;

		diag_hold(&add_entry(w, NULL, shown, lang)->diags);
		diag(DIAG_ERROR, shown, 0, 0, "cannot read folder: %s",
		    strerror(err));
		diag_hold(NULL);
		free(shown);
		w->bad = 1;
		return NULL;
	}
	for (k = 0; k < w->depth; k++)
		if (w->devs[k] == st->st_dev && w->inos[k] == st->st_ino)
			break;
	if (k < w->depth || w->depth == 64) {
		char *r = xasprintf("content/%s", rel), *shown;

		shown = config_path(w->c, r);
		diag_hold(&add_entry(w, NULL, shown, lang)->diags);
		diag(DIAG_ERROR, shown, 0, 0, "%s; remove the symbolic link "
		    "that leads back into a folder above it",
		    w->depth == 64 ? "folders nest too deep" :
		    "symbolic link loop");
		diag_hold(NULL);
		free(shown);
		free(r);
		closedir(d);
		w->bad = 1;
		return NULL;
	}
	return d;
}

/*
 * The names in d but the hidden ones, sorted, so that diagnostics come
 * in the same order every time.  The type rides after each name's NUL:
 * no stat for a plain file.  Caller frees each and the array.
 */
static char **
read_names(DIR *d, size_t *np)
{
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0;

	while ((de = readdir(d)) != NULL) {
		size_t len;

		if (de->d_name[0] == '.')	/* hidden files, . and .. */
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			names = xreallocarray(names, cap, sizeof(*names));
		}
		len = strlen(de->d_name);
		names[n] = xmalloc(len + 2);
		memcpy(names[n], de->d_name, len + 1);
		names[n++][len + 1] = (char)de->d_type;
	}
	if (n > 1)
		qsort(names, n, sizeof(*names), name_cmp);
	*np = n;
	return names;
}

static void walk_dir(struct walk *, const char *full, const char *rel, int lang);

/* One name of the folder d (full, rel below content/): an entry, a folder, or a report. */
static void
walk_name(struct walk *w, DIR *d, const char *full, const char *rel, int lang,
    const char *name)
{
	size_t len = strlen(name);
	char *f = path_join(full, name);
	char *r = *rel ? path_join(rel, name) : xstrdup(name);
	char *cr = path_join("content", r), *sn = show_name(cr);
	char *shown = config_path(w->c, sn);
	char *to = NULL;
	int l = lang;
	struct stat st;

	/*
	 * A plain .md file with a good name is stat'ed by a worker
	 * (and only with a cache: reading it says the rest).  It is
	 * no symbolic link, so it cannot lead out of the site.
	 */
	if ((unsigned char)name[len + 1] == DT_REG &&
	    has_suffix(name, ".md") &&
	    text_utf8_valid(name, len, NULL)) {
		struct entry *e = add_entry(w, NULL, shown, l);

		e->full = f;
		e->rel = r;
		e->unstatted = 1;
		f = r = NULL;
	} else if (w->root != NULL && content_link_escapes(w->root, f, &to)) {
		diag_hold(&add_entry(w, NULL, shown, l)->diags);
		content_report_escape(shown, to);
		diag_hold(NULL);
		w->bad = 1;
	/* Relative to the open folder: no path to resolve again. */
	} else if (fstatat(dirfd(d), name, &st, 0) == -1) {
		int err = errno;

		diag_hold(&add_entry(w, NULL, shown, l)->diags);
		diag(DIAG_ERROR, shown, 0, 0, "cannot read: %s%s",
		    strerror(err), err == ELOOP ?
		    "; remove the symbolic link loop" : "");
		diag_hold(NULL);
		w->bad = 1;
	} else if (!text_utf8_valid(name, strlen(name), NULL)) {
		diag_hold(&add_entry(w, NULL, shown, l)->diags);
		diag(DIAG_ERROR, shown, 0, 0, "the name is not valid "
		    "UTF-8; rename it (convmv can do it)");
		diag_hold(NULL);
		w->bad = 1;
	} else if (S_ISDIR(st.st_mode)) {
		if (*rel == '\0' && config_lang(w->c, name) >= 0)
			l = config_lang(w->c, name);
		walk_dir(w, f, r, l);
	} else if (S_ISREG(st.st_mode) && has_suffix(name, ".md")) {
		struct entry *e = add_entry(w, f, shown, l);

		e->rel = xstrdup(r);
		e->st.size = (uint64_t)st.st_size;
		e->st.dev = (uint64_t)st.st_dev;
		e->st.ino = (uint64_t)st.st_ino;
		e->st.mtime_ns = content_ns_of(st.st_mtim);
		e->st.ctime_ns = content_ns_of(st.st_ctim);
	}
	free(to);
	free(f);
	free(r);
	free(cr);
	free(sn);
	free(shown);
}

/* rel is the path below content/ ("" at the top). */
static void
walk_dir(struct walk *w, const char *full, const char *rel, int lang)
{
	struct stat st;
	char **names;
	size_t n, i;
	DIR *d;

	if ((d = open_dir(w, full, rel, lang, &st)) == NULL)
		return;
	w->devs[w->depth] = st.st_dev;
	w->inos[w->depth] = st.st_ino;
	w->depth++;
	names = read_names(d, &n);
	for (i = 0; i < n; i++) {
		walk_name(w, d, full, rel, lang, names[i]);
		free(names[i]);
	}
	closedir(d);
	free(names);
	w->depth--;
}

/* Parses per write transaction: what a write holds in memory stays small. */
#define STORE_CHUNK 2048

/* Commits every STORE_CHUNK puts, so that a cold build's write stays small. */
static struct cache_batch *
chunk(struct cache *cache, struct cache_batch *b, size_t *n)
{
	if (++*n % STORE_CHUNK != 0)
		return b;
	cache_batch_commit(b);
	return cache_batch_begin(cache);
}

/*
 * Stores what was parsed and forgets what is gone.  Bodies first, then
 * the small records that lead to them: a build killed in between
 * leaves bodies that the next one prunes, never a parse without its
 * body; and the small records, the only ones loading reads, lie
 * together in the file.
 */
static void
store(struct walk *w)
{
	struct cache_batch *b;
	char **rels;
	unsigned char (*keys)[CACHE_HASH_LEN];
	size_t i, n = 0, changed = 0, puts = 0;

	for (i = 0; i < w->n; i++) {
		n += w->e[i].keyed;
		changed += w->e[i].put_file || w->e[i].put_parse;
	}
	/* Nothing new and no record of a file that is gone: no write at all. */
	if (changed == 0 && cache_file_count(w->cache) == n)
		return;
	rels = xcalloc(n + 1, sizeof(*rels));
	keys = xcalloc(n + 1, sizeof(*keys));
	b = cache_batch_begin(w->cache);
	for (i = 0; i < w->n; i++)
		if (w->e[i].keyed && w->e[i].put_parse) {
			codec_body_put(b, w->e[i].key, w->e[i].art);
			b = chunk(w->cache, b, &puts);
		}
	for (i = 0, n = 0; i < w->n; i++) {
		struct entry *e = &w->e[i];

		if (!e->keyed)
			continue;
		if (e->put_parse)
			codec_article_put(b, e->key, e->art, &e->dl);
		if (e->put_file)
			cache_batch_file(b, e->rel, &e->st, e->hash,
			    e->trusted);
		if (e->put_parse || e->put_file)
			b = chunk(w->cache, b, &puts);
		rels[n] = e->rel;
		memcpy(keys[n++], e->key, CACHE_HASH_LEN);
	}
	cache_batch_prune(b, rels, n, keys, n);
	cache_batch_commit(b);
	free(rels);
	free(keys);
}

int
content_load(const struct config *c, const struct registry *reg, int drafts,
    struct cache *cache, struct corpus *out)
{
	struct walk w;
	char *dir = path_join(c->source, "content");
	double t0 = now_ms();
	size_t i;

	memset(&w, 0, sizeof(w));
	w.c = c;
	w.reg = reg;
	w.cache = cache;
	w.drafts = drafts;
	if (!c->follow_symlinks)
		w.root = realpath(c->source, NULL);
	walk_dir(&w, dir, "", -1);
	free(w.root);
	free(dir);
	progress_begin(PROGRESS_READING, w.n);
	parallel_run(w.n, parse_worker, &w);
	/* In path order, whichever worker finished first. */
	for (i = 0; i < w.n; i++) {
		struct entry *e = &w.e[i];

		diag_release(&e->diags);
		if (e->bad)
			w.bad = 1;
		if (e->full != NULL) {
			if (e->cached)
				out->ncached++;
			else
				out->nparsed++;
		}
	}
	if (cache != NULL)
		store(&w);
	out->arts = xreallocarray(out->arts, out->n + w.n + 1,
	    sizeof(*out->arts));
	for (i = 0; i < w.n; i++) {
		struct entry *e = &w.e[i];

		if (e->drop) {
			article_free(e->art);
			e->art = NULL;
		}
		if (e->art != NULL)
			out->arts[out->n++] = e->art;
		diag_list_free(&e->dl);
		free(e->full);
		free(e->shown);
		free(e->rel);
	}
	free(w.e);
	out->mention_ms = (double)atomic_load(&w.mention_ns) / 1e6;
	out->load_ms = now_ms() - t0;
	return w.bad ? -1 : 0;
}
