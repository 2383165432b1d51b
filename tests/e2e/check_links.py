#!/usr/bin/env python3
"""check_links.py SITE [BASE_URL]: the links of a built arshif site.

Checks, one "ok"/"not ok" line each:
  1. every relative href/src of every HTML page (and every url() of every
     CSS file) resolves, after percent-decoding, to a file of the build,
     or to a folder holding index.html when it ends with "/";
     root-relative links ("/ar/", used by 404.html) resolve against the
     path of BASE_URL; external links (http:, https:, mailto:...) and
     bare "#fragment" links are not followed;
  2. every #fragment (same page or another page of the build) names an
     id of its target page;
  3. no page or stylesheet loads a resource (stylesheet, script, image,
     font, frame...) from another host: only <a> links and
     <link rel=canonical/alternate> may be absolute.
"""
import os
import re
import sys
import urllib.parse

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sitelib  # noqa: E402

LINK_ATTRS = {
    "a": ["href"], "area": ["href"], "link": ["href"], "img": ["src", "srcset"],
    "script": ["src"], "iframe": ["src"], "source": ["src", "srcset"],
    "video": ["src", "poster"], "audio": ["src"], "track": ["src"],
    "embed": ["src"], "object": ["data"], "form": ["action"],
    "input": ["src"], "image": ["href"], "use": ["href"],
}
# Absolute by design: the page's canonical URL and its language versions, feeds.
ABSOLUTE_OK_REL = {"canonical", "alternate"}


def urls_of(node):
    """(attribute, url) pairs of one element."""
    out = []
    for attr in LINK_ATTRS.get(node.tag, []):
        v = node.get(attr)
        if v is None:
            continue
        if attr == "srcset":
            for part in v.split(","):
                part = part.strip()
                if part:
                    out.append((attr, part.split()[0]))
        else:
            out.append((attr, v.strip()))
    if node.tag == "meta" and (node.get("http-equiv") or "").lower() == "refresh":
        m = re.search(r"url\s*=\s*['\"]?([^'\"]+)", node.get("content") or "", re.I)
        if m:
            out.append(("content", m.group(1).strip()))
    style = node.get("style")
    if style:
        for u in re.findall(r"url\(\s*['\"]?([^'\")]+)", style):
            out.append(("style", u.strip()))
    return out


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: check_links.py SITE [BASE_URL]")
    site = os.path.abspath(sys.argv[1])
    base_url = sys.argv[2] if len(sys.argv) > 2 else "/"
    root_path = urllib.parse.urlparse(base_url).path or "/"
    if not root_path.endswith("/"):
        root_path += "/"
    rep = sitelib.Report()
    broken, frag_bad, remote = [], [], []
    nlinks = 0
    pages = sitelib.html_files(site)
    ids = {}

    def ids_of(path):
        if path not in ids:
            dom = sitelib.parse_html(path)
            ids[path] = {n.get("id") for n in dom.iter() if n.get("id")} | \
                {n.get("name") for n in dom.find_all("a") if n.get("name")}
        return ids[path]

    for page in pages:
        rel = os.path.relpath(page, site)
        dom = sitelib.parse_html(page)
        for node in dom.iter():
            for attr, url in urls_of(node):
                nlinks += 1
                where = "%s:%d <%s %s=\"%s\">" % (rel, node.line, node.tag, attr, url)
                if url == "":
                    broken.append(where + ": empty link")
                    continue
                if sitelib.is_external(url):
                    scheme = url.split(":", 1)[0].lower()
                    if scheme == "javascript":
                        broken.append(where + ": javascript: link")
                    is_resource = node.tag != "a" and node.tag != "area" and not (
                        node.tag == "link" and
                        set((node.get("rel") or "").lower().split()) & ABSOLUTE_OK_REL and
                        "stylesheet" not in (node.get("rel") or "").lower().split())
                    if is_resource and attr != "content" and scheme not in ("data",):
                        remote.append(where)
                    continue
                if url.startswith("#"):
                    frag = urllib.parse.unquote(url[1:])
                    if frag and frag not in ids_of(page):
                        frag_bad.append(where + ": no element with this id")
                    continue
                path_part = url.split("#", 1)[0].split("?", 1)[0]
                target = sitelib.resolve_link(site, page, url, root_path)
                if target is None:
                    broken.append(where + ": leaves the site")
                    continue
                if path_part.endswith("/") or path_part in ("", ".", ".."):
                    f = os.path.join(target, "index.html")
                    if not os.path.isfile(f):
                        broken.append(where + ": no " + os.path.relpath(f, site))
                        continue
                elif os.path.isdir(target):
                    broken.append(where + ": a folder, but the link lacks the final /")
                    continue
                elif not os.path.isfile(target):
                    broken.append(where + ": no " + os.path.relpath(target, site))
                    continue
                else:
                    f = target
                if "#" in url and f.endswith(".html"):
                    frag = urllib.parse.unquote(url.split("#", 1)[1])
                    if frag and frag not in ids_of(f):
                        frag_bad.append(where + ": no id '%s' in %s" % (frag, os.path.relpath(f, site)))

    # Stylesheets: url(...) and @import must stay in the build too.
    ncss = 0
    for d, dirs, files in os.walk(site):
        for fn in files:
            if not fn.endswith(".css"):
                continue
            ncss += 1
            p = os.path.join(d, fn)
            with open(p, encoding="utf-8") as f:
                css = f.read()
            css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
            found = re.findall(r"url\(\s*['\"]?([^'\")]+)", css) + \
                re.findall(r"@import\s+['\"]([^'\"]+)", css)
            for url in found:
                nlinks += 1
                where = "%s: url(%s)" % (os.path.relpath(p, site), url)
                if url.startswith("data:") or url.startswith("#"):
                    continue
                if sitelib.is_external(url):
                    remote.append(where)
                    continue
                t = os.path.normpath(os.path.join(d, urllib.parse.unquote(url.split("#")[0].split("?")[0])))
                if not os.path.isfile(t):
                    broken.append(where + ": no such file")

    rep.check("links: %d links in %d pages and %d stylesheets resolve"
              % (nlinks, len(pages), ncss), broken)
    rep.check("links: every #fragment names an element of its page", frag_bad)
    rep.check("links: no page loads a resource from another host", remote)
    rep.exit()


if __name__ == "__main__":
    main()
