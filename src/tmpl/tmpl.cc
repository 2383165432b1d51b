/*
 * tmpl.cc: see tmpl.h.  The one C++ file: a bridge to ctemplate.
 */
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include <ctemplate/template.h>
#include <ctemplate/template_cache.h>
#include <ctemplate/template_dictionary.h>

extern "C" {
#include "base/util.h"
#include "tmpl/tmpl.h"
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
 * ctemplate says what is wrong with a template but seldom where.  When
 * a load fails, the markers are scanned here to find the line: a
 * section closed that is not the one open, a section never closed, a
 * "{{" never closed.  Returns 1 after reporting, 0 if nothing was found.
 */
static int
find_syntax_error(const std::string &path)
{
	FILE *f = fopen(path.c_str(), "r");
	std::string text;
	std::vector<std::pair<std::string, int> > open;
	char buf[4096];
	size_t n, i = 0;
	int line = 1;

	if (f == NULL)
		return 0;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		text.append(buf, n);
	fclose(f);
	while (i < text.size()) {
		if (text[i] == '\n') {
			line++;
			i++;
			continue;
		}
		if (text.compare(i, 2, "{{") != 0) {
			i++;
			continue;
		}
		size_t end = text.find("}}", i + 2);
		if (end == std::string::npos) {
			diag(DIAG_ERROR, path.c_str(), line, 0, "'{{' is never "
			    "closed; end the marker with '}}'");
			return 1;
		}
		std::string m = text.substr(i + 2, end - i - 2);
		int start = line;

		for (size_t k = i; k < end; k++)
			if (text[k] == '\n')
				line++;
		if (!m.empty() && m[0] == '#')
			open.push_back(std::make_pair(m.substr(1), start));
		else if (!m.empty() && m[0] == '/') {
			std::string name = m.substr(1);

			if (open.empty()) {
				diag(DIAG_ERROR, path.c_str(), start, 0,
				    "{{/%s}} closes a section that was never "
				    "opened; remove it or add {{#%s}} before it",
				    name.c_str(), name.c_str());
				return 1;
			}
			if (open.back().first != name) {
				diag(DIAG_ERROR, path.c_str(), start, 0,
				    "{{/%s}} closes a section, but {{#%s}} opened "
				    "at line %d is still open; close it first",
				    name.c_str(), open.back().first.c_str(),
				    open.back().second);
				return 1;
			}
			open.pop_back();
		}
		i = end + 2;
	}
	if (!open.empty()) {
		diag(DIAG_ERROR, path.c_str(), open.back().second, 0,
		    "{{#%s}} is never closed; add {{/%s}}",
		    open.back().first.c_str(), open.back().first.c_str());
		return 1;
	}
	return 0;
}

/*
 * ctemplate reports syntax errors on stderr in its own words, over
 * several lines.  Catch them in a temporary file while loading (a
 * single-threaded step) and re-issue them as one diagnostic, unless
 * find_syntax_error() could say where.
 */
static void
report_load_errors(const std::string &path, const char *text)
{
	std::string msg;
	const char *p = text;

	if (find_syntax_error(path))
		return;
	while (*p) {
		const char *eol = strchr(p, '\n');
		std::string line(p, eol ? (size_t)(eol - p) : strlen(p));
		size_t at;

		/* Drop ctemplate's "Template <path>: " and "ERROR: ". */
		if ((at = line.find("ERROR: ")) != std::string::npos)
			line = line.substr(at + 7);
		while (!line.empty() && line[0] == ' ')
			line.erase(0, 1);
		if (!line.empty())
			msg += (msg.empty() ? "" : "; ") + line;
		if (!eol)
			break;
		p = eol + 1;
	}
	diag(DIAG_ERROR, path.c_str(), 0, 0, "%s; fix the template syntax",
	    msg.empty() ? "ctemplate cannot load this template" : msg.c_str());
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
