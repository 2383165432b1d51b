/*
 * tmpl.cc: see tmpl.h.  The one C++ file: a bridge to ctemplate.
 */
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include <ctemplate/template.h>
#include <ctemplate/template_cache.h>
#include <ctemplate/template_dictionary.h>

extern "C" {
#include "util.h"
#include "tmpl.h"
}

struct tmpl_cache {
	ctemplate::TemplateCache	cache;
	std::string			dir;
};

struct tmpl_dict {
	ctemplate::TemplateDictionary	*d;
	bool				 owned;
};

/*
 * Section dictionaries are owned by ctemplate; the C side gets a
 * wrapper that lives in a pool owned by the top-level wrapper.
 */
struct dict_pool {
	tmpl_dict	  top;
	tmpl_dict	**kids;
	size_t		  n, cap;
};

extern "C" struct tmpl_cache *
tmpl_cache_new(const char *dir)
{
	tmpl_cache *c = new tmpl_cache;

	c->dir = dir;
	c->cache.SetTemplateRootDirectory(dir);
	return c;
}

extern "C" void
tmpl_cache_free(struct tmpl_cache *c)
{
	delete c;
}

/*
 * ctemplate reports syntax errors on stderr in its own words.  Catch
 * them in a temporary file while loading (a single-threaded step) and
 * re-issue them as "file:line: error:" diagnostics.
 */
static void
report_load_errors(const std::string &path, const char *text)
{
	const char *p = text;
	bool any = false;

	while (*p) {
		const char *eol = strchr(p, '\n');
		std::string line(p, eol ? (size_t)(eol - p) : strlen(p));
		int lineno = 0;
		size_t at = line.find("line ");

		if (at != std::string::npos)
			lineno = atoi(line.c_str() + at + 5);
		/* Drop ctemplate's "ERROR: " and "WARNING: " prefixes. */
		size_t colon = line.find(": ");
		std::string msg = colon != std::string::npos &&
		    colon < 10 ? line.substr(colon + 2) : line;
		if (!msg.empty()) {
			diag(DIAG_ERROR, path.c_str(), lineno, 0,
			    "%s; fix the template syntax", msg.c_str());
			any = true;
		}
		if (!eol)
			break;
		p = eol + 1;
	}
	if (!any)
		diag(DIAG_ERROR, path.c_str(), 0, 0,
		    "ctemplate cannot load this template; check that it exists "
		    "and its syntax");
}

extern "C" int
tmpl_cache_load(struct tmpl_cache *c, const char *name)
{
	std::string path = c->dir + "/" + name;
	FILE *tmp = tmpfile();
	int saved = -1;
	bool ok;

	if (access(path.c_str(), R_OK) != 0) {
		diag(DIAG_ERROR, path.c_str(), 0, 0,
		    "cannot read template: %s; every theme needs it",
		    strerror(errno));
		if (tmp)
			fclose(tmp);
		return -1;
	}
	fflush(stderr);
	if (tmp != NULL) {
		saved = dup(STDERR_FILENO);
		dup2(fileno(tmp), STDERR_FILENO);
	}
	ok = c->cache.LoadTemplate(name, ctemplate::DO_NOT_STRIP);
	if (tmp != NULL) {
		fflush(stderr);
		dup2(saved, STDERR_FILENO);
		close(saved);
	}
	if (!ok) {
		std::string text;
		char buf[4096];
		size_t n;

		if (tmp != NULL) {
			rewind(tmp);
			while ((n = fread(buf, 1, sizeof(buf), tmp)) > 0)
				text.append(buf, n);
		}
		report_load_errors(path, text.c_str());
	}
	if (tmp)
		fclose(tmp);
	return ok ? 0 : -1;
}

extern "C" void
tmpl_cache_freeze(struct tmpl_cache *c)
{
	c->cache.Freeze();
}

extern "C" struct tmpl_dict *
tmpl_dict_new(void)
{
	dict_pool *p = new dict_pool;

	p->top.d = new ctemplate::TemplateDictionary("page");
	p->top.owned = true;
	p->kids = NULL;
	p->n = p->cap = 0;
	return &p->top;
}

static dict_pool *
pool_of(struct tmpl_dict *top)
{
	return reinterpret_cast<dict_pool *>(top);
}

/* Sections record their top-level dictionary in a side table. */
struct section_dict {
	tmpl_dict	 base;
	tmpl_dict	*top;
};

extern "C" void
tmpl_dict_free(struct tmpl_dict *t)
{
	if (t == NULL)
		return;
	dict_pool *p = pool_of(t);
	for (size_t i = 0; i < p->n; i++)
		delete reinterpret_cast<section_dict *>(p->kids[i]);
	free(p->kids);
	delete p->top.d;
	delete p;
}

extern "C" void
tmpl_set(struct tmpl_dict *t, const char *key, const char *value)
{
	t->d->SetValue(key, value ? value : "");
}

extern "C" void
tmpl_setn(struct tmpl_dict *t, const char *key, const char *value, size_t len)
{
	t->d->SetValue(key, ctemplate::TemplateString(value, len));
}

extern "C" struct tmpl_dict *
tmpl_section(struct tmpl_dict *t, const char *name)
{
	tmpl_dict *top = t->owned ? t : reinterpret_cast<section_dict *>(t)->top;
	dict_pool *p = pool_of(top);
	section_dict *s = new section_dict;

	s->base.d = t->d->AddSectionDictionary(name);
	s->base.owned = false;
	s->top = top;
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 16;
		p->kids = static_cast<tmpl_dict **>(xreallocarray(p->kids,
		    p->cap, sizeof(*p->kids)));
	}
	p->kids[p->n++] = &s->base;
	return &s->base;
}

extern "C" void
tmpl_show(struct tmpl_dict *t, const char *name)
{
	t->d->ShowSection(name);
}

extern "C" int
tmpl_expand(const struct tmpl_cache *c, const char *name,
    const struct tmpl_dict *t, struct strbuf *out)
{
	std::string s;

	if (!c->cache.ExpandNoLoad(name, ctemplate::DO_NOT_STRIP, t->d, NULL,
	    &s)) {
		diag(DIAG_ERROR, (c->dir + "/" + name).c_str(), 0, 0,
		    "cannot expand template; was it loaded?");
		return -1;
	}
	sb_add(out, s.data(), s.size());
	return 0;
}
