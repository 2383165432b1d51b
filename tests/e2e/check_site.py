#!/usr/bin/env python3
"""check_site.py: what a built arshif site must hold, derived from its source.

  check_site.py pages SRC SITE      every kind of page, with the right content
  check_site.py hreflang SITE       hreflang alternates are reciprocal
  check_site.py drafts SRC SITE     a build made with --drafts holds the drafts
  check_site.py registry SRC SITE [COLLATE]
                                    the entities of SRC/entities.yaml: one page
                                    per language, linked by hreflang, per-type
                                    indexes, index order (COLLATE: a program
                                    that sorts stdin lines for a locale, argv[1])

Expectations come from SRC (site.yaml, entities.yaml and the front matter
of content/): titles, dates, slugs, entities, translation keys, drafts.  A few known
strings of the sample content are asserted too (month names, the Hijri
and Persian dates of some sample articles).  Prints one "ok"/"not ok"
line per check (see sitelib.Report); exits 1 when one failed.
"""
import math
import os
import re
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import sitelib  # noqa: E402
from sitelib import norm  # noqa: E402

ATOM = "{http://www.w3.org/2005/Atom}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# Gregorian month names of ICU/CLDR, as arshif prints them (a prefix is
# enough: Persian adds the ezafe to some months, "ژوئیهٔ").
MONTHS = {
    "ar": ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو",
           "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"],
    "en": ["January", "February", "March", "April", "May", "June", "July",
           "August", "September", "October", "November", "December"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet",
           "août", "septembre", "octobre", "novembre", "décembre"],
    "fa": ["ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن", "ژوئیه",
           "اوت", "سپتامبر", "اکتبر", "نوامبر", "دسامبر"],
}

# The same day in the other calendar, checked by hand (Umm al-Qura tables,
# the Iranian calendar): (language, date) -> text the page must show.
OTHER_CALENDAR_KNOWN = {
    ("ar", "2020-08-06"): "16 ذو الحجة 1441",
    ("ar", "2021-04-19"): "7 رمضان 1442",
    ("ar", "2022-05-03"): "2 شوال 1443",
    ("ar", "2019-06-20"): "17 شوال 1440",
    ("fa", "2019-03-13"): "۲۲ اسفند ۱۳۹۷",
    ("fa", "2020-03-20"): "۱ فروردین ۱۳۹۹",
    ("fa", "2021-07-08"): "۱۷ تیر ۱۴۰۰",
    ("fa", "2022-08-10"): "۱۹ مرداد ۱۴۰۱",
}
# Era markers of the other calendars in the sample's languages.
ERA = {("ar", "islamic-umalqura"): "هـ", ("fa", "persian"): "ه\u200d.ش."}


def rel(site, p):
    return os.path.relpath(p, site)


# ---------------------------------------------------------------- registry
#
# entities.yaml, read with the subset of YAML the sample uses: a list of
# maps whose names/aliases/ambiguous are flow maps on one line (or block
# maps of scalars and flow lists); description is a block map, skipped.

# Arabic marks and tatweel that name matching ignores; letter families
# that spellings mix (what arshif's text_fold does).
def _arabic_ignorable(o):
    return (o == 0x0640 or 0x064B <= o <= 0x065F or o == 0x0670 or
            0x06D6 <= o <= 0x06ED or 0x0610 <= o <= 0x061A)


_UNIFY = {0x0622: 0x0627, 0x0623: 0x0627, 0x0625: 0x0627, 0x0671: 0x0627,
          0x0672: 0x0627, 0x0673: 0x0627, 0x0629: 0x0647, 0x0649: 0x064A,
          0x06CC: 0x064A, 0x06D2: 0x064A, 0x06A9: 0x0643, 0x0624: 0x0648,
          0x0626: 0x064A}


def fold(s):
    """A name folded for matching: case, width, harakat, letter variants."""
    s = unicodedata.normalize("NFKC", s).casefold()
    out = []
    for ch in s:
        o = ord(ch)
        if _arabic_ignorable(o) or o in (0x200C, 0x200D):
            continue
        out.append(chr(_UNIFY.get(o, o)))
    return " ".join("".join(out).split())


def slug_guess(name, ascii_):
    """The URL segment arshif makes of a name (text_slug), for the
    names of the sample: case-folded, marks dropped (all of them for
    ASCII slugs, Arabic harakat for Unicode ones), runs of other
    characters turned into one '-'."""
    s = unicodedata.normalize("NFKC", name).casefold()
    if ascii_:
        s = "".join(c for c in unicodedata.normalize("NFKD", s)
                    if not unicodedata.category(c).startswith("M"))
    out, sep = [], False
    for ch in s:
        if _arabic_ignorable(ord(ch)):
            continue
        if ch.isdigit():
            ch = str(unicodedata.digit(ch, 0))
        elif not (ch.isalpha() or unicodedata.category(ch).startswith("M")) or \
                (ascii_ and ord(ch) > 0x7F):
            sep = bool(out)
            continue
        if sep:
            out.append("-")
            sep = False
        out.append(ch)
    return "".join(out)


def _split_flow(inner):
    """Top-level comma-separated parts of a flow collection's inside."""
    parts, cur, depth, q = [], [], 0, None
    for ch in inner:
        if q:
            cur.append(ch)
            if ch == q:
                q = None
            continue
        if ch in "\"'":
            q = ch
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append("".join(cur))
            cur = []
            continue
        cur.append(ch)
    if "".join(cur).strip():
        parts.append("".join(cur))
    return parts


def _flow_value(v):
    v = v.strip()
    if v.startswith("["):
        inner = v[1:v.rindex("]")]
        return [sitelib._scalar(x) for x in _split_flow(inner) if x.strip()]
    return sitelib._scalar(v)


def _flow_map(v):
    v = v.strip()
    inner = v[1:v.rindex("}")]
    res = {}
    for part in _split_flow(inner):
        k, _, val = part.partition(":")
        res[k.strip()] = _flow_value(val)
    return res


class Registry:
    """The entities of SRC/entities.yaml (none when there is no file)."""

    def __init__(self, src, conf):
        self.conf = conf
        self.ents = []
        self.by_name = {}
        path = os.path.join(src, "entities.yaml")
        if not os.path.isfile(path):
            return
        cur = block = None
        with open(path, encoding="utf-8") as f:
            for n, raw in enumerate(f, 1):
                line = raw.rstrip("\n")
                if not line.strip() or line.lstrip().startswith("#"):
                    continue
                indent = len(line) - len(line.lstrip())
                s = line.strip()
                if indent == 0 and s.startswith("- "):
                    cur = {"names": {}, "aliases": {}, "ambiguous": {},
                           "description": {}, "line": n}
                    self.ents.append(cur)
                    s = s[2:]
                    indent = 2
                if cur is None:
                    raise ValueError("entities.yaml:%d: not a list item" % n)
                if indent == 2:
                    k, _, v = s.partition(":")
                    k, v = k.strip(), v.strip()
                    block = None
                    if k in ("names", "aliases", "ambiguous", "description"):
                        if v.startswith("{"):
                            cur[k] = _flow_map(v)
                        else:
                            block = k
                    elif k in ("id", "type", "wikidata"):
                        cur[k] = sitelib._scalar(v)
                elif indent > 2 and block:
                    k, _, v = s.partition(":")
                    cur[block][k.strip()] = _flow_value(v)
        for e in self.ents:
            if not e.get("id") or not e.get("type") or not e["names"]:
                raise ValueError("entities.yaml:%d: entity without id, type "
                                 "or names (the checker's reader is too simple?)"
                                 % e["line"])
            if e["type"] == "organizations":
                e["type"] = "organisations"
            for nm in self.all_names(e):
                self.by_name.setdefault(fold(nm), []).append(e)

    def all_names(self, e):
        res = list(e["names"].values())
        for k in ("aliases", "ambiguous"):
            for v in e[k].values():
                res += v if isinstance(v, list) else [v]
        return res

    def lookup(self, name):
        hits = self.by_name.get(fold(name), [])
        ids = {e["id"] for e in hits}
        return hits[0] if len(ids) == 1 else None

    def name(self, e, L):
        """The name e goes by in language L (arshif's reg_name)."""
        if e["names"].get(L):
            return e["names"][L]
        dl = self.conf["default_language"]
        if e["names"].get(dl):
            return e["names"][dl]
        for c in self.conf["codes"]:
            if e["names"].get(c):
                return e["names"][c]
        return e["id"]

    def text_names(self, e, L):
        """The names of e arshif looks for in the text of language L."""
        res = [e["names"][L]] if e["names"].get(L) else []
        v = e["aliases"].get(L) or []
        res += v if isinstance(v, list) else [v]
        amb = e["ambiguous"].get(L) or []
        amb = {fold(x) for x in (amb if isinstance(amb, list) else [amb])}
        return [x for x in res if fold(x) not in amb]


def slug_ascii(conf, L):
    for l in conf["languages"]:
        if l["code"] == L and l.get("slugs") in ("ascii", "unicode"):
            return l["slugs"] == "ascii"
    return L.split("-")[0] not in sitelib.RTL_LANGS


def body_text(path):
    """An article's Markdown body, without its front matter."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    parts = re.split(r"^---[ \t]*$", text, maxsplit=2, flags=re.M)
    return parts[2] if len(parts) == 3 else ""


class Site:
    def __init__(self, src, site):
        self.src = src
        self.site = os.path.abspath(site)
        self.conf = sitelib.read_site_yaml(src)
        self.base = self.conf.get("base_url", "/")
        self.all = sitelib.read_articles(src, self.conf)
        self.pages = sitelib.html_files(self.site)
        self.reg = Registry(src, self.conf)

    def dom(self, p):
        return sitelib.parse_html(p)

    def link_target(self, page, href):
        """index.html (or file) an href of page leads to, or None."""
        if sitelib.is_external(href) or href.startswith("#"):
            return None
        t = sitelib.resolve_link(self.site, page, href)
        if t is None:
            return None
        if os.path.isdir(t):
            t = os.path.join(t, "index.html")
        return t if os.path.isfile(t) else None

    def links(self, page, node=None):
        """(a element, target file) of the <a href> of page (or of node)."""
        root = node if node is not None else self.dom(page)
        return [(a, self.link_target(page, a.get("href") or ""))
                for a in root.find_all("a") if a.get("href") is not None]

    def h1(self, p):
        n = self.dom(p).find("h1")
        return norm(n.text()) if n is not None else None

    def html_attrs(self, p):
        n = self.dom(p).find("html")
        return (n.get("lang"), n.get("dir")) if n is not None else (None, None)

    def chips(self, p):
        """(name, target, type) of the entity chips of an article page."""
        res = []
        for li in self.dom(p).find_all("li", cls="chip"):
            a = li.find("a")
            if a is None:
                continue
            typ = [c[len("chip--"):] for c in li.classes() if c.startswith("chip--")]
            res.append((norm(a.text()), self.link_target(p, a.get("href") or ""),
                        typ[0] if typ else None))
        return res

    def items(self, p):
        """Targets of the article list of a list page (class item__title)."""
        res = []
        for h in self.dom(p).find_all(cls="item__title"):
            a = h.find("a")
            if a is not None:
                res.append((norm(a.text()), self.link_target(p, a.get("href") or "")))
        return res

    def list_all_pages(self, first):
        """first, then its numbered pages newest first: pages are numbered
        from the oldest (page/1/ holds the oldest articles)."""
        d = os.path.dirname(first)
        n = 0
        while os.path.isfile(os.path.join(d, "page", str(n + 1), "index.html")):
            n += 1
        return [first] + [os.path.join(d, "page", str(k), "index.html")
                          for k in range(n, 0, -1)]


# ---------------------------------------------------------------- pages


def check_articles(s, rep, L, arts):
    """Finds each article's page; checks URL, title, <time>, lang/dir, trail."""
    probs = []
    dirn = sitelib.lang_dir(s.conf, L)
    by_title = {}
    for p in s.pages:
        r = rel(s.site, p).split(os.sep)
        if len(r) == 6 and r[0] == L and re.fullmatch(r"\d{4}", r[1]) and r[5] == "index.html":
            by_title.setdefault(s.h1(p), []).append(p)
    found = 0
    for a in arts:
        y, m, d = a.ymd.split("-")
        cands = [p for p in by_title.get(norm(a.title), [])
                 if rel(s.site, p).split(os.sep)[1:4] == [y, m, d]]
        if len(cands) != 1:
            probs.append("%s: %d pages under %s/%s/%s/%s/ with h1 '%s'" %
                         (a, len(cands), L, y, m, d, a.title))
            continue
        p = a.page = cands[0]
        found += 1
        r = rel(s.site, p)
        if a.slug and r.split(os.sep)[4] != a.slug:
            probs.append("%s: slug: %s, but the page is %s" % (a, a.slug, r))
        lang, dr = s.html_attrs(p)
        if (lang, dr) != (L, dirn):
            probs.append("%s: <html lang=%s dir=%s>, want %s %s" % (r, lang, dr, L, dirn))
        t = s.dom(p).find("title")
        if t is None or norm(a.title) not in norm(t.text()):
            probs.append("%s: <title> lacks the title" % r)
        art = s.dom(p).find("article") or s.dom(p)
        times = [x.get("datetime") or "" for x in art.find_all("time")]
        if not times or not times[0].startswith(a.ymd):
            probs.append("%s: first <time datetime> is %s, want %s..." %
                         (r, times[:1], a.ymd))
        targets = {t for _, t in s.links(p)}
        for want in (os.path.join(s.site, L, y, "index.html"),
                     os.path.join(s.site, L, y, m, "index.html"),
                     os.path.join(s.site, L, y, m, d, "index.html")):
            if want not in targets:
                probs.append("%s: no link to %s" % (r, rel(s.site, want)))
    rep.check("%s: %d article pages at <lang>/<yyyy>/<mm>/<dd>/<slug>/ with title, "
              "<time datetime>, lang/dir, date trail" % (L, found), probs)


def check_entities_linked(s, rep, L, arts):
    probs = []
    n = 0
    for a in arts:
        if a.page is None:
            continue
        links = s.links(a.page)
        for typ, name in a.entities:
            # A registry entity goes by its name in this language, whatever
            # name or alias the front matter used.
            e = s.reg.lookup(name)
            if e:
                name = s.reg.name(e, L)
            hits = [t for x, t in links if norm(x.text()) == norm(name)
                    and t and rel(s.site, t).startswith(os.path.join(L, "entities") + os.sep)]
            if not hits:
                probs.append("%s: entity '%s' not linked to an entity page" % (a, name))
                continue
            n += 1
            ep = hits[0]
            if s.h1(ep) != norm(name):
                probs.append("%s: entity page has h1 '%s'" % (rel(s.site, ep), s.h1(ep)))
            listed = set()
            for lp in s.list_all_pages(ep):
                listed |= {t for _, t in s.items(lp)}
            if a.page not in listed:
                probs.append("%s does not list %s" % (rel(s.site, ep), a))
    rep.check("%s: %d entity links on article pages reach the entity page, "
              "which lists the article back" % (L, n), probs)


def check_translations(s, rep, L, arts, everyone):
    probs = []
    n = 0
    for a in arts:
        if a.page is None:
            continue
        members = [b for b in everyone if a.key and b.key == a.key and b is not a]
        dom = s.dom(a.page)
        box = dom.find(cls="translations")
        got = {}
        if box is not None:
            for x, t in s.links(a.page, box):
                got[t] = x
        for b in members:
            if b.page is None:
                continue
            x = got.pop(b.page, None)
            if x is None:
                probs.append("%s: no link to its %s translation %s" % (a, b.lang, b))
                continue
            n += 1
            if x.get("hreflang") != b.lang or x.get("lang") != b.lang:
                probs.append("%s: translation link to %s has hreflang=%s lang=%s"
                             % (a, b.lang, x.get("hreflang"), x.get("lang")))
            if norm(x.text()) != norm(b.title):
                probs.append("%s: translation link text '%s', want '%s'"
                             % (a, norm(x.text()), b.title))
        for t in got:
            probs.append("%s: links %s, not one of its translations" %
                         (a, rel(s.site, t) if t else "a missing page"))
        if not members and box is not None:
            probs.append("%s: has no translation_key but shows translations" % a)
    rep.check("%s: %d translation links, to exactly the other versions" % (L, n), probs)


def check_prev_next(s, rep, L, arts):
    """rel=prev/next of article pages: one chain through every article,
    newest to oldest, dates never increasing, next the inverse of prev."""
    probs = []
    pages = {a.page: a for a in arts if a.page}
    prev, nxt = {}, {}
    for p in pages:
        nav = s.dom(p).find(cls="article-nav") or s.dom(p)
        for x, t in s.links(p, nav):
            r = (x.get("rel") or "").split()
            if "prev" in r:
                prev[p] = t
            if "next" in r:
                nxt[p] = t
    heads = [p for p in pages if p not in nxt]
    if len(heads) != 1:
        probs.append("%d article pages without rel=next (want 1, the newest)" % len(heads))
    else:
        seen = []
        p = heads[0]
        newest = max(a.ymd for a in pages.values())
        if pages[p].ymd != newest:
            probs.append("the page without rel=next is %s, not of the newest day %s" %
                         (pages[p], newest))
        while p is not None and p not in seen:
            seen.append(p)
            q = prev.get(p)
            if q is not None:
                if q not in pages:
                    probs.append("%s: rel=prev leads to %s" % (pages[p], q))
                    break
                if nxt.get(q) != p:
                    probs.append("%s: rel=prev is %s whose rel=next is not back" %
                                 (pages[p], pages[q]))
                if pages[q].ymd > pages[p].ymd:
                    probs.append("%s: rel=prev %s is newer" % (pages[p], pages[q]))
            p = q
        if len(seen) != len(pages):
            probs.append("following rel=prev from the newest visits %d of %d articles"
                         % (len(seen), len(pages)))
    rep.check("%s: previous/next links chain all %d articles by date" % (L, len(pages)), probs)


def check_home(s, rep, L, arts):
    probs = []
    per = s.conf["paginate"]
    home = os.path.join(s.site, L, "index.html")
    if not os.path.isfile(home):
        rep.check("%s: home page" % L, ["no %s/index.html" % L])
        return
    if s.html_attrs(home) != (L, sitelib.lang_dir(s.conf, L)):
        probs.append("home: <html lang dir> is %s" % (s.html_attrs(home),))
    # The heading says what the page is: the theme's home_heading, not the masthead again.
    title = s.conf["title"].get(L)
    want = None
    strings = os.path.join(s.src, "templates", "i18n", L + ".yaml")
    if not os.path.exists(strings):
        strings = os.path.join(os.path.dirname(os.path.dirname(HERE)), "templates", "i18n", L + ".yaml")
    if os.path.exists(strings):
        with open(strings, encoding="utf-8") as f:
            for line in f:
                m = re.match(r'home_heading:\s*"(.*)"\s*$', line)
                if m:
                    want = m.group(1)
    want = want or title
    if want and s.h1(home) != norm(want):
        probs.append("home: h1 '%s', want '%s'" % (s.h1(home), want))
    # Full numbered pages from the oldest; the home holds the rest (per..2per-1).
    sealed = len(arts) // per - 1 if len(arts) >= per else 0
    npages = sealed + 1
    pages = s.list_all_pages(home)
    if len(pages) != npages:
        probs.append("%d home pages, want %d (%d articles, paginate %d)" %
                     (len(pages), npages, len(arts), per))
    if os.path.exists(os.path.join(s.site, L, "page", str(npages))):
        probs.append("%s/page/%d/ exists: the newest page is the home itself" % (L, npages))
    listed = []
    for i, p in enumerate(pages):
        its = s.items(p)
        want = len(arts) - sealed * per if i == 0 else per
        if len(its) != want:
            probs.append("%s: %d items, want %d" % (rel(s.site, p), len(its), want))
        listed += [t for _, t in its]
        if i + 1 < len(pages):
            nxt = pages[i + 1]
            if nxt not in {t for _, t in s.links(p)}:
                probs.append("%s: no link to the next older page" % rel(s.site, p))
    want = {a.page for a in arts if a.page}
    if sorted(map(str, listed)) != sorted(map(str, want)) or len(listed) != len(set(listed)):
        probs.append("the home pages do not list every article once: %d listed, %d articles"
                     % (len(listed), len(want)))
    newest = max(a.ymd for a in arts)
    its = s.items(home)
    if its and not any(a.page == its[0][1] and a.ymd == newest for a in arts):
        probs.append("home: first item '%s' is not of the newest day %s" % (its[0][0], newest))
    for i, t in enumerate(listed[:-1]):
        a = next((x for x in arts if x.page == t), None)
        b = next((x for x in arts if x.page == listed[i + 1]), None)
        if a and b and a.ymd < b.ymd:
            probs.append("home: %s listed before the newer %s" % (a, b))
    extra = "" if npages == 1 else (", page/1/" if npages == 2 else
                                    ", page/%d/ to page/1/" % (npages - 1))
    rep.check("%s: home page%s, %d articles newest first, %d per numbered page" %
              (L, extra, len(arts), per), probs)


def check_dates(s, rep, L, arts):
    """Year, month and day pages: exactly the periods with articles; the
    localised heading; the articles of the period."""
    probs = []
    conf = s.conf
    want = {}
    for a in arts:
        y, m, d = a.ymd.split("-")
        for k in ((y,), (y, m), (y, m, d)):
            want.setdefault(k, set()).add(a)
    have = set()
    for p in s.pages:
        r = rel(s.site, p).split(os.sep)
        if r[0] == L and len(r) >= 3 and re.fullmatch(r"\d{4}", r[1]):
            parts = []
            for x in r[1:-1]:
                if re.fullmatch(r"\d{2,4}", x):
                    parts.append(x)
                else:
                    break
            if len(parts) == len(r) - 2 and len(parts) <= 3:
                have.add(tuple(parts))
    for k in sorted(have - set(want)):
        probs.append("%s/%s/ exists but has no article" % (L, "/".join(k)))
    months = MONTHS.get(L)
    samples = []
    for k in sorted(want):
        p = os.path.join(s.site, L, *k, "index.html")
        if not os.path.isfile(p):
            probs.append("no %s" % rel(s.site, p))
            continue
        h = s.h1(p) or ""
        need = [sitelib.local_digits(conf, L, k[0])]
        if len(k) >= 2 and months:
            need.append(months[int(k[1]) - 1])
        if len(k) == 3:
            need.append(sitelib.local_digits(conf, L, str(int(k[2]))))
        for w in need:
            if w not in h:
                probs.append("%s: heading '%s' lacks '%s'" % (rel(s.site, p), h, w))
        if len(k) == 2 and not samples:
            samples.append("%s/%s/ '%s'" % (L, "/".join(k), h))
        listed = set()
        for lp in s.list_all_pages(p):
            listed |= {t for _, t in s.items(lp)}
        exp = {a.page for a in want[k] if a.page}
        if listed != exp:
            probs.append("%s lists %d articles, want %d" % (rel(s.site, p), len(listed), len(exp)))
        if s.html_attrs(p) != (L, sitelib.lang_dir(conf, L)):
            probs.append("%s: <html lang dir> is %s" % (rel(s.site, p), s.html_attrs(p)))
    nk = [len([k for k in want if len(k) == i]) for i in (1, 2, 3)]
    rep.check("%s: %d year, %d month, %d day pages with localised headings (e.g. %s)" %
              (L, nk[0], nk[1], nk[2], samples[0] if samples else "-"), probs)


def registry_in_use(s):
    """Ids of the registry entities some article names (front matter) or
    shows (chips: names found in the text), in any language."""
    used = set()
    for L in s.conf["codes"]:
        for a in s.all[L]:
            if a.draft:
                continue
            for _, name in a.entities:
                e = s.reg.lookup(name)
                if e:
                    used.add(e["id"])
            if a.page:
                for nm, _, _ in s.chips(a.page):
                    e = s.reg.lookup(nm)
                    if e:
                        used.add(e["id"])
    return used


def check_entity_index(s, rep, L, arts):
    probs = []
    idx = os.path.join(s.site, L, "entities", "index.html")
    if not os.path.isfile(idx):
        rep.check("%s: entity index" % L, ["no %s" % rel(s.site, idx)])
        return
    # What the index lists: every name of the front matter (a registry
    # entity under its name in this language), and every registry entity
    # in use in any language: it has a page in each language, even one
    # with no article about it yet.
    named = {}
    for a in arts:
        for _, name in set(a.entities):
            e = s.reg.lookup(name)
            nm = norm(s.reg.name(e, L)) if e else norm(name)
            named.setdefault(nm, set())
            if a.page:
                named[nm].add(a.page)
    want = set(named)
    used = registry_in_use(s)
    for e in s.reg.ents:
        if e["id"] in used:
            want.add(norm(s.reg.name(e, L)))
    # The articles that link each entity page (front matter and mentions).
    chipped = {}
    for a in arts:
        if a.page:
            for _, t, _ in s.chips(a.page):
                chipped.setdefault(t, set()).add(a.page)
    listed = {}
    main = s.dom(idx).find("main") or s.dom(idx)
    for x, t in s.links(idx, main):
        if t and rel(s.site, t).startswith(os.path.join(L, "entities") + os.sep) and t != idx:
            nm = norm(x.text())
            if nm in listed:
                probs.append("entity index lists '%s' twice" % nm)
            listed[nm] = t
    for nm in sorted(want - set(listed)):
        probs.append("entity index lacks '%s'" % nm)
    for nm in sorted(set(listed) - want):
        probs.append("entity index lists '%s', named by no article and no "
                     "registry entity in use" % nm)
    for nm, t in sorted(listed.items()):
        if s.h1(t) != nm:
            probs.append("%s: h1 '%s', want '%s'" % (rel(s.site, t), s.h1(t), nm))
        got = set()
        for p in s.list_all_pages(t):
            got |= {x for _, x in s.items(p)}
        if got != chipped.get(t, set()):
            probs.append("%s lists %d articles, %d link to it" %
                         (rel(s.site, t), len(got), len(chipped.get(t, set()))))
        if not named.get(nm, set()) <= got:
            probs.append("%s lacks articles that name it in front matter" % rel(s.site, t))
    if s.html_attrs(idx) != (L, sitelib.lang_dir(s.conf, L)):
        probs.append("entity index: <html lang dir> is %s" % (s.html_attrs(idx),))
    rep.check("%s: entity index lists the %d entities (%d named in %s front matter), "
              "each page lists the articles that link it" % (L, len(want), len(named), L),
              probs)


def check_calendars(s, rep, L, arts):
    cals = []
    for l in s.conf["languages"]:
        if l["code"] == L:
            cals = l.get("calendars") or []
    probs = []
    known = 0
    for a in arts:
        if a.page is None:
            continue
        spans = [norm(x.text()) for x in s.dom(a.page).find_all(cls="meta__calendar")]
        if len(spans) != len(cals):
            probs.append("%s: %d other-calendar dates, want %d (%s)" %
                         (a, len(spans), len(cals), cals))
            continue
        gy = int(a.ymd[:4])
        for cal, txt in zip(cals, spans):
            era = ERA.get((L, cal))
            if era and era not in txt:
                probs.append("%s: '%s' lacks the era '%s' of %s" % (a, txt, era, cal))
            digits = "".join(str(int(c)) if c.isdigit() else c for c in txt)
            years = [int(y) for y in re.findall(r"\d{4}", digits)]
            if cal == "persian" and not any(gy - 622 <= y <= gy - 621 for y in years):
                probs.append("%s: Persian date '%s' is not of year %d or %d" %
                             (a, txt, gy - 622, gy - 621))
            if cal.startswith("islamic"):
                frac = (int(a.ymd[5:7]) - 1) / 12
                hy = (gy + frac - 622.54) * 1.030684 + 1
                if not any(abs(y - hy) <= 1.1 for y in years):
                    probs.append("%s: Hijri date '%s' is not near year %.0f" % (a, txt, hy))
        k = OTHER_CALENDAR_KNOWN.get((L, a.ymd))
        if k is not None:
            known += 1
            if not any(k in t for t in spans):
                probs.append("%s: other calendar shows %s, want '%s'" % (a, spans, k))
    what = ", ".join(cals) if cals else "none"
    rep.check("%s: other-calendar dates on article pages (%s; %d checked by hand)" %
              (L, what, known), probs)


def check_feed(s, rep, L, arts):
    probs = []
    p = os.path.join(s.site, L, "feed.xml")
    try:
        root = ET.parse(p).getroot()
    except (OSError, ET.ParseError) as e:
        rep.check("%s: Atom feed" % L, ["%s: %s" % (rel(s.site, p), e)])
        return
    if root.tag != ATOM + "feed":
        probs.append("root element is %s, not Atom's feed" % root.tag)
    if root.get(XML_LANG) != L:
        probs.append("xml:lang is %s" % root.get(XML_LANG))
    for tag in ("id", "title", "updated"):
        if root.find(ATOM + tag) is None:
            probs.append("feed has no <%s>" % tag)
    entries = root.findall(ATOM + "entry")
    if not entries or len(entries) > len(arts):
        probs.append("%d entries for %d articles" % (len(entries), len(arts)))
    last = None
    for e in entries:
        title = norm(e.findtext(ATOM + "title") or "")
        link = e.find(ATOM + "link")
        href = link.get("href") if link is not None else ""
        f = sitelib.url_to_file(s.site, s.base, href)
        a = next((x for x in arts if x.page and x.page == f), None)
        if a is None:
            probs.append("entry '%s': %s is not an article of the build" % (title, href))
            continue
        if title != norm(a.title):
            probs.append("entry title '%s', want '%s'" % (title, a.title))
        pub = e.findtext(ATOM + "published") or ""
        if not pub.startswith(a.ymd):
            probs.append("entry '%s': published %s, want %s..." % (title, pub, a.ymd))
        for tag in ("id", "updated", "content"):
            if e.find(ATOM + tag) is None:
                probs.append("entry '%s' has no <%s>" % (title, tag))
        if last is not None and a.ymd > last:
            probs.append("entry '%s' is newer than the one before" % title)
        last = a.ymd
    if entries and arts:
        newest = max(a.ymd for a in arts)
        first = (entries[0].findtext(ATOM + "published") or "")[:10]
        if first != newest:
            probs.append("first entry is of %s, the newest article of %s" % (first, newest))
    rep.check("%s: Atom feed, %d entries, newest first, each an article page" %
              (L, len(entries)), probs)


def term_links(s, page):
    """{taxonomy: [(name, target)]} of an article page's section, tag and author links."""
    d = s.dom(page).find("article", cls="article")
    res = {"sections": [], "tags": [], "authors": []}
    for a in (d.find_all("a") if d is not None else []):
        href = a.get("href") or ""
        rel_ = (a.get("rel") or "").split()
        par = None
        if "tag" in rel_:
            par = "tags"
        elif "author" in rel_:
            par = "authors"
        elif "/sections/" in "/" + href or href.startswith("../sections/"):
            par = "sections"
        if par is not None and ("/%s/" % par) in ("/" + href):
            res[par].append((norm(a.text()), s.link_target(page, href)))
    return res


def fm_terms(a, tax):
    fm = a.fm
    if tax == "tags":
        v = fm.get("tags") or []
    elif tax == "authors":
        v = fm.get("author") or []
    else:
        v = fm.get("section") or fm.get("category") or fm.get("categories") or []
        if isinstance(v, list):
            v = v[:1]
    return v if isinstance(v, list) else [v]


def check_terms(s, rep, L, arts):
    """Sections, tags and authors: every article links its terms, every term
    page (all its numbered pages) lists exactly the articles that link it,
    newest first, and announces a feed that holds its newest articles; the
    index of each taxonomy lists every term once."""
    for tax in ("sections", "tags", "authors"):
        probs = []
        want = {}            # term page -> set of article pages
        used = 0
        for a in arts:
            if not a.page:
                continue
            links = term_links(s, a.page)[tax]
            n = len(fm_terms(a, tax))
            used += n
            if len(links) != n:
                probs.append("%s: %d %s links, front matter gives %d" %
                             (rel(s.site, a.page), len(links), tax, n))
            for name, t in links:
                if t is None:
                    probs.append("%s: %s link '%s' leads nowhere" % (rel(s.site, a.page), tax, name))
                    continue
                want.setdefault(t, set()).add(a.page)
        idx = os.path.join(s.site, L, tax, "index.html")
        if used == 0:
            if os.path.exists(idx):
                probs.append("%s exists but no article uses %s" % (rel(s.site, idx), tax))
            rep.check("%s: no %s used, no index" % (L, tax), probs)
            continue
        if not os.path.isfile(idx):
            probs.append("no index %s" % rel(s.site, idx))
        else:
            listed = [t for _, t in s.links(idx, s.dom(idx).find("ul", cls="terms"))]
            if sorted(listed) != sorted(want):
                probs.append("index lists %d terms, articles link %d" % (len(listed), len(want)))
        by_page = {a.page: a for a in arts if a.page}
        for t, pages in sorted(want.items()):
            got = []
            for p in s.list_all_pages(t):
                got += [x for _, x in s.items(p)]
            if sorted(got) != sorted(pages):
                probs.append("%s lists %d articles, %d link to it" % (rel(s.site, t), len(got), len(pages)))
            dates = [by_page[x].ymd for x in got if x in by_page]
            if dates != sorted(dates, reverse=True):
                probs.append("%s: not newest first" % rel(s.site, t))
            feeds = [l.get("href") for l in s.dom(t).find_all("link")
                     if l.get("type") == "application/atom+xml"]
            own = sitelib.resolve_link(s.site, t, feeds[-1]) if len(feeds) == 2 else None
            if own is None or not os.path.isfile(own):
                probs.append("%s: announces feeds %s, want the language's and its own" %
                             (rel(s.site, t), feeds))
                continue
            root = ET.parse(own).getroot()
            hrefs = [e.find(ATOM + "link").get("href") for e in root.findall(ATOM + "entry")]
            files = [sitelib.url_to_file(s.site, s.base, h) for h in hrefs]
            if sorted(files) != sorted(got[:len(files)]) or not files:
                probs.append("%s: feed entries are not the newest articles of the page" % rel(s.site, own))
            for e in root.findall(ATOM + "entry"):
                if e.get(XML_BASE) != e.find(ATOM + "link").get("href"):
                    probs.append("%s: entry without xml:base of its article" % rel(s.site, own))
                    break
        rep.check("%s: %d %s, each page lists the articles linking it and has its feed" %
                  (L, len(want), tax), probs)


def check_lang_attrs(s, rep):
    probs = []
    n = 0
    for p in s.pages:
        r = rel(s.site, p).split(os.sep)
        if r[0] in s.conf["codes"]:
            n += 1
            want = (r[0], sitelib.lang_dir(s.conf, r[0]))
            if s.html_attrs(p) != want:
                probs.append("%s: <html lang=%s dir=%s>, want %s" %
                             ((rel(s.site, p),) + s.html_attrs(p) + (want,)))
    rep.check("all %d pages under <lang>/ have <html lang dir> of their language "
              "(rtl for %s)" % (n, ", ".join(c for c in s.conf["codes"]
                                             if sitelib.lang_dir(s.conf, c) == "rtl")), probs)


def check_root(s, rep):
    probs = []
    p = os.path.join(s.site, "index.html")
    dl = s.conf["default_language"]
    if not os.path.isfile(p):
        rep.check("index.html at the root", ["missing"])
        return
    dom = s.dom(p)
    metas = [m for m in dom.find_all("meta") if (m.get("http-equiv") or "").lower() == "refresh"]
    if len(metas) != 1:
        probs.append("%d meta refresh" % len(metas))
    else:
        c = metas[0].get("content") or ""
        m = re.match(r"\s*0\s*;\s*url=(.*)$", c, re.I)
        if not m or s.link_target(p, m.group(1).strip()) != os.path.join(s.site, dl, "index.html"):
            probs.append("meta refresh content='%s', want 0; url=%s/" % (c, dl))
    if s.html_attrs(p) != (dl, sitelib.lang_dir(s.conf, dl)):
        probs.append("<html lang dir> is %s" % (s.html_attrs(p),))
    targets = {t for _, t in s.links(p)}
    for c in s.conf["codes"]:
        if os.path.join(s.site, c, "index.html") not in targets:
            probs.append("no link to %s/" % c)
    rep.check("index.html: meta refresh to %s/, links every language" % dl, probs)


def check_404(s, rep):
    """404.html is served for any missing path, at any depth: a relative
    link would resolve against the missing path.  Its links must be
    root-relative (or absolute), and it needs one language switcher."""
    probs = []
    p = os.path.join(s.site, "404.html")
    if not os.path.isfile(p):
        rep.check("404.html", ["missing"])
        return
    dom = s.dom(p)
    dl = s.conf["default_language"]
    if s.html_attrs(p) != (dl, sitelib.lang_dir(s.conf, dl)):
        probs.append("<html lang dir> is %s" % (s.html_attrs(p),))
    for n in dom.iter():
        for attr in ("href", "src"):
            v = n.get(attr)
            if v is None or v.startswith("#") or v.startswith("/") or sitelib.is_external(v):
                continue
            probs.append("line %d: <%s %s=\"%s\"> is relative: from /%s/x/y/ it "
                         "would lead to /%s/x/y/%s" % (n.line, n.tag, attr, v, dl, dl, v))
    navs = dom.find_all("nav", cls="languages")
    if len(navs) > 1:
        probs.append("%d language switchers (nav.languages), want 1" % len(navs))
    if dom.find("h1") is None:
        probs.append("no h1")
    rep.check("404.html: in the default language, links work from any depth, one "
              "language switcher", probs)


def check_static(s, rep):
    probs = []
    sdir = os.path.join(s.src, "static")
    n = 0
    for d, dirs, files in os.walk(sdir):
        for f in files:
            if f.startswith("."):
                continue
            a = os.path.join(d, f)
            b = os.path.join(s.site, os.path.relpath(a, sdir))
            n += 1
            if not os.path.isfile(b):
                probs.append("%s not copied" % os.path.relpath(a, s.src))
            else:
                with open(a, "rb") as fa, open(b, "rb") as fb:
                    if fa.read() != fb.read():
                        probs.append("%s differs from its source" % rel(s.site, b))
    if not os.path.isfile(os.path.join(s.site, "style.css")):
        probs.append("no style.css at the root")
    rep.check("static/: %d files copied as is to the root (style.css...)" % n, probs)


def check_sitemap(s, rep):
    probs = []
    try:
        urls = sitelib.sitemap_urls(s.site, s.base)
    except (OSError, ET.ParseError) as e:
        rep.check("sitemap.xml", [str(e)])
        return
    locs = [u.findtext(SM + "loc") for u in urls]
    files = []
    for l in locs:
        f = sitelib.url_to_file(s.site, s.base, l or "")
        if f is None or not os.path.isfile(f):
            probs.append("<loc>%s</loc> is no page of the build" % l)
        files.append(f)
    if len(files) != len(set(files)):
        probs.append("%d URLs listed twice" % (len(files) - len(set(files))))
    skip = {os.path.join(s.site, "index.html"), os.path.join(s.site, "404.html")}
    for pg in s.pages:
        if pg not in skip and pg not in files:
            probs.append("%s is not in the sitemap" % rel(s.site, pg))
    rep.check("sitemap.xml and its chunks: %d URLs, every page once (but / and 404.html)" % len(locs), probs)


def check_drafts_absent(s, rep):
    probs = []
    drafts = [a for L in s.all for a in s.all[L] if a.draft]
    texts = []
    for d, dirs, files in os.walk(s.site):
        for f in files:
            if f.endswith((".html", ".xml")):
                with open(os.path.join(d, f), encoding="utf-8") as fh:
                    texts.append((os.path.join(d, f), fh.read()))
    for a in drafts:
        for p, t in texts:
            if a.title in t or a.title.replace("&", "&amp;") in t:
                probs.append("%s: title found in %s" % (a, rel(s.site, p)))
    if not drafts:
        probs.append("the sample content has no draft: nothing tested")
    rep.check("drafts: %d article(s) with draft: true in no page, feed or sitemap" %
              len(drafts), probs)


def cmd_pages(src, site):
    s = Site(src, site)
    rep = sitelib.Report()
    check_root(s, rep)
    check_404(s, rep)
    check_static(s, rep)
    check_sitemap(s, rep)
    check_lang_attrs(s, rep)
    check_drafts_absent(s, rep)
    everyone = [a for L in s.conf["codes"] for a in s.all[L] if not a.draft]
    for L in s.conf["codes"]:
        arts = [a for a in s.all[L] if not a.draft]
        check_articles(s, rep, L, arts)
    for L in s.conf["codes"]:
        arts = [a for a in s.all[L] if not a.draft]
        check_home(s, rep, L, arts)
        check_dates(s, rep, L, arts)
        check_entities_linked(s, rep, L, arts)
        check_entity_index(s, rep, L, arts)
        check_translations(s, rep, L, arts, everyone)
        check_prev_next(s, rep, L, arts)
        check_calendars(s, rep, L, arts)
        check_feed(s, rep, L, arts)
        check_terms(s, rep, L, arts)
    rep.exit()


# ---------------------------------------------------------------- hreflang


def alternates(dom):
    return {(l.get("hreflang"), l.get("href")) for l in dom.find_all("link")
            if "alternate" in (l.get("rel") or "").split() and l.get("hreflang")}


def cmd_hreflang(site, base):
    site = os.path.abspath(site)
    rep = sitelib.Report()
    probs, smprobs = [], []
    pages = sitelib.html_files(site)
    n = 0
    alts = {}
    for p in pages:
        a = alternates(sitelib.parse_html(p))
        if a:
            alts[p] = a
    for p, a in sorted(alts.items()):
        n += 1
        r = os.path.relpath(p, site)
        me = sitelib.file_to_url(site, base, p)
        langs = [h for h, _ in a]
        if len(langs) != len(set(langs)):
            probs.append("%s: an hreflang listed twice" % r)
        if "x-default" not in langs:
            probs.append("%s: no x-default" % r)
        lang, _ = (sitelib.parse_html(p).find("html").get("lang"), None)
        if (lang, me) not in a:
            probs.append("%s: does not list itself (%s %s)" % (r, lang, me))
        canon = [l.get("href") for l in sitelib.parse_html(p).find_all("link")
                 if (l.get("rel") or "") == "canonical"]
        if canon != [me]:
            probs.append("%s: canonical %s, want %s" % (r, canon, me))
        for h, u in sorted(a):
            f = sitelib.url_to_file(site, base, u)
            if f is None or not os.path.isfile(f):
                probs.append("%s: hreflang=%s %s is no page of the build" % (r, h, u))
                continue
            back = alternates(sitelib.parse_html(f))
            if back != a:
                probs.append("%s: hreflang=%s page %s lists other alternates: missing %s, extra %s"
                             % (r, h, os.path.relpath(f, site), sorted(a - back), sorted(back - a)))
            tl = sitelib.parse_html(f).find("html").get("lang")
            if h != "x-default" and tl != h:
                probs.append("%s: hreflang=%s leads to a page in lang=%s" % (r, h, tl))
    nent = len([p for p in alts if os.path.relpath(p, site).split(os.sep)[1:2] == ["entities"]
                and len(os.path.relpath(p, site).split(os.sep)) == 4])
    if nent == 0 and any(os.path.isdir(os.path.join(site, d, "entities", x))
                         for d in os.listdir(site) if os.path.isdir(os.path.join(site, d, "entities"))
                         for x in os.listdir(os.path.join(site, d, "entities"))):
        probs.append("no entity page has alternates: the registry's pages were not checked")
    rep.check("hreflang: %d pages with alternates (%d entity pages), each alternate lists "
              "the same set back (x-default included)" % (n, nent), probs)
    # The sitemap's xhtml:link alternates say the same as the pages.
    try:
        for u in sitelib.sitemap_urls(site, base):
            loc = u.findtext(SM + "loc")
            sm = {(x.get("hreflang"), x.get("href")) for x in u.findall(XHTML + "link")}
            f = sitelib.url_to_file(site, base, loc or "")
            pa = alts.get(f, set())
            if sm and sm != pa:
                smprobs.append("%s: sitemap alternates %s, page %s" %
                               (loc, sorted(sm - pa), sorted(pa - sm)))
            if not sm and pa:
                smprobs.append("%s: page has alternates, sitemap none" % loc)
    except (OSError, ET.ParseError) as e:
        smprobs.append(str(e))
    rep.check("hreflang: the sitemap's xhtml:link alternates match the pages'", smprobs)
    rep.exit()


# ---------------------------------------------------------------- registry


def alternates_of(p):
    return {(l.get("hreflang"), l.get("href")) for l in sitelib.parse_html(p).find_all("link")
            if "alternate" in (l.get("rel") or "").split() and l.get("hreflang")}


def filing_form(name, lang):
    """The form an index files a name under (text_filing_form): without
    what comes before its first letter or digit, and in Arabic without
    a leading "ال" that at least two letters of the word follow."""
    i = 0
    while i < len(name) and not name[i].isalnum():
        i += 1
    if i == len(name):
        return name
    rest = name[i:]
    if lang == "ar" and rest.startswith("\u0627\u0644") and len(rest[2:].split(" ")[0]) >= 2:
        rest = rest[2:]
    return rest


def index_letter(name):
    """The group label of a filed name (text_index_group): its first
    letter without marks, upper-cased; "0–9" for a digit; "#" else."""
    for ch in unicodedata.normalize("NFD", name)[:1]:
        if ch.isdigit():
            return "0\u20139"
        if ch.isalpha():
            return ch.upper()
    return "#"


def index_entries(s, p):
    """[(letter, [(name, target)...])...] of the groups of an entity index."""
    main = s.dom(p).find("main") or s.dom(p)
    res = []
    for sec in main.find_all("section", cls="entity-group"):
        h = sec.find(cls="entity-group__letter")
        items = []
        for li in sec.find_all("li"):
            a = li.find("a")
            if a is not None:
                items.append((norm(a.text()), s.link_target(p, a.get("href") or "")))
        res.append((norm(h.text()) if h is not None else None,
                    h.get("id") if h is not None else None, items))
    return res


def collated(collate, locale, names):
    out = subprocess.run([collate, locale], input="\n".join(names) + "\n",
                         capture_output=True, text=True, check=True).stdout
    return [x for x in out.split("\n") if x]


def cmd_registry(src, site, collate=None):
    s = Site(src, site)
    rep = sitelib.Report()
    conf = s.conf
    codes = conf["codes"]
    dl = conf["default_language"]
    reg = s.reg
    rep.check("registry: %s read, %d entities" % (os.path.join(src, "entities.yaml"),
                                                  len(reg.ents)),
              [] if reg.ents else ["no entity in entities.yaml: nothing to test"])
    everyone = {L: [a for a in s.all[L] if not a.draft] for L in codes}
    quiet = type("Quiet", (), {"check": lambda self, name, probs: not probs})()
    for L in codes:
        check_articles(s, quiet, L, everyone[L])   # finds a.page (checked by "pages")
    used = registry_in_use(s)
    ents = [e for e in reg.ents if e["id"] in used]

    # 1. One page per entity and language, at L/entities/<slug of its L name>/,
    #    found through the entity links of the language's articles.
    probs = []
    page = {}           # (id, L) -> index.html
    via_chips = 0
    for L in codes:
        for a in everyone[L]:
            if a.page is None:
                continue
            for nm, t, typ in s.chips(a.page):
                e = reg.lookup(nm)
                if e is None:
                    continue
                if nm != norm(reg.name(e, L)):
                    probs.append("%s: links %s as '%s', want its %s name '%s'" %
                                 (a, e["id"], nm, L, reg.name(e, L)))
                if typ != e["type"]:
                    probs.append("%s: %s shown as type %s, registry says %s" %
                                 (a, e["id"], typ, e["type"]))
                was = page.setdefault((e["id"], L), t)
                if was != t:
                    probs.append("%s: %s links to %s and elsewhere to %s" %
                                 (L, e["id"], rel(s.site, t), rel(s.site, was)))
    via_chips = len(page)
    # Languages with no article about it: the page of another language
    # names it in its hreflang alternates.
    for e in ents:
        known = [page[(e["id"], L)] for L in codes if (e["id"], L) in page]
        if not known:
            probs.append("%s: in use but linked by no article page" % e["id"])
            continue
        for L in codes:
            if (e["id"], L) in page:
                continue
            alt = dict(alternates_of(known[0]))
            f = sitelib.url_to_file(s.site, s.base, alt.get(L, ""))
            if f is None or not os.path.isfile(f):
                probs.append("%s: no %s page (alternates of %s: %s)" %
                             (e["id"], L, rel(s.site, known[0]), sorted(alt)))
                continue
            page[(e["id"], L)] = f
    slugs = {}
    for (eid, L), p in sorted(page.items()):
        e = next(x for x in reg.ents if x["id"] == eid)
        r = rel(s.site, p).split(os.sep)
        want = slug_guess(reg.name(e, L), slug_ascii(conf, L)) or eid
        if len(r) != 4 or r[:2] != [L, "entities"] or r[3] != "index.html":
            probs.append("%s (%s): page %s is not at %s/entities/<slug>/" %
                         (eid, L, rel(s.site, p), L))
        elif not re.fullmatch(re.escape(want) + r"(-\d+)?", r[2]):
            probs.append("%s (%s): slug '%s', want '%s' (from '%s')" %
                         (eid, L, r[2], want, reg.name(e, L)))
        if s.h1(p) != norm(reg.name(e, L)):
            probs.append("%s: h1 '%s', want '%s'" % (rel(s.site, p), s.h1(p), reg.name(e, L)))
        if s.html_attrs(p) != (L, sitelib.lang_dir(conf, L)):
            probs.append("%s: <html lang dir> is %s" % (rel(s.site, p), s.html_attrs(p)))
        has_desc = s.dom(p).find(cls="page-header__description") is not None
        if has_desc != bool(e["description"].get(L)):
            probs.append("%s: description %s, entities.yaml has %s" %
                         (rel(s.site, p), "shown" if has_desc else "missing",
                          "one in %s" % L if e["description"].get(L) else "none in %s" % L))
        if slugs.setdefault(p, eid) != eid:
            probs.append("%s is the page of both %s and %s" % (rel(s.site, p), slugs[p], eid))
    rep.check("registry: %d entities in use, each with a page in all %d languages at "
              "<lang>/entities/<slug of its name there>/ (%d found through article links)"
              % (len(ents), len(codes), via_chips), probs)

    # 2. The pages of one entity name each other: reciprocal hreflang, and
    #    the "in other languages" links.
    probs = []
    for e in ents:
        if not all((e["id"], L) in page for L in codes):
            continue
        want = {(L, sitelib.file_to_url(s.site, s.base, page[(e["id"], L)])) for L in codes}
        want.add(("x-default", sitelib.file_to_url(s.site, s.base, page[(e["id"], dl)])))
        for L in codes:
            p = page[(e["id"], L)]
            got = alternates_of(p)
            if got != want:
                probs.append("%s: hreflang alternates missing %s, extra %s" %
                             (rel(s.site, p), sorted(want - got), sorted(got - want)))
            others = {}
            for box in s.dom(p).find_all(cls="side-box"):
                for x, t in s.links(p, box):
                    if x.get("hreflang"):
                        others[x.get("hreflang")] = t
            for L2 in codes:
                if L2 == L:
                    continue
                if others.get(L2) != page[(e["id"], L2)]:
                    probs.append("%s: 'in other languages' link for %s is %s, want %s" %
                                 (rel(s.site, p), L2,
                                  rel(s.site, others[L2]) if others.get(L2) else None,
                                  rel(s.site, page[(e["id"], L2)])))
    rep.check("registry: the %d pages of each entity list each other as hreflang "
              "alternates (x-default: %s) and in 'in other languages'"
              % (len(codes), dl), probs)

    # 3. Per-type indexes.
    for L in codes:
        probs = []
        idx = os.path.join(s.site, L, "entities", "index.html")
        if not os.path.isfile(idx):
            rep.check("%s: per-type entity indexes" % L, ["no %s" % rel(s.site, idx)])
            continue
        type_of = {}        # entity page -> type
        for e in ents:
            if (e["id"], L) in page:
                type_of[page[(e["id"], L)]] = e["type"]
        for a in everyone[L]:
            if a.page:
                for nm, t, typ in s.chips(a.page):
                    type_of.setdefault(t, typ)
        everything = [t for _, _, items in index_entries(s, idx) for _, t in items]
        types = sorted(set(type_of.values()))
        listed_all = []
        for typ in types:
            tp = os.path.join(s.site, L, typ, "index.html")
            if not os.path.isfile(tp):
                probs.append("no %s" % rel(s.site, tp))
                continue
            got = [t for _, _, items in index_entries(s, tp) for _, t in items]
            listed_all += got
            wrong = [t for t in got if type_of.get(t) != typ]
            for t in wrong:
                probs.append("%s lists %s, of type %s" %
                             (rel(s.site, tp), rel(s.site, t) if t else None, type_of.get(t)))
            want = [t for t in everything if type_of.get(t) == typ]
            if got != want:
                probs.append("%s lists %d entities, the %s of %s/entities/ are %d" %
                             (rel(s.site, tp), len(got), typ, L, len(want)))
            if s.html_attrs(tp) != (L, sitelib.lang_dir(conf, L)):
                probs.append("%s: <html lang dir> is %s" % (rel(s.site, tp), s.html_attrs(tp)))
            nav = s.dom(idx).find(cls="entity-types")
            if nav is None or tp not in {t for _, t in s.links(idx, nav)}:
                probs.append("%s/entities/: no link to %s/%s/" % (L, L, typ))
        if sorted(map(str, listed_all)) != sorted(map(str, everything)):
            probs.append("the type indexes together list %d entities, %s/entities/ %d" %
                         (len(listed_all), L, len(everything)))
        for t in everything:
            if t not in type_of:
                probs.append("%s/entities/ lists %s, linked by no article or registry entity"
                             % (L, rel(s.site, t) if t else None))
        for typ in ("people", "places", "organisations"):
            if typ not in types and os.path.exists(os.path.join(s.site, L, typ)):
                probs.append("%s/%s/ exists but no entity has that type" % (L, typ))
        rep.check("%s: per-type indexes %s list exactly the entities of their type"
                  % (L, ", ".join("%s/%s/" % (L, t) for t in types)), probs)

    # 4. Index order: groups by initial letter, entities in the language's
    #    collation order (ICU, through COLLATE) of their filing forms.
    for L in codes:
        probs = []
        locale = L
        for l in conf["languages"]:
            if l["code"] == L and l.get("locale"):
                locale = l["locale"]
        idxs = [os.path.join(s.site, L, "entities", "index.html")]
        idxs += [os.path.join(s.site, L, t, "index.html") for t in ("people", "places", "organisations")]
        ngroups = 0
        for idx in idxs:
            if not os.path.isfile(idx):
                continue
            groups = index_entries(s, idx)
            ngroups += len(groups)
            letters = [g[0] for g in groups]
            if len(letters) != len(set(letters)):
                probs.append("%s: a letter heads two groups: %s" % (rel(s.site, idx), letters))
            ids = [g[1] for g in groups]
            if len(ids) != len(set(ids)):
                probs.append("%s: duplicate group ids" % rel(s.site, idx))
            nav = s.dom(idx).find("nav", cls="letters")
            navl = [norm(x.text()) for x in nav.find_all("a")] if nav is not None else []
            if navl != letters:
                probs.append("%s: letter links %s, groups %s" % (rel(s.site, idx), navl, letters))
            names = []
            for letter, _, items in groups:
                for nm, _ in items:
                    names.append(nm)
                    # The letter of the name, up to letter variants (أ/ا, ک/ك).
                    if fold(index_letter(filing_form(nm, L))) != fold(letter or ""):
                        probs.append("%s: '%s' filed under '%s'" % (rel(s.site, idx), nm, letter))
            if collate:
                try:
                    # By filing form in the collation, then by name.
                    forms = sorted(set(filing_form(n, L) for n in names))
                    rank = {f: i for i, f in enumerate(collated(collate, locale, forms))}
                    want = sorted(names, key=lambda n: (rank[filing_form(n, L)], n))
                except (OSError, subprocess.CalledProcessError) as e:
                    probs.append("%s %s: %s" % (collate, locale, e))
                    want = names
                if names != want:
                    bad = next(i for i, (x, y) in enumerate(zip(names, want)) if x != y)
                    probs.append("%s: not in %s collation order from '%s': %s, want %s" %
                                 (rel(s.site, idx), locale, names[bad],
                                  names[bad:bad + 3], want[bad:bad + 3]))
        rep.check("%s: entity indexes (all, per type): %d letter groups, each letter once, "
                  "names in %s collation order%s" %
                  (L, ngroups, L, "" if collate else " (NOT CHECKED: no COLLATE)"), probs)

    # 5. Entities found in the text: every entity an article page shows is
    #    named in its front matter or written in its body.
    probs = []
    extra = 0
    for L in codes:
        for a in everyone[L]:
            if a.page is None:
                continue
            fm = {fold(n) for _, n in a.entities}
            body = fold(body_text(a.path))
            for nm, t, _ in s.chips(a.page):
                e = reg.lookup(nm)
                if fold(nm) in fm or (e and fm & {fold(x) for x in reg.all_names(e)}):
                    continue
                extra += 1
                if e is None or not any(fold(x) in body for x in reg.text_names(e, L)):
                    probs.append("%s: shows '%s', neither in its front matter nor "
                                 "in its text" % (a, nm))
    rep.check("registry: entities on article pages come from the front matter or the "
              "text (%d found in the text only)" % extra, probs)
    rep.exit()


# ---------------------------------------------------------------- drafts


def cmd_drafts(src, site):
    s = Site(src, site)
    rep = sitelib.Report()
    probs = []
    drafts = [a for L in s.all for a in s.all[L] if a.draft]
    for a in drafts:
        y, m, d = a.ymd.split("-")
        day = os.path.join(s.site, a.lang, y, m, d)
        hits = []
        if os.path.isdir(day):
            for sub in sorted(os.listdir(day)):
                p = os.path.join(day, sub, "index.html")
                if os.path.isfile(p) and s.h1(p) == norm(a.title):
                    hits.append(p)
        if len(hits) != 1:
            probs.append("%s: %d pages under %s" % (a, len(hits), rel(s.site, day)))
            continue
        month = os.path.join(s.site, a.lang, y, m, "index.html")
        if os.path.isfile(month) and hits[0] not in {t for _, t in s.items(month)}:
            probs.append("%s: not listed on %s" % (a, rel(s.site, month)))
        elif not os.path.isfile(month):
            probs.append("%s: no month page %s" % (a, rel(s.site, month)))
    if not drafts:
        probs.append("no draft in the content: nothing tested")
    rep.check("--drafts: the %d draft article(s) are built and listed" % len(drafts), probs)
    rep.exit()


def main():
    a = sys.argv[1:]
    if len(a) == 3 and a[0] == "pages":
        cmd_pages(a[1], a[2])
    elif len(a) == 3 and a[0] == "hreflang":
        cmd_hreflang(a[1], a[2])
    elif len(a) == 3 and a[0] == "drafts":
        cmd_drafts(a[1], a[2])
    elif len(a) in (3, 4) and a[0] == "registry":
        cmd_registry(*a[1:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
