"""Helpers shared by the end-to-end checks of arshif (python3 standard library only).

- a small DOM built with html.parser, enough to query built pages;
- readers for the sample site's site.yaml and the articles' front matter
  (the subset of YAML the sample uses: no PyYAML on the test machines);
- a tiny TAP-like reporter: every check prints "ok - ..." or "not ok - ...",
  details follow as "  # ..." lines; run.sh counts the first two kinds.
"""
import html
import html.parser
import json
import os
import re
import sys
import urllib.parse

sys.dont_write_bytecode = True

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "param", "source", "track", "wbr"}
RTL_LANGS = {"ar", "fa", "he", "ur", "ps", "ckb", "sd", "ug", "yi", "dv"}

# ---------------------------------------------------------------- reporting


class Report:
    """Prints one line per check; remembers whether any failed."""

    MAX_DETAILS = 15

    def __init__(self):
        self.failed = 0
        self.passed = 0

    def check(self, name, problems):
        """problems: list of strings; empty means the check passed."""
        if not problems:
            self.passed += 1
            print("ok - " + name, flush=True)
            return True
        self.failed += 1
        print("not ok - %s (%d problem%s)" % (name, len(problems),
              "" if len(problems) == 1 else "s"))
        for p in problems[:self.MAX_DETAILS]:
            print("  # " + p)
        if len(problems) > self.MAX_DETAILS:
            print("  # ... and %d more" % (len(problems) - self.MAX_DETAILS))
        sys.stdout.flush()
        return False

    def exit(self):
        sys.exit(1 if self.failed else 0)


# ---------------------------------------------------------------- DOM


class Node:
    __slots__ = ("tag", "attrs", "children", "parent", "line")

    def __init__(self, tag, attrs, parent, line=0):
        self.tag = tag
        self.attrs = attrs
        self.children = []
        self.parent = parent
        self.line = line

    def get(self, name, default=None):
        return self.attrs.get(name, default)

    def classes(self):
        return (self.attrs.get("class") or "").split()

    def text(self):
        out = []

        def walk(n):
            for c in n.children:
                if isinstance(c, str):
                    out.append(c)
                else:
                    walk(c)
        walk(self)
        return "".join(out)

    def iter(self):
        for c in self.children:
            if isinstance(c, Node):
                yield c
                yield from c.iter()

    def find_all(self, tag=None, cls=None, **attrs):
        res = []
        for n in self.iter():
            if tag is not None and n.tag != tag:
                continue
            if cls is not None and cls not in n.classes():
                continue
            if any(n.attrs.get(k) != v for k, v in attrs.items()):
                continue
            res.append(n)
        return res

    def find(self, tag=None, cls=None, **attrs):
        r = self.find_all(tag, cls, **attrs)
        return r[0] if r else None


class _Builder(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        n = Node(tag, {k: (v if v is not None else "") for k, v in attrs},
                 self.cur, self.getpos()[0])
        self.cur.children.append(n)
        if tag not in VOID:
            self.cur = n

    def handle_startendtag(self, tag, attrs):
        n = Node(tag, {k: (v if v is not None else "") for k, v in attrs},
                 self.cur, self.getpos()[0])
        self.cur.children.append(n)

    def handle_endtag(self, tag):
        n = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.children.append(data)


_dom_cache = {}


def parse_html(path):
    """The DOM of a file (cached: the checks read the same pages often)."""
    path = os.path.normpath(path)
    if path not in _dom_cache:
        b = _Builder()
        with open(path, encoding="utf-8") as f:
            b.feed(f.read())
        b.close()
        _dom_cache[path] = b.root
    return _dom_cache[path]


def html_files(site):
    res = []
    for d, dirs, files in os.walk(site):
        dirs.sort()
        for f in sorted(files):
            if f.endswith(".html"):
                res.append(os.path.join(d, f))
    return res


def norm(s):
    """Whitespace-collapsed text, for comparing titles and headings."""
    return " ".join(s.split())


# ---------------------------------------------------------------- URLs


def is_external(url):
    u = url.strip()
    return bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", u)) or u.startswith("//")


def resolve_link(site, page, url, root_path="/"):
    """The file a relative (or root-relative) link of page points to, or
    None when it leaves the site.  Query and fragment are dropped; the
    path is percent-decoded.  A folder link gives the folder path."""
    u = url.split("#", 1)[0].split("?", 1)[0]
    u = urllib.parse.unquote(u)
    site = os.path.abspath(site)
    if u.startswith("/"):
        if not u.startswith(root_path):
            return None
        target = os.path.join(site, u[len(root_path):])
    else:
        target = os.path.join(os.path.dirname(os.path.abspath(page)), u)
    target = os.path.normpath(target)
    if target != site and not target.startswith(site + os.sep):
        return None
    return target


def url_to_file(site, base_url, url):
    """The index.html (or file) of the build an absolute URL names, or None."""
    if not url.startswith(base_url):
        return None
    rel = urllib.parse.unquote(url[len(base_url):].split("#")[0])
    p = os.path.normpath(os.path.join(site, rel))
    if rel == "" or rel.endswith("/"):
        p = os.path.join(p, "index.html")
    return p


def file_to_url(site, base_url, path):
    rel = os.path.relpath(path, site).replace(os.sep, "/")
    if rel == "index.html":
        rel = ""
    elif rel.endswith("/index.html"):
        rel = rel[:-len("index.html")]
    return base_url + urllib.parse.quote(rel, safe="/-._~")


# ---------------------------------------------------------------- site.yaml


def _scalar(v):
    v = v.strip()
    if "#" in v and not v.startswith(('"', "'")):
        v = v.split("#", 1)[0].strip()
    elif v.startswith('"'):
        end = v.rfind('"')
        v = v[:end + 1]
    if v.startswith('"'):
        return json.loads(v)
    if v.startswith("'") and v.endswith("'"):
        return v[1:-1].replace("''", "'")
    return v


def _flow_list(v):
    v = v.strip()
    if "#" in v and not v.startswith("["):
        v = v.split("#", 1)[0].strip()
    if v.startswith("[") and "]" in v:
        v = v[:v.rindex("]") + 1]
    try:
        return json.loads(v)
    except ValueError:
        inner = v.strip()[1:-1]
        return [_scalar(x) for x in inner.split(",") if x.strip()]


def read_site_yaml(src):
    """The parts of site.yaml the checks need: title per language,
    base_url, default_language, paginate, and per language its code,
    numbers and calendars."""
    conf = {"title": {}, "languages": [], "paginate": 10}
    section = None
    lang = None
    with open(os.path.join(src, "site.yaml"), encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            indent = len(line) - len(line.lstrip())
            s = line.strip()
            if indent == 0:
                key, _, val = s.partition(":")
                section = key
                val = val.strip()
                if key == "title" and val:
                    conf["title"] = {"*": _scalar(val)}
                elif key in ("base_url", "default_language"):
                    conf[key] = _scalar(val)
                elif key == "paginate":
                    conf["paginate"] = int(_scalar(val))
                continue
            if section == "title":
                k, _, v = s.partition(":")
                conf["title"][k.strip()] = _scalar(v)
            elif section == "languages":
                if s.startswith("- "):
                    lang = {}
                    conf["languages"].append(lang)
                    s = s[2:].strip()
                k, _, v = s.partition(":")
                k = k.strip()
                if k == "calendars":
                    lang[k] = _flow_list(v)
                else:
                    lang[k] = _scalar(v)
    codes = [l["code"] for l in conf["languages"]]
    if "*" in conf["title"]:
        t = conf["title"]["*"]
        conf["title"] = {c: t for c in codes}
    conf.setdefault("default_language", codes[0] if codes else "")
    conf["codes"] = codes
    return conf


def lang_dir(conf, code):
    for l in conf["languages"]:
        if l["code"] == code and l.get("direction") in ("rtl", "ltr"):
            return l["direction"]
    return "rtl" if code.split("-")[0] in RTL_LANGS else "ltr"


DIGITS = {"latn": "0123456789", "arab": "٠١٢٣٤٥٦٧٨٩",
          "arabext": "۰۱۲۳۴۵۶۷۸۹"}
DEFAULT_NUMBERS = {"ar": "arab", "fa": "arabext"}


def local_digits(conf, code, s):
    """s (ASCII digits) written in the digits of the language."""
    numbers = "latn"
    for l in conf["languages"]:
        if l["code"] == code:
            numbers = l.get("numbers") or DEFAULT_NUMBERS.get(code, "latn")
    d = DIGITS.get(numbers, DIGITS["latn"])
    return "".join(d[int(c)] if c.isdigit() else c for c in s)


# ---------------------------------------------------------------- articles


class Article:
    def __init__(self, path, lang, fm):
        self.path = path
        self.lang = lang
        self.fm = fm
        self.title = fm.get("title", "")
        self.date = str(fm.get("date", ""))
        self.ymd = self.date[:10]
        self.slug = fm.get("slug")
        self.draft = str(fm.get("draft", "false")).lower() == "true"
        self.key = fm.get("translation_key")
        self.entities = []          # (type, name)
        for t, names in fm.get("entities", {}).items():
            for n in names:
                self.entities.append((t, n))
        self.page = None            # the built index.html, once found

    def __repr__(self):
        return "%s (%s)" % (os.path.relpath(self.path), self.title)


def read_front_matter(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}
    fm = {}
    parent = None
    for line in lines[1:]:
        if line.strip() == "---":
            break
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indent = len(line) - len(line.lstrip())
        k, _, v = line.strip().partition(":")
        k = k.strip()
        v = v.strip()
        if indent == 0:
            parent = None
            if v == "":
                fm[k] = {}
                parent = k
            elif v.startswith("["):
                fm[k] = _flow_list(v)
            else:
                fm[k] = _scalar(v)
        elif parent is not None:
            fm[parent][k] = _flow_list(v) if v.startswith("[") else [_scalar(v)]
    return fm


def read_articles(src, conf):
    """Every article of content/<lang>/, drafts included, by language."""
    arts = {c: [] for c in conf["codes"]}
    for code in conf["codes"]:
        base = os.path.join(src, "content", code)
        for d, dirs, files in os.walk(base):
            dirs.sort()
            for f in sorted(files):
                if f.endswith(".md"):
                    p = os.path.join(d, f)
                    arts[code].append(Article(p, code, read_front_matter(p)))
    return arts


def unescape(s):
    return html.unescape(s)


# ---------------------------------------------------------------- sitemaps

SM_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap_chunks(site, base_url):
    """[(path, root element)] of the urlsets sitemap.xml (an index) lists,
    the news sitemap left out.  Raises OSError or ParseError."""
    import xml.etree.ElementTree as ET
    idx = ET.parse(os.path.join(site, "sitemap.xml")).getroot()
    if idx.tag != SM_NS + "sitemapindex":
        raise ET.ParseError("sitemap.xml: root element %s, not a sitemapindex" % idx.tag)
    res = []
    for sm in idx.findall(SM_NS + "sitemap"):
        loc = sm.findtext(SM_NS + "loc") or ""
        p = url_to_file(site, base_url, loc)
        if p is None:
            raise ET.ParseError("sitemap.xml lists %s, outside the site" % loc)
        if os.path.basename(p) == "sitemap-news.xml":
            continue
        res.append((p, ET.parse(p).getroot()))
    return res


def sitemap_urls(site, base_url):
    """Every <url> element of every chunk, in index order."""
    out = []
    for p, root in sitemap_chunks(site, base_url):
        out.extend(root.findall(SM_NS + "url"))
    return out
