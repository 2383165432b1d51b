/*
 * manifest.c: the record of a generation folder, kept in the state
 * folder beside the output: for each file, the signature of its inputs
 * and the hash of its bytes, bound to the folder's identity (device,
 * inode, birth) and checksummed, so that a record that does not match
 * its folder is trusted for nothing.
 */
#define _GNU_SOURCE
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "base/util.h"
#include "output/output.h"
#include "output/output_int.h"

#define MANIFEST_MAGIC "arshif-manifest 1\n"

void
manifest_init(struct manifest *mf)
{
	mf->m = hmap_new();
	mf->valid = 0;
}

void
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
int
output_folder_id(const char *path, struct folder_id *id)
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
char *
manifest_path(const struct output *o, unsigned long long ino)
{
	return xasprintf("%s/%llu.manifest", o->state, ino);
}

/*
 * Loads a manifest.  A record that is missing, truncated, of another
 * format, or whose checksum fails leaves mf empty and invalid: the
 * folder's files are then trusted for nothing.
 */
void
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
int
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
		int w = output_write_all(fd, sb.s, sb.len);

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
