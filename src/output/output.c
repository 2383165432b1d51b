/*
 * output.c: see output.h.  The two generation folders and their turns:
 * output_begin() takes the lock, loads the manifests of the live site
 * and the stage and walks a reused stage for strays; output_commit()
 * prunes what is no longer planned and swaps the stage in;
 * output_abort() records what the stage holds for the next build.
 * The manifests are in manifest.c, the write path in write.c, the
 * checks of paths in guard.c.
 */
#define _GNU_SOURCE
#include <sys/stat.h>
#include <sys/file.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/util.h"
#include "output/output.h"
#include "output/output_int.h"

static void output_close(struct output *);

static const char mark_text[] =
    "made by arshif: the next build replaces this folder\n";
static void remove_later(const char *);

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
/* Waits for the walk of the stage; called before the stage changes. */
void
output_settle(struct output *o)
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
	if (output_folder_id(o->dir, &id) == 0) {
		o->live_id = id;
		o->has_live = 1;
		if (!fresh) {
			char *mp = manifest_path(o, id.ino);

			manifest_load(&o->live, mp, &id);
			free(mp);
		}
	}
	if (output_folder_id(o->stage, &id) == 0) {
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
	output_settle(o);
	prune(o);
	if (output_folder_id(o->stage, &id) == -1) {
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
	output_settle(o);
	/*
	 * The stage now holds its old files and what this build wrote:
	 * recorded so, the next build still starts from it.
	 */
	if (o->ready && output_folder_id(o->stage, &id) == 0) {
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
