/*
 * i18n.h: the words of the interface, per language, from the theme's
 * i18n/<lang>.yaml files (ICU MessageFormat patterns).
 */
#ifndef I18N_H
#define I18N_H

#include <stddef.h>

struct config;
struct text_locale;
struct i18n;

/*
 * Loads dir/<code>.yaml for every language.  A key missing in a
 * language falls back to the default language's, with a warning naming
 * it; a pattern ICU refuses is an error at its line.  Returns NULL
 * after reporting errors.  Free with i18n_free().
 */
struct i18n *i18n_load(const struct config *, const char *dir,
	    struct text_locale **locs);
void	 i18n_free(struct i18n *);
/* Number of keys, and the i-th key and its plain text (patterns without arguments). */
size_t	 i18n_count(const struct i18n *);
const char *i18n_key(const struct i18n *, size_t i);
/* The text of key i in language li with no arguments. */
const char *i18n_plain(const struct i18n *, size_t li, size_t i);
/* The raw pattern of key i in language li. */
const char *i18n_pattern(const struct i18n *, size_t li, size_t i);
/* 1 when the pattern of key i takes arguments. */
int	 i18n_takes_args(const struct i18n *, size_t i);
/*
 * Formats key with numeric arguments in language li; caller frees.
 * A key the theme lacks gives the key itself (reported at load).
 */
char	*i18n_msg(const struct i18n *, size_t li, const char *key,
	    const double *args, size_t nargs);
/* The same with the formatter loc (a worker's own: ICU's are not thread-safe). */
char	*i18n_format(const struct i18n *, struct text_locale *loc, size_t li,
	    const char *key, const double *args, size_t nargs);
/* 1 when the theme defines key. */
int	 i18n_has(const struct i18n *, const char *key);

#endif /* I18N_H */
