/*
 * tmpl.h: a plain C API over Google ctemplate.  C++ never leaves
 * tmpl.cc.  Templates are loaded once into a cache, which is then
 * frozen so that expansion is read-only and may run on several threads
 * at once, each with dictionaries of its own.
 */
#ifndef TMPL_H
#define TMPL_H

#include <stddef.h>

struct strbuf;
struct tmpl_cache;
struct tmpl_dict;

/* Returns a cache reading templates from dir.  Free with tmpl_cache_free(). */
struct tmpl_cache *tmpl_cache_new(const char *dir);
void	 tmpl_cache_free(struct tmpl_cache *);
/*
 * Loads and parses one template (name relative to the cache's folder).
 * Returns 0, or -1 after reporting "dir/name:line: error: ..." through
 * diag().
 */
int	 tmpl_cache_load(struct tmpl_cache *, const char *name);
/* After this no template is loaded again; expansion becomes thread-safe. */
void	 tmpl_cache_freeze(struct tmpl_cache *);

/* A top-level dictionary; free with tmpl_dict_free(). */
struct tmpl_dict *tmpl_dict_new(void);
void	 tmpl_dict_free(struct tmpl_dict *);
/* Sets a variable; the value is copied. */
void	 tmpl_set(struct tmpl_dict *, const char *key, const char *value);
void	 tmpl_setn(struct tmpl_dict *, const char *key, const char *value,
	    size_t len);
/*
 * Adds one repetition of a section and returns its dictionary, owned
 * by the parent: never free it.  Sections see their parents' values.
 */
struct tmpl_dict *tmpl_section(struct tmpl_dict *, const char *name);
/* Shows a section once, with the parent's values. */
void	 tmpl_show(struct tmpl_dict *, const char *name);
/*
 * Expands a loaded template, appending to out.  Returns 0, or -1
 * after reporting an error.
 */
int	 tmpl_expand(const struct tmpl_cache *, const char *name,
	    const struct tmpl_dict *, struct strbuf *out);

#endif /* TMPL_H */
