/*
 * sig.c: the signatures of the articles (as a list shows one, and in
 * full) and of each language's search index: the inputs most pages
 * hash, made once per build.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "input/config.h"
#include "content/content.h"
#include "model/archive.h"
#include "plan/plan.h"
#include "plan/plan_int.h"

/* An article as a list item, a link or a neighbour shows it. */
static void
sig_brief(const struct article *a, struct plan_sig *out)
{
	XXH3_state_t h;
	const struct article_image *hero = article_hero(a);

	XXH3_128bits_reset(&h);
	h_str(&h, a->url);
	h_str(&h, a->title);
	h_str(&h, a->summary);
	h_num(&h, a->lang);
	h_date(&h, &a->date);
	h_date(&h, &a->updated);
	h_num(&h, (uint64_t)a->has_updated);
	h_str(&h, a->author);
	h_str(&h, a->image);
	if (hero != NULL)
		h_image(&h, hero);
	h_done(&h, out);
}

/* An article as its own page and its feed entry show it. */
static void
sig_full(const struct article *a, const struct plan_sig *brief,
    struct plan_sig *out)
{
	XXH3_state_t h;
	size_t k;

	XXH3_128bits_reset(&h);
	h_sig(&h, brief);
	XXH3_128bits_update(&h, a->body_sig, sizeof(a->body_sig));
	h_num(&h, (uint64_t)a->draft);
	for (k = 0; k < a->ntags; k++)
		h_str(&h, a->tags[k]);
	h_num(&h, a->ntags);
	for (k = 0; a->extra && a->extra[k]; k++)
		h_str(&h, a->extra[k]);
	h_str(&h, "authors");
	for (k = 0; k < a->nauthors; k++)
		h_str(&h, a->authors[k]);
	h_num(&h, a->nauthors);
	h_str(&h, a->section);
	for (k = 0; k < a->nimages; k++)
		h_image(&h, &a->images[k]);
	h_num(&h, a->nimages);
	h_done(&h, out);
}

void
plan_sign_articles(struct pl *q)
{
	size_t li, i;

	q->as = xcalloc(q->c->nlangs, sizeof(*q->as));
	for (li = 0; li < q->c->nlangs; li++) {
		const struct lang_archive *la = &q->ar->langs[li];

		q->as[li].brief = xcalloc(la->n + 1, sizeof(struct plan_sig));
		q->as[li].full = xcalloc(la->n + 1, sizeof(struct plan_sig));
		for (i = 0; i < la->n; i++) {
			sig_brief(la->arts[i], &q->as[li].brief[i]);
			sig_full(la->arts[i], &q->as[li].brief[i],
			    &q->as[li].full[i]);
		}
	}
}

void
plan_unsign_articles(struct pl *q)
{
	size_t li;

	for (li = 0; li < q->c->nlangs; li++) {
		free(q->as[li].brief);
		free(q->as[li].full);
	}
	free(q->as);
	q->as = NULL;
}

/*
 * A language's search index reads every article of it (text, title,
 * summary, entities), the registry's names, the site and the
 * language's entity list: when none changed, its files are the same.
 * The list is not its articles' entities alone: a registry entity
 * mentioned only in another language has a page, and a place in the
 * index, here too, so an article deleted there can change it.
 */
void
plan_sign_search(struct pl *q)
{
	struct plan *p = q->p;
	size_t li, i, k;

	p->search = xcalloc(q->c->nlangs, sizeof(*p->search));
	for (li = 0; li < q->c->nlangs; li++) {
		const struct lang_archive *la = &q->ar->langs[li];
		XXH3_state_t h;

		h_page(q, &h, PLAN_SEARCH, li, "search index");
		h_sig(&h, &q->reg);
		for (i = 0; i < la->n; i++) {
			const struct article *a = la->arts[i];

			h_sig(&h, &q->as[li].full[i]);
			for (k = 0; k < a->nentity; k++)
				h_entity(&h, a->entity[k]);
			h_num(&h, a->nentity);
		}
		for (k = 0; k < la->nents; k++)
			h_entity(&h, la->ents[k]);
		h_num(&h, la->nents);
		h_done(&h, &p->search[li]);
	}
}
