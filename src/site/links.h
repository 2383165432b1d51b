/*
 * links.h: no symbolic link may publish a file from outside the site.
 */
#ifndef LINKS_H
#define LINKS_H

struct config;

/*
 * Reports every symbolic link under dir (shown as shown) that resolves
 * outside the folder that holds dir (the site, or the theme), unless
 * the site set follow_symlinks: a link must not publish a file from
 * elsewhere on the machine.  Returns -1 if there was one.  (The walk
 * of content/ checks its own links as it goes.)
 */
int	 links_ok(const struct config *, const char *dir, const char *shown);

#endif /* LINKS_H */
