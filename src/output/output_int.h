/*
 * output_int.h: what the files of output/ share, for output/ only:
 * the state of a build (struct output), the manifests and the
 * identity of a folder.  output.h stays the one public header.
 */
#ifndef OUTPUT_INT_H
#define OUTPUT_INT_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "output/output.h"

struct hmap;

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

/* manifest.c */
/* An empty manifest, not valid until loaded. */
void	 manifest_init(struct manifest *mf);
/* Frees the entries and the map; mf needs manifest_init() again. */
void	 manifest_clear(struct manifest *mf);
/*
 * Who a folder is: device, inode and birth time.  Renames keep all
 * three, and a new folder that reuses an inode number is born later.
 * Returns 0, or -1 when path is not a folder.
 */
int	 output_folder_id(const char *path, struct folder_id *id);
/* The manifest file of the folder with inode ino; caller frees. */
char	*manifest_path(const struct output *o, unsigned long long ino);
/*
 * Loads the manifest at path of folder dir; a record that does not
 * check leaves mf empty and invalid.
 */
void	 manifest_load(struct manifest *mf, const char *path,
	    const struct folder_id *dir);
/* Saves mf as the manifest of folder id.  Returns 0 or -1 after reporting. */
int	 manifest_save(const struct output *o, const struct manifest *mf,
	    const struct folder_id *id);

/* write.c */
/* Writes all of data to fd, again after EINTR.  Returns 0 or -1 (errno). */
int	 output_write_all(int fd, const char *data, size_t len);

/* output.c */
/* Waits for the walk of the stage; called before the stage changes. */
void	 output_settle(struct output *o);
/* The counts of a build so far. */
void	 output_stats(const struct output *, struct output_stats *);

#endif /* OUTPUT_INT_H */
