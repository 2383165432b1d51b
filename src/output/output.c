/*
 * output.c: see output.h.
 */
#define _GNU_SOURCE
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "base/util.h"
#include "output/output.h"

int
output_rel_ok(const char *rel)
{
	const char *p = rel, *e;

	if (rel[0] == '\0' || rel[0] == '/')
		return 0;
	while (*p) {
		e = strchr(p, '/');
		if (e == NULL)
			e = p + strlen(p);
		if (e == p || (e - p == 1 && p[0] == '.') ||
		    (e - p == 2 && p[0] == '.' && p[1] == '.'))
			return 0;
		for (; p < e; p++)
			if ((unsigned char)*p < 0x20 || *p == 0x7f ||
			    *p == '\\')
				return 0;
		if (*p == '/')
			p++;
	}
	return 1;
}

/*
 * realpath() of a path that may not exist yet: the real path of its
 * deepest existing ancestor, plus the rest.  Caller frees.
 */
static char *
resolve(const char *path)
{
	char buf[PATH_MAX], *head, *slash, *r;
	const char *rest;

	if (realpath(path, buf) != NULL)
		return xstrdup(buf);
	head = path[0] == '/' ? xstrdup(path) : path_join(".", path);
	for (;;) {
		while (strlen(head) > 1 && has_suffix(head, "/"))
			head[strlen(head) - 1] = '\0';
		slash = strrchr(head, '/');
		if (slash == NULL) {
			free(head);
			return NULL;
		}
		*slash = '\0';
		if (realpath(slash == head ? "/" : head, buf) != NULL)
			break;
	}
	rest = path + (slash - head) + (path[0] == '/' ? 1 : -1);
	r = path_join(buf, rest);
	free(head);
	return r;
}

/* 1 when a is b or a folder above b. */
static int
contains(const char *a, const char *b)
{
	size_t n = strlen(a);

	if (strcmp(a, "/") == 0)
		return 1;
	return strncmp(a, b, n) == 0 && (b[n] == '\0' || b[n] == '/');
}

int
output_check(const char *dir, const char *src, int clean)
{
	static const char *inside[] = { "content", "templates", "static",
	    NULL };
	char *d = resolve(dir), *s = resolve(src), *home = NULL, *mark;
	const char *h = getenv("HOME");
	int rc = -1, i;
	DIR *dd;

	if (d == NULL || s == NULL) {
		diag(DIAG_ERROR, dir, 0, 0, "cannot resolve the output folder: "
		    "%s; create its parent folder first", strerror(errno));
		goto out;
	}
	if (h && *h)
		home = resolve(h);
	if (strcmp(d, "/") == 0 || (home && strcmp(d, home) == 0)) {
		diag(DIAG_ERROR, dir, 0, 0, "refusing to use %s as the output "
		    "folder; choose a folder of its own, such as public/",
		    strcmp(d, "/") == 0 ? "/" : "the home folder");
		goto out;
	}
	if (contains(d, s)) {
		diag(DIAG_ERROR, dir, 0, 0, "the output folder is the source "
		    "folder or holds it, and a build replaces its output; "
		    "choose another folder, such as %s/public", src);
		goto out;
	}
	for (i = 0; inside[i]; i++) {
		char *sub = path_join(s, inside[i]);
		int in = contains(sub, d);

		free(sub);
		if (in) {
			diag(DIAG_ERROR, dir, 0, 0, "the output folder is "
			    "inside the source's %s/ folder; choose a folder "
			    "outside it, such as public/", inside[i]);
			goto out;
		}
	}
	if ((dd = opendir(d)) != NULL) {
		struct dirent *de;
		int empty = 1;

		while ((de = readdir(dd)) != NULL)
			if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
				empty = 0;
		closedir(dd);
		mark = path_join(d, OUTPUT_MARK);
		if (!empty && access(mark, F_OK) != 0 && !clean) {
			diag(DIAG_ERROR, dir, 0, 0, "the folder exists and was "
			    "not made by arshif; its files would be replaced. "
			    "Move them away, or pass --clean to replace them");
			free(mark);
			goto out;
		}
		free(mark);
	} else if (errno != ENOENT) {
		diag(DIAG_ERROR, dir, 0, 0, "cannot use as output folder: %s",
		    strerror(errno));
		goto out;
	}
	rc = 0;
out:
	free(d);
	free(s);
	free(home);
	return rc;
}

/*
 * A generation's manifest: what each file below it holds.  sig is the
 * signature of the inputs it was made from (the plan's), chash the
 * hash of its bytes.  Kept in the state folder beside the output, one
 * file per generation folder, named by the folder's inode.
 */
struct mentry {
	unsigned char	 sig[OUTPUT_SIG_LEN];
	unsigned char	 chash[OUTPUT_SIG_LEN];
	int		 used;		/* this build kept or wrote it */
};

struct manifest {
	struct hmap	*m;		/* rel -> struct mentry */
	int		 valid;		/* loaded from a clean record */
};


struct folder_id {
	uint64_t	dev, ino, birth;
};

struct output {
	char		*dir;		/* the output folder: the live site */
	char		*parent, *base;	/* its parent folder and its name */
	char		*stage;		/* the generation before it, brought up to date */
	char		*state;		/* manifests and the lock */
	int		 lock;		/* flock()ed while we build */
	int		 ready;		/* output_begin() finished */
	int		 has_live;
	struct folder_id live_id;
	struct manifest	 live;		/* what the live site holds */
	struct manifest	 old;		/* what the stage held at the start */
	struct manifest	 now;		/* what this build kept or wrote */
	pthread_mutex_t	 mu;		/* guards now */
	struct hmap	*dirs;		/* folders made in the stage this build */
	pthread_mutex_t	 dmu;		/* guards dirs */
	atomic_size_t	 nwritten, nlinked, nkept, nremoved;
	int		 unchanged;
	pthread_t	 walker;	/* looks for strays in a reused stage */
	int		 walking;	/* walker not yet joined */
	char		**strays;	/* stage paths its manifest lacks; owned */
	size_t		  nstrays;
};

static void output_close(struct output *);

static const char mark_text[] =
    "made by arshif: the next build replaces this folder\n";
void output_stats(const struct output *, struct output_stats *);
static void remove_later(const char *);

static int
write_all(int fd, const char *data, size_t len)
{
	size_t off = 0;
	ssize_t n;

	while (off < len) {
		n = write(fd, data + off, len - off);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		off += (size_t)n;
	}
	return 0;
}

/*
 * Staging folders of arshif before 0.2 (".public.arshif-XXXXXX"), and
 * generations moved aside: removed in the background.
 */
static void
reclaim(struct output *o)
{
	char *prefix = xasprintf(".%s.arshif-", o->base);
	DIR *pd = opendir(o->parent);
	struct dirent *de;

	while (pd != NULL && (de = readdir(pd)) != NULL) {
		char *old;

		if (strncmp(de->d_name, prefix, strlen(prefix)) != 0 ||
		    strlen(de->d_name) != strlen(prefix) + 6)
			continue;
		old = path_join(o->parent, de->d_name);
		remove_later(old);
		free(old);
	}
	if (pd != NULL)
		closedir(pd);
	free(prefix);
}

#define MANIFEST_MAGIC "arshif-manifest 1\n"

static void
manifest_init(struct manifest *mf)
{
	mf->m = hmap_new();
	mf->valid = 0;
}

static void
manifest_clear(struct manifest *mf)
{
	size_t i;

	if (mf->m == NULL)
		return;
	for (i = 0; i < hmap_count(mf->m); i++)
		free(hmap_value_at(mf->m, i));
	hmap_free(mf->m);
	mf->m = NULL;
}

/*
 * Who a folder is: device, inode and birth time.  Renames keep all
 * three, and a new folder that reuses an inode number is born later.
 */
static int
folder_id(const char *path, struct folder_id *id)
{
	struct statx sx;

	if (statx(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW, STATX_INO |
	    STATX_BTIME, &sx) == -1 || !S_ISDIR(sx.stx_mode))
		return -1;
	id->dev = ((uint64_t)sx.stx_dev_major << 32) | sx.stx_dev_minor;
	id->ino = sx.stx_ino;
	id->birth = (sx.stx_mask & STATX_BTIME) ? (uint64_t)sx.stx_btime.tv_sec *
	    1000000000u + sx.stx_btime.tv_nsec : 0;
	return 0;
}

/* The manifest file of the folder with inode ino. */
static char *
manifest_path(const struct output *o, unsigned long long ino)
{
	return xasprintf("%s/%llu.manifest", o->state, ino);
}

/*
 * Loads a manifest.  A record that is missing, truncated, of another
 * format, or whose checksum fails leaves mf empty and invalid: the
 * folder's files are then trusted for nothing.
 */
static void
manifest_load(struct manifest *mf, const char *path, const struct folder_id *dir)
{
	size_t len, off, ml = strlen(MANIFEST_MAGIC);
	char *buf = file_read(path, (size_t)1 << 32, &len);
	uint64_t sum, v[3];

	if (buf == NULL)
		return;
	if (len < ml + sizeof(v) + sizeof(sum) ||
	    memcmp(buf, MANIFEST_MAGIC, ml) != 0)
		goto out;
	memcpy(&sum, buf + len - sizeof(sum), sizeof(sum));
	if (XXH3_64bits(buf, len - sizeof(sum)) != sum)
		goto out;
	memcpy(v, buf + ml, sizeof(v));
	/* The folder it describes: an inode number can be reused. */
	if (v[0] != dir->dev || v[1] != dir->ino || v[2] != dir->birth)
		goto out;
	off = ml + sizeof(v);
	while (off + 2 + 2 * OUTPUT_SIG_LEN <= len - sizeof(sum)) {
		uint16_t rl;
		struct mentry *e;
		char *rel;

		memcpy(&rl, buf + off, 2);
		off += 2;
		if (off + rl + 2 * OUTPUT_SIG_LEN > len - sizeof(sum))
			break;
		rel = xstrndup(buf + off, rl);
		off += rl;
		e = xcalloc(1, sizeof(*e));
		memcpy(e->sig, buf + off, OUTPUT_SIG_LEN);
		memcpy(e->chash, buf + off + OUTPUT_SIG_LEN, OUTPUT_SIG_LEN);
		off += 2 * OUTPUT_SIG_LEN;
		if (hmap_put(mf->m, rel, e) != NULL)
			free(e);
		free(rel);
	}
	mf->valid = off == len - sizeof(sum);
	if (!mf->valid) {
		manifest_clear(mf);
		manifest_init(mf);
	}
out:
	free(buf);
}

/*
 * Saves the manifest of folder dir (whose stat is st), atomically:
 * a new file renamed over the old.  Returns 0 or -1 after reporting.
 */
static int
manifest_save(const struct output *o, const struct manifest *mf,
    const struct folder_id *id)
{
	struct strbuf sb = STRBUF_INIT;
	char *path = manifest_path(o, (unsigned long long)id->ino);
	char *tmp = xasprintf("%s.new", path);
	uint64_t v[3], sum;
	size_t i;
	int fd, rc = -1;

	v[0] = id->dev;
	v[1] = id->ino;
	v[2] = id->birth;
	sb_adds(&sb, MANIFEST_MAGIC);
	sb_add(&sb, (const char *)v, sizeof(v));
	for (i = 0; i < hmap_count(mf->m); i++) {
		const char *rel = hmap_key_at(mf->m, i);
		const struct mentry *e = hmap_value_at(mf->m, i);
		uint16_t rl = (uint16_t)strlen(rel);

		sb_add(&sb, (const char *)&rl, 2);
		sb_add(&sb, rel, rl);
		sb_add(&sb, (const char *)e->sig, OUTPUT_SIG_LEN);
		sb_add(&sb, (const char *)e->chash, OUTPUT_SIG_LEN);
	}
	sum = XXH3_64bits(sb.s, sb.len);
	sb_add(&sb, (const char *)&sum, sizeof(sum));
	/*
	 * No fsync(): a killed process loses nothing the kernel holds, and
	 * a record torn by a power cut fails its checksum, which only costs
	 * the next build its shortcut.
	 */
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd != -1) {
		int w = write_all(fd, sb.s, sb.len);

		if (close(fd) == 0 && w == 0 && rename(tmp, path) == 0)
			rc = 0;
	}
	if (rc == -1) {
		diag(DIAG_WARNING, tmp, 0, 0, "cannot record the build's "
		    "state: %s; the next build starts from scratch",
		    strerror(errno));
		unlink(tmp);
	}
	sb_free(&sb);
	free(tmp);
	free(path);
	return rc;
}

/*
 * Removes a folder in a process of its own, so that the build does not
 * wait for the file system to forget a whole tree.
 */
static void
remove_later(const char *path)
{
	pid_t pid = fork();

	if (pid == 0) {
		/* A grandchild that init reaps: nobody waits for it. */
		if (fork() == 0) {
			setsid();
			rm_rf(path);
		}
		_exit(0);
	}
	if (pid > 0)
		waitpid(pid, NULL, 0);
	else
		rm_rf(path);
}

/* A generation folder that cannot be trusted moves aside, to be removed later. */
static int
trash(struct output *o, const char *path)
{
	char *t = xasprintf("%s/.%s.arshif-XXXXXX", o->parent, o->base);

	if (mkdtemp(t) == NULL || rename(path, t) == -1) {
		/* rename() onto an empty folder replaces it. */
		diag(DIAG_ERROR, path, 0, 0, "cannot move the previous "
		    "generation aside: %s; remove it by hand", strerror(errno));
		rmdir(t);
		free(t);
		return -1;
	}
	remove_later(t);
	free(t);
	return 0;
}


/*
 * A reused staging folder was the live site until the last build, and
 * someone may have put files into it by hand: whatever its manifest
 * does not name goes, so that it ends up as a clean build would.  The
 * walk runs beside the loading of the site, while the disk is idle.
 */
static void
walk_dir(struct output *o, struct hmap *known, int at, const char *rel)
{
	DIR *d;
	struct dirent *de;
	int fd = openat(at, *rel ? rel : ".", O_RDONLY | O_DIRECTORY |
	    O_NOFOLLOW | O_CLOEXEC);

	if (fd == -1 || (d = fdopendir(fd)) == NULL) {
		if (fd != -1)
			close(fd);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		char *r;

		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (*rel == '\0' && strcmp(de->d_name, OUTPUT_MARK) == 0)
			continue;
		r = *rel ? xasprintf("%s/%s", rel, de->d_name) :
		    xstrdup(de->d_name);
		if (de->d_type == DT_DIR && hmap_get(known, r) != NULL)
			walk_dir(o, known, at, r);
		else if (de->d_type == DT_DIR || hmap_get(o->old.m, r) == NULL) {
			o->strays = xreallocarray(o->strays, o->nstrays + 1,
			    sizeof(*o->strays));
			o->strays[o->nstrays++] = r;
			continue;
		}
		free(r);
	}
	closedir(d);
}

static void *
walker(void *arg)
{
	struct output *o = arg;
	struct hmap *known = hmap_new();
	size_t i;
	int at;

	/* Every folder that holds a file of the manifest. */
	for (i = 0; i < hmap_count(o->old.m); i++) {
		char *d = xstrdup(hmap_key_at(o->old.m, i)), *s;

		while ((s = strrchr(d, '/')) != NULL) {
			*s = '\0';
			if (hmap_put(known, d, o) != NULL)
				break;
		}
		free(d);
	}
	at = open(o->stage, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (at != -1) {
		walk_dir(o, known, at, "");
		close(at);
	}
	hmap_free(known);
	return NULL;
}

/* Waits for the walk of the stage; called before the stage changes. */
static void
settle(struct output *o)
{
	pthread_mutex_lock(&o->dmu);
	if (o->walking) {
		pthread_join(o->walker, NULL);
		o->walking = 0;
	}
	pthread_mutex_unlock(&o->dmu);
}

struct output *
output_begin(const char *dir, int fresh)
{
	struct output *o = xcalloc(1, sizeof(*o));
	char *d = xstrdup(dir), *slash, *lockf;
	struct folder_id id;

	pthread_mutex_init(&o->mu, NULL);
	pthread_mutex_init(&o->dmu, NULL);
	o->lock = -1;
	manifest_init(&o->live);
	manifest_init(&o->old);
	manifest_init(&o->now);
	o->dirs = hmap_new();
	while (strlen(d) > 1 && has_suffix(d, "/"))
		d[strlen(d) - 1] = '\0';
	o->dir = d;
	slash = strrchr(d, '/');
	o->base = xstrdup(slash ? slash + 1 : d);
	o->parent = slash ? xstrndup(d, (size_t)(slash - d)) : xstrdup(".");
	if (o->parent[0] == '\0') {
		free(o->parent);
		o->parent = xstrdup("/");
	}
	if (mkdir_p(o->parent) == -1) {
		diag(DIAG_ERROR, o->parent, 0, 0, "cannot create folder: %s",
		    strerror(errno));
		goto fail;
	}
	o->state = xasprintf("%s/.%s.arshif-state", o->parent, o->base);
	o->stage = xasprintf("%s/.%s.arshif-gen", o->parent, o->base);
	if (mkdir(o->state, 0755) == -1 && errno != EEXIST) {
		diag(DIAG_ERROR, o->state, 0, 0, "cannot create folder: %s",
		    strerror(errno));
		goto fail;
	}
	/* One build of an output at a time; the kernel drops the lock if we die. */
	lockf = path_join(o->state, "lock");
	o->lock = open(lockf, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	free(lockf);
	if (o->lock == -1 || flock(o->lock, LOCK_EX) == -1) {
		diag(DIAG_ERROR, o->state, 0, 0, "cannot lock the build "
		    "state: %s", strerror(errno));
		goto fail;
	}
	reclaim(o);
	if (folder_id(o->dir, &id) == 0) {
		o->live_id = id;
		o->has_live = 1;
		if (!fresh) {
			char *mp = manifest_path(o, id.ino);

			manifest_load(&o->live, mp, &id);
			free(mp);
		}
	}
	if (folder_id(o->stage, &id) == 0) {
		char *mp = manifest_path(o, id.ino);

		if (!fresh)
			manifest_load(&o->old, mp, &id);
		/*
		 * The manifest goes while the folder changes: a build killed
		 * now leaves a folder no later build trusts.
		 */
		unlink(mp);
		free(mp);
		if (!o->old.valid && trash(o, o->stage) == -1)
			goto fail;
	}
	if (!o->old.valid) {
		manifest_clear(&o->old);
		manifest_init(&o->old);
		if (mkdir(o->stage, 0755) == -1) {
			diag(DIAG_ERROR, o->stage, 0, 0, "cannot create the "
			    "staging folder: %s", strerror(errno));
			goto fail;
		}
	}
	if (o->old.valid && pthread_create(&o->walker, NULL, walker, o) == 0)
		o->walking = 1;
	o->ready = 1;
	return o;
fail:
	output_abort(o);
	return NULL;
}

/* Makes the folder of rel in the stage, once per folder per build. */
static int
make_dirs(struct output *o, const char *rel)
{
	const char *slash = strrchr(rel, '/');
	char *d, *path;
	int rc = 0;

	if (slash == NULL)
		return 0;
	d = xstrndup(rel, (size_t)(slash - rel));
	pthread_mutex_lock(&o->dmu);
	if (hmap_get(o->dirs, d) == NULL) {
		path = path_join(o->stage, d);
		if (mkdir_p(path) == -1) {
			diag(DIAG_ERROR, path, 0, 0, "cannot create folder: %s",
			    strerror(errno));
			rc = -1;
		} else {
			/* Its parents exist now too. */
			char *p = d, *s;

			hmap_put(o->dirs, d, o);
			while ((s = strrchr(p, '/')) != NULL) {
				*s = '\0';
				if (hmap_put(o->dirs, p, o) != NULL)
					break;
			}
		}
		free(path);
	}
	pthread_mutex_unlock(&o->dmu);
	free(d);
	return rc;
}

/*
 * Records rel in the new manifest; -1 when this build already has it
 * (two pages claim one path).  Called with o->mu held.
 */
static int
record(struct output *o, const char *rel, const unsigned char *sig,
    const unsigned char *chash)
{
	struct mentry *e = xcalloc(1, sizeof(*e));

	memcpy(e->sig, sig, OUTPUT_SIG_LEN);
	memcpy(e->chash, chash, OUTPUT_SIG_LEN);
	if (hmap_put(o->now.m, rel, e) != NULL) {
		free(e);
		diag(DIAG_ERROR, rel, 0, 0, "two pages claim this path; "
		    "rename one of their sources");
		return -1;
	}
	return 0;
}

/* Gives the stage the live site's file rel: same bytes, same mtime. */
static int
link_live(struct output *o, const char *rel)
{
	char *from = path_join(o->dir, rel), *to = path_join(o->stage, rel);
	int rc = -1;

	if (make_dirs(o, rel) == 0) {
		if (unlink(to) == -1 && errno != ENOENT)
			diag(DIAG_ERROR, to, 0, 0, "cannot replace: %s",
			    strerror(errno));
		else if (link(from, to) == 0)
			rc = 0;
		else
			rc = 1;	/* say so to the caller: write it instead */
	}
	free(from);
	free(to);
	return rc;
}

int
output_keep(struct output *o, const char *rel, const unsigned char *sig)
{
	struct mentry *old, *live;
	int rc = 0, l;

	if (!output_rel_ok(rel))
		return 0;	/* output_write() reports it */
	settle(o);
	old = hmap_get(o->old.m, rel);
	live = hmap_get(o->live.m, rel);
	pthread_mutex_lock(&o->mu);
	if (hmap_get(o->now.m, rel) != NULL)
		rc = 0;	/* let output_write() report the clash */
	else if (old && memcmp(old->sig, sig, OUTPUT_SIG_LEN) == 0) {
		if (record(o, rel, sig, old->chash) == 0) {
			atomic_fetch_add(&o->nkept, 1);
			rc = 1;
		}
	} else if (live && memcmp(live->sig, sig, OUTPUT_SIG_LEN) == 0) {
		pthread_mutex_unlock(&o->mu);
		l = link_live(o, rel);
		pthread_mutex_lock(&o->mu);
		if (l == 0 && record(o, rel, sig, live->chash) == 0) {
			atomic_fetch_add(&o->nlinked, 1);
			rc = 1;
		}
	}
	pthread_mutex_unlock(&o->mu);
	return rc;
}

int
output_write(struct output *o, const char *rel, const char *data, size_t len,
    const unsigned char *sig)
{
	unsigned char chash[OUTPUT_SIG_LEN];
	struct mentry *old, *live;
	XXH128_canonical_t ch;
	char *path;
	int fd, rc;

	if (!output_rel_ok(rel)) {
		diag(DIAG_ERROR, rel, 0, 0, "refusing to write outside the "
		    "output folder");
		return -1;
	}
	settle(o);
	XXH128_canonicalFromHash(&ch, XXH3_128bits(data, len));
	memcpy(chash, ch.digest, sizeof(chash));
	if (sig == NULL)
		sig = chash;
	pthread_mutex_lock(&o->mu);
	rc = record(o, rel, sig, chash);
	pthread_mutex_unlock(&o->mu);
	if (rc == -1)
		return -1;
	/* The same bytes as a file already there: keep that file and its mtime. */
	old = hmap_get(o->old.m, rel);
	if (old && memcmp(old->chash, chash, OUTPUT_SIG_LEN) == 0) {
		atomic_fetch_add(&o->nkept, 1);
		return 0;
	}
	live = hmap_get(o->live.m, rel);
	if (live && memcmp(live->chash, chash, OUTPUT_SIG_LEN) == 0 &&
	    link_live(o, rel) == 0) {
		atomic_fetch_add(&o->nlinked, 1);
		return 0;
	}
	if (make_dirs(o, rel) == -1)
		return -1;
	path = path_join(o->stage, rel);
	/* The stage's file may be shared with the live site: never write through it. */
	if (unlink(path) == -1 && errno != ENOENT) {
		diag(DIAG_ERROR, rel, 0, 0, "cannot replace: %s",
		    strerror(errno));
		free(path);
		return -1;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
	    0644);
	free(path);
	if (fd == -1 || write_all(fd, data, len) == -1) {
		diag(DIAG_ERROR, rel, 0, 0, "cannot write: %s",
		    strerror(errno));
		if (fd != -1)
			close(fd);
		return -1;
	}
	if (close(fd) == -1) {
		diag(DIAG_ERROR, rel, 0, 0, "cannot write: %s",
		    strerror(errno));
		return -1;
	}
	atomic_fetch_add(&o->nwritten, 1);
	return 0;
}

static int
copy_tree(struct output *o, const char *src, const char *shown,
    const char *rel, int depth)
{
	struct dirent *de;
	DIR *d;
	int bad = 0;

	if (depth > 32) {
		diag(DIAG_ERROR, shown, 0, 0, "folders nest too deep (a "
		    "symbolic link loop?)");
		return -1;
	}
	if ((d = opendir(src)) == NULL) {
		diag(DIAG_ERROR, shown, 0, 0, "cannot read folder: %s",
		    strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		char *f, *r, *sh, *data;
		struct stat st;
		size_t len;

		if (de->d_name[0] == '.')
			continue;
		f = path_join(src, de->d_name);
		r = *rel ? path_join(rel, de->d_name) : xstrdup(de->d_name);
		sh = path_join(shown, de->d_name);
		if (stat(f, &st) == -1) {
			diag(DIAG_ERROR, sh, 0, 0, "cannot read: %s",
			    strerror(errno));
			bad = 1;
		} else if (S_ISDIR(st.st_mode)) {
			if (copy_tree(o, f, sh, r, depth + 1) == -1)
				bad = 1;
		} else if (S_ISREG(st.st_mode)) {
			if ((data = file_read(f, (size_t)1 << 31, &len)) ==
			    NULL) {
				diag(DIAG_ERROR, sh, 0, 0, "cannot read: %s",
				    strerror(errno));
				bad = 1;
			} else {
				if (output_write(o, r, data, len, NULL) == -1)
					bad = 1;
				free(data);
			}
		}
		free(f);
		free(r);
		free(sh);
	}
	closedir(d);
	return bad ? -1 : 0;
}

int
output_copy_tree(struct output *o, const char *src, const char *shown)
{
	return copy_tree(o, src, shown, "", 0);
}

static int
depth_cmp(const void *pa, const void *pb)
{
	const char *a = *(char *const *)pa, *b = *(char *const *)pb;
	size_t na = 0, nb = 0;

	for (; *a; a++)
		na += *a == '/';
	for (; *b; b++)
		nb += *b == '/';
	if (na != nb)
		return na < nb ? 1 : -1;
	return strcmp(*(char *const *)pa, *(char *const *)pb);
}

/*
 * Removes from the stage what it held but this build did not plan,
 * then the folders that left empty: a clean build would have none.
 */
static void
prune(struct output *o)
{
	struct hmap *dirs = hmap_new();
	char **v;
	size_t i, n;

	for (i = 0; i < hmap_count(o->old.m); i++) {
		const char *rel = hmap_key_at(o->old.m, i);
		char *path, *d, *s;

		if (hmap_get(o->now.m, rel) != NULL)
			continue;
		path = path_join(o->stage, rel);
		if (unlink(path) == 0)
			atomic_fetch_add(&o->nremoved, 1);
		else if (errno != ENOENT)
			diag(DIAG_WARNING, path, 0, 0, "cannot remove: %s",
			    strerror(errno));
		free(path);
		d = xstrdup(rel);
		while ((s = strrchr(d, '/')) != NULL) {
			*s = '\0';
			if (hmap_put(dirs, d, o) != NULL)
				break;
		}
		free(d);
	}
	for (i = 0; i < o->nstrays; i++) {
		char *path = path_join(o->stage, o->strays[i]);

		if (hmap_get(o->now.m, o->strays[i]) == NULL && rm_rf(path) == 0)
			atomic_fetch_add(&o->nremoved, 1);
		free(path);
	}
	n = hmap_count(dirs);
	v = xcalloc(n + 1, sizeof(*v));
	for (i = 0; i < n; i++)
		v[i] = (char *)hmap_key_at(dirs, i);
	/* Deepest first, so that a parent is empty once its children went. */
	if (n > 1)
		qsort(v, n, sizeof(*v), depth_cmp);
	for (i = 0; i < n; i++) {
		char *path = path_join(o->stage, v[i]);

		rmdir(path);	/* fails, as it should, on a folder still in use */
		free(path);
	}
	free(v);
	hmap_free(dirs);
}

/* 1 when this build's files are exactly the live site's. */
static int
same_as_live(const struct output *o)
{
	size_t i;

	if (!o->has_live || !o->live.valid ||
	    hmap_count(o->live.m) != hmap_count(o->now.m))
		return 0;
	for (i = 0; i < hmap_count(o->now.m); i++) {
		const struct mentry *a = hmap_value_at(o->now.m, i);
		const struct mentry *b = hmap_get(o->live.m,
		    hmap_key_at(o->now.m, i));

		if (b == NULL || memcmp(a->sig, b->sig, OUTPUT_SIG_LEN) ||
		    memcmp(a->chash, b->chash, OUTPUT_SIG_LEN))
			return 0;
	}
	return 1;
}

int
output_commit(struct output *o, struct output_stats *st)
{
	struct folder_id id;
	int rc = -1;

	/* The mark goes through the manifest like any file: its mtime stays too. */
	if (output_write(o, OUTPUT_MARK, mark_text, strlen(mark_text),
	    NULL) == -1)
		goto out;
	settle(o);
	prune(o);
	if (folder_id(o->stage, &id) == -1) {
		diag(DIAG_ERROR, o->stage, 0, 0, "the staging folder is "
		    "gone: %s", strerror(errno));
		goto out;
	}
	/* Recorded before the swap: whichever folder is live, it is described. */
	manifest_save(o, &o->now, &id);
	/*
	 * Swapped even when nothing changed (o->unchanged): the same bytes
	 * and mtimes go live, and files put into the live folder by hand
	 * leave it.
	 */
	o->unchanged = same_as_live(o);
	/*
	 * renameat2(RENAME_EXCHANGE) swaps the two folders in one step:
	 * at no moment is there no complete site at dir.  The previous
	 * site becomes the next build's staging folder.
	 */
	if (renameat2(AT_FDCWD, o->stage, AT_FDCWD, o->dir,
	    RENAME_EXCHANGE) == 0)
		rc = 0;
	else if (errno == ENOENT && rename(o->stage, o->dir) == 0)
		rc = 0;	/* no previous output */
	else
		diag(DIAG_ERROR, o->dir, 0, 0, "cannot put the new site in "
		    "place: %s; the previous site is untouched",
		    strerror(errno));
out:
	if (st != NULL)
		output_stats(o, st);
	output_close(o);
	return rc;
}

void
output_abort(struct output *o)
{
	struct folder_id id;
	size_t i;

	if (o == NULL)
		return;
	settle(o);
	/*
	 * The stage now holds its old files and what this build wrote:
	 * recorded so, the next build still starts from it.
	 */
	if (o->ready && folder_id(o->stage, &id) == 0) {
		for (i = 0; i < hmap_count(o->now.m); i++) {
			const char *rel = hmap_key_at(o->now.m, i);
			struct mentry *e = hmap_get(o->old.m, rel);

			if (e == NULL) {
				e = xcalloc(1, sizeof(*e));
				hmap_put(o->old.m, rel, e);
			}
			*e = *(struct mentry *)hmap_value_at(o->now.m, i);
		}
		manifest_save(o, &o->old, &id);
	}
	output_close(o);
}

static void
output_close(struct output *o)
{
	size_t i;

	for (i = 0; i < o->nstrays; i++)
		free(o->strays[i]);
	free(o->strays);
	if (o->lock != -1)
		close(o->lock);
	manifest_clear(&o->live);
	manifest_clear(&o->old);
	manifest_clear(&o->now);
	hmap_free(o->dirs);
	pthread_mutex_destroy(&o->mu);
	pthread_mutex_destroy(&o->dmu);
	free(o->dir);
	free(o->parent);
	free(o->base);
	free(o->stage);
	free(o->state);
	free(o);
}

size_t
output_live_list(const struct output *o, const char *prefix, char ***paths)
{
	size_t i, n = 0, len = strlen(prefix);

	*paths = xcalloc(1, sizeof(**paths));
	for (i = 0; o->live.valid && i < hmap_count(o->live.m); i++) {
		const char *rel = hmap_key_at(o->live.m, i);

		if (strncmp(rel, prefix, len) != 0)
			continue;
		*paths = xreallocarray(*paths, n + 2, sizeof(**paths));
		(*paths)[n++] = xstrdup(rel);
		(*paths)[n] = NULL;
	}
	return n;
}

size_t
output_count(const struct output *o)
{
	return hmap_count(o->now.m);
}

void
output_stats(const struct output *o, struct output_stats *st)
{
	st->files = hmap_count(o->now.m);
	st->written = atomic_load(&o->nwritten);
	st->linked = atomic_load(&o->nlinked);
	st->kept = atomic_load(&o->nkept);
	st->removed = atomic_load(&o->nremoved);
	st->unchanged = o->unchanged;
}
