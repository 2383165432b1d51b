/*
 * registry.h: the site's entity registry (entities.yaml): one identity
 * per person, place or organisation across every language, with its
 * names, aliases and descriptions, and the matcher that finds its
 * names in article text.
 */
#ifndef REGISTRY_H
#define REGISTRY_H

#include <stddef.h>

struct config;

struct reg_entity {
	char	 *id;		/* [a-z0-9-], unique */
	char	 *type;		/* people, places, organisations, ... */
	char	**name;		/* per language; NULL where none */
	char	**desc_html;	/* per language: rendered Markdown, or NULL */
	char	 *wikidata;	/* Q-id or NULL */
	int	  line;		/* where it is defined */
	int	  id_line, id_col;	/* where its id is written */
};

struct registry;

/*
 * Reads SOURCE/entities.yaml if there is one (*out NULL and 0 if not).
 * Reports every problem and returns -1 if any is an error.  Free with
 * registry_free().
 */
int	 registry_load(const struct config *, struct registry **out);
void	 registry_free(struct registry *);
size_t	 registry_count(const struct registry *);
const struct reg_entity *registry_at(const struct registry *, size_t i);
/* Index of an entity in the registry (for per-entity arrays). */
size_t	 registry_index(const struct registry *, const struct reg_entity *);
/* The registry's file as diagnostics show it. */
const char *registry_path(const struct registry *);

/* The entity with this id, or NULL (a cached parse names entities by id). */
const struct reg_entity *registry_by_id(const struct registry *,
	    const char *id);

/*
 * The entity a name (in any language, any alias) stands for.  Returns
 * it, or NULL when none; sets *other when the name belongs to two
 * entities (an ambiguity the caller reports).  When two entities have
 * names that fold alike, the name as written (NFC, with its harakat or
 * shadda) decides if it is one of theirs: "عمّان" is Amman, "عُمان"
 * Oman, and only a bare "عمان" is ambiguous.  Such names are never
 * matched in text, where folding would lose that difference.
 */
const struct reg_entity *registry_lookup(const struct registry *,
	    const char *name, const struct reg_entity **other);

/*
 * The aliases, in the order read: the i-th one's text (borrowed), its
 * language in *li and its entity in *e.  (Names are reg_entity.name.)
 */
size_t	 registry_alias_count(const struct registry *);
const char *registry_alias_at(const struct registry *, size_t i, size_t *li,
	    const struct reg_entity **e);

/*
 * Finds the registry's names and aliases of language li in text:
 * whole words only (ICU word breaks), Arabic proclitics allowed on the
 * first word, Latin names only where written with a capital, never a
 * name marked ambiguous.  Appends each entity found once to *out
 * (caller frees), in order of first mention; returns the new count.
 * Cost grows with the text, not with the registry.
 */
size_t	 registry_mentions(const struct registry *, size_t li,
	    const char *text, const struct reg_entity ***out, size_t n);

#endif /* REGISTRY_H */
