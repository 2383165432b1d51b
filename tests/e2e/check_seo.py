#!/usr/bin/env python3
"""What a built site tells search engines and link previews.

  check_seo.py site SRC SITE BASE_URL   robots.txt, sitemap lastmod and limits,
                                        JSON-LD, OpenGraph, images
  check_seo.py news SRC SITE NOW        sitemap-news.xml holds exactly the
                                        articles of the two days before NOW
  check_seo.py chunks CHUNK OLD NEW BASE_URL
                                        chunks of at most CHUNK URLs; from the
                                        build OLD to NEW (one article more)
                                        only the last chunk of its language
                                        and the index changed

Prints TAP-like "ok - ..." / "not ok - ..." lines; exits 1 on a failure.
"""
import datetime
import json
import os
import re
import struct
import sys
import urllib.parse
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sitelib  # noqa: E402

SM = sitelib.SM_NS
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
ARTICLE_RE = re.compile(r"^[a-z]{2,3}/\d{4}/\d{2}/\d{2}/[^/]+/index\.html$")


def when(s):
    """An ISO date or date-time as an aware datetime (a date: midnight UTC)."""
    s = str(s)
    if len(s) == 10:
        s += "T00:00:00+00:00"
    d = datetime.datetime.fromisoformat(s.replace("Z", "+00:00"))
    if d.tzinfo is None:
        d = d.replace(tzinfo=datetime.timezone.utc)
    return d


def image_size(path):
    """(width, height) from a PNG, GIF or SVG file's header, or None."""
    with open(path, "rb") as f:
        b = f.read(4096)
    if b[:8] == b"\x89PNG\r\n\x1a\n":
        return struct.unpack(">II", b[16:24])
    if b[:6] in (b"GIF87a", b"GIF89a"):
        return struct.unpack("<HH", b[6:10])
    m = re.search(rb'<svg[^>]*\swidth="(\d+)"[^>]*\sheight="(\d+)"', b)
    if m:
        return int(m.group(1)), int(m.group(2))
    return None


def metas(dom):
    out = {}
    for m in dom.find_all("meta"):
        k = m.get("property") or m.get("name")
        if k:
            out.setdefault(k, []).append(m.get("content"))
    return out


def ld_blocks(dom):
    return [s.text() for s in dom.find_all("script")
            if s.get("type") == "application/ld+json"]


def registry_qids(src):
    p = os.path.join(src, "entities.yaml")
    if not os.path.exists(p):
        return set()
    with open(p, encoding="utf-8") as f:
        return set(re.findall(r"^\s*wikidata:\s*(Q\d+)", f.read(), re.M))


def check_robots(src, site, base, rep):
    probs = []
    own = os.path.join(src, "static", "robots.txt")
    p = os.path.join(site, "robots.txt")
    if not os.path.isfile(p):
        probs.append("no robots.txt")
    elif os.path.isfile(own):
        if open(own, "rb").read() != open(p, "rb").read():
            probs.append("robots.txt is not static/robots.txt")
    else:
        text = open(p, encoding="utf-8").read()
        if ("Sitemap: %ssitemap.xml" % base) not in text.splitlines():
            probs.append("robots.txt does not name %ssitemap.xml: %r" % (base, text))
    rep.check("robots.txt names the sitemap index (or is the site's own)", probs)


def check_sitemap(src, site, base, rep):
    probs = []
    conf = sitelib.read_site_yaml(src)
    arts = sitelib.read_articles(src, conf)
    by_file = {}
    for code in arts:
        for a in arts[code]:
            by_file[a.path] = a
    n = nart = 0
    try:
        chunks = sitelib.sitemap_chunks(site, base)
    except (OSError, ET.ParseError) as e:
        rep.check("sitemap chunks", [str(e)])
        return
    for p, root in chunks:
        urls = root.findall(SM + "url")
        if len(urls) > 50000:
            probs.append("%s: %d URLs" % (p, len(urls)))
        if os.path.getsize(p) > 50 * 1000 * 1000:
            probs.append("%s: over 50 MB" % p)
        for u in urls:
            n += 1
            loc = u.findtext(SM + "loc")
            f = sitelib.url_to_file(site, base, loc)
            rel = os.path.relpath(f, site).replace(os.sep, "/")
            lm = u.findtext(SM + "lastmod")
            xd = [x for x in u.findall("{http://www.w3.org/1999/xhtml}link")
                  if x.get("hreflang") == "x-default"]
            if len(u.findall("{http://www.w3.org/1999/xhtml}link")) and len(xd) != 1:
                probs.append("%s: alternates without one x-default" % loc)
            if ARTICLE_RE.match(rel):
                nart += 1
                if lm is None:
                    probs.append("%s: an article without lastmod" % loc)
                    continue
                # The page's own article:modified_time says the same.
                mod = metas(sitelib.parse_html(f)).get("article:modified_time", [None])[0]
                if mod is None or when(mod) != when(lm):
                    probs.append("%s: lastmod %s, page says %s" % (loc, lm, mod))
            elif lm is not None:
                probs.append("%s: lastmod on a page that is no article" % loc)
    if nart == 0:
        probs.append("no article URL in the sitemap: nothing tested")
    rep.check("sitemap chunks: %d URLs (%d articles with lastmod = updated/date), "
              "x-default with every set of alternates, within 50,000 URLs and 50 MB"
              % (n, nart), probs)


def check_articles(src, site, base, rep):
    probs = []
    qids = registry_qids(src)
    seen_same = set()
    n = nimg = 0
    for page in sitelib.html_files(site):
        rel = os.path.relpath(page, site).replace(os.sep, "/")
        dom = sitelib.parse_html(page)
        m = metas(dom)
        blocks = ld_blocks(dom)
        is_art = bool(ARTICLE_RE.match(rel)) and m.get("og:type") == ["article"]
        if not ARTICLE_RE.match(rel):
            if blocks:
                probs.append("%s: JSON-LD on a page that is no article" % rel)
            if rel != "404.html" and m.get("og:type") != ["website"]:
                probs.append("%s: og:type %s" % (rel, m.get("og:type")))
            continue
        if not is_art:
            probs.append("%s: og:type %s, not article" % (rel, m.get("og:type")))
            continue
        n += 1
        url = sitelib.file_to_url(site, base, page)
        canon = [l.get("href") for l in dom.find_all("link") if l.get("rel") == "canonical"]
        h1 = sitelib.norm(dom.find("h1").text())
        for k in ("og:title", "og:url", "og:locale", "article:published_time",
                  "article:modified_time", "twitter:card"):
            if len(m.get(k, [])) != 1:
                probs.append("%s: %d %s" % (rel, len(m.get(k, [])), k))
        if m.get("og:url") != canon:
            probs.append("%s: og:url %s, canonical %s" % (rel, m.get("og:url"), canon))
        if m.get("og:title") != [h1]:
            probs.append("%s: og:title %s, h1 %r" % (rel, m.get("og:title"), h1))
        if len(blocks) != 1:
            probs.append("%s: %d JSON-LD blocks" % (rel, len(blocks)))
            continue
        if "</" in blocks[0] or "<!--" in blocks[0]:
            probs.append("%s: the JSON-LD holds '</' or '<!--'" % rel)
        try:
            ld = json.loads(blocks[0])
        except ValueError as e:
            probs.append("%s: JSON-LD does not parse: %s" % (rel, e))
            continue
        graph = {g.get("@type"): g for g in ld.get("@graph", [])}
        art, bc = graph.get("NewsArticle"), graph.get("BreadcrumbList")
        if art is None or bc is None or ld.get("@context") != "https://schema.org":
            probs.append("%s: no NewsArticle and BreadcrumbList in a schema.org graph" % rel)
            continue
        for k in ("headline", "datePublished", "dateModified", "publisher",
                  "inLanguage", "mainEntityOfPage", "isPartOf", "url"):
            if k not in art:
                probs.append("%s: NewsArticle without %s" % (rel, k))
        if art.get("headline") != h1:
            probs.append("%s: headline %r, h1 %r" % (rel, art.get("headline"), h1))
        if art.get("mainEntityOfPage", {}).get("@id") != canon[0]:
            probs.append("%s: mainEntityOfPage is not the canonical URL" % rel)
        if art.get("inLanguage") != dom.find("html").get("lang"):
            probs.append("%s: inLanguage %s" % (rel, art.get("inLanguage")))
        pub = m.get("article:published_time", [""])[0]
        if art.get("datePublished") != pub:
            probs.append("%s: datePublished %s, og %s" % (rel, art.get("datePublished"), pub))
        if art.get("publisher", {}).get("@type") != "Organization" or \
                art.get("isPartOf", {}).get("url") != base:
            probs.append("%s: publisher or isPartOf is not the site" % rel)
        for key in ("about", "mentions"):
            for e in art.get(key, []):
                f = sitelib.url_to_file(site, base, e.get("url", ""))
                if not e.get("name") or f is None or not os.path.isfile(f):
                    probs.append("%s: %s entry %s has no name or page" % (rel, key, e))
                sa = e.get("sameAs")
                if sa is not None:
                    mq = re.match(r"^https://www\.wikidata\.org/wiki/(Q\d+)$", sa)
                    if not mq or mq.group(1) not in qids:
                        probs.append("%s: sameAs %s is no Q-id of the registry" % (rel, sa))
                    else:
                        seen_same.add(mq.group(1))
        items = bc.get("itemListElement", [])
        if [i.get("position") for i in items] != [1, 2, 3, 4] or \
                items[-1].get("item") != canon[0]:
            probs.append("%s: breadcrumb %s" % (rel, items))
        else:
            for i in items[:3]:
                f = sitelib.url_to_file(site, base, i.get("item", ""))
                if f is None or not os.path.isfile(f):
                    probs.append("%s: breadcrumb item %s is no page" % (rel, i.get("item")))
            trail = [sitelib.norm(a.text()) for a in dom.find("nav", cls="trail").find_all("a")]
            if [i.get("name") for i in items[:3]] != trail:
                probs.append("%s: breadcrumb names %s, trail %s" %
                             (rel, [i.get("name") for i in items[:3]], trail))
        # Images: og:image, JSON-LD image and the hero are one file of the build.
        ogi = m.get("og:image", [])
        if ogi:
            nimg += 1
            if art.get("image") != ogi:
                probs.append("%s: JSON-LD image %s, og:image %s" % (rel, art.get("image"), ogi))
            if m.get("twitter:card") != ["summary_large_image"]:
                probs.append("%s: an image but twitter:card %s" % (rel, m.get("twitter:card")))
        elif "image" in art:
            probs.append("%s: JSON-LD image without og:image" % rel)
    if n == 0:
        probs.append("no article page: nothing tested")
    if qids and not seen_same:
        probs.append("the registry has Q-ids but no page links one with sameAs")
    if nimg == 0:
        probs.append("no article has an image: og:image was not tested")
    rep.check("article pages: %d with OpenGraph, Twitter card and one NewsArticle JSON-LD "
              "(parsed; fields, breadcrumb, entities' sameAs: %d Q-ids), %d with og:image"
              % (n, len(seen_same), nimg), probs)


def check_images(site, rep):
    """Every <img> with a relative src is a file of the build with its size."""
    probs = []
    n = sized = 0
    for page in sitelib.html_files(site):
        dom = sitelib.parse_html(page)
        for img in dom.find_all("img"):
            src = img.get("src", "")
            if sitelib.is_external(src) or src.startswith("data:"):
                continue
            n += 1
            f = sitelib.resolve_link(site, page, src)
            if f is None or not os.path.isfile(f):
                probs.append("%s: <img src=%s> is no file of the build" %
                             (os.path.relpath(page, site), src))
                continue
            want = image_size(f)
            got = (img.get("width"), img.get("height"))
            if want is not None:
                sized += 1
                if got != (str(want[0]), str(want[1])):
                    probs.append("%s: %s is %dx%d, width/height say %s" %
                                 (os.path.relpath(page, site), src, want[0], want[1], got))
    if n == 0:
        probs.append("no local image in the site: nothing tested")
    rep.check("images: %d local <img> are files of the build, %d with the width and height "
              "of their file" % (n, sized), probs)


def check_og_pages(site, rep):
    """og:locale:alternate on each page names each other language's version."""
    probs = []
    n = 0
    for page in sitelib.html_files(site):
        dom = sitelib.parse_html(page)
        m = metas(dom)
        alts = [l.get("hreflang") for l in dom.find_all("link")
                if l.get("rel") == "alternate" and l.get("hreflang") not in (None, "x-default")]
        lang = dom.find("html").get("lang")
        others = len([a for a in alts if a != lang])
        if others != len(m.get("og:locale:alternate", [])):
            probs.append("%s: %d other languages, %d og:locale:alternate" %
                         (os.path.relpath(page, site), others,
                          len(m.get("og:locale:alternate", []))))
        n += others > 0
    if n == 0:
        probs.append("no page has other languages: nothing tested")
    rep.check("og:locale:alternate: one per other language on %d pages" % n, probs)


def cmd_site(src, site, base):
    rep = sitelib.Report()
    check_robots(src, site, base, rep)
    check_sitemap(src, site, base, rep)
    check_articles(src, site, base, rep)
    check_images(site, rep)
    check_og_pages(site, rep)
    rep.exit()


def cmd_news(src, site, now):
    rep = sitelib.Report()
    probs = []
    conf = sitelib.read_site_yaml(src)
    arts = sitelib.read_articles(src, conf)
    t = datetime.datetime.fromtimestamp(int(now), datetime.timezone.utc)
    want = sorted(a.title for c in arts for a in arts[c]
                  if not a.draft and t - datetime.timedelta(days=2) < when(a.date) <= t)
    p = os.path.join(site, "sitemap-news.xml")
    got = []
    if os.path.exists(p):
        root = ET.parse(p).getroot()
        for u in root.findall(SM + "url"):
            nw = u.find(NEWS + "news")
            got.append(nw.findtext(NEWS + "title"))
            if not nw.findtext(NEWS + "publication/" + NEWS + "name"):
                probs.append("%s: no publication name" % u.findtext(SM + "loc"))
    idx = open(os.path.join(site, "sitemap.xml"), encoding="utf-8").read()
    if bool(want) != ("sitemap-news.xml" in idx):
        probs.append("the index %s the news sitemap" % ("lacks" if want else "lists"))
    if sorted(got) != want:
        probs.append("news sitemap: %s, expected %s" % (sorted(got), want))
    if not want:
        probs.append("no article in the two days before now: nothing tested")
    rep.check("sitemap-news.xml: the %d articles of the two days before now, drafts never"
              % len(want), probs)
    rep.exit()


def cmd_chunks(chunk, old, new, base):
    rep = sitelib.Report()
    probs = []
    chunk = int(chunk)
    files = {}
    for site in (old, new):
        files[site] = {}
        for p, root in sitelib.sitemap_chunks(site, base):
            files[site][os.path.basename(p)] = (open(p, "rb").read(),
                                                len(root.findall(SM + "url")))
    narts = 0
    for name, (data, n) in sorted(files[new].items()):
        if n > chunk:
            probs.append("%s: %d URLs, more than %d" % (name, n, chunk))
        m = re.match(r"sitemap-(\w+)-articles-(\d+)\.xml$", name)
        if m:
            narts += 1
            last = "sitemap-%s-articles-%d.xml" % (m.group(1), int(m.group(2)) + 1)
            if last in files[new] and n != chunk:
                probs.append("%s: %d URLs though not the last" % (name, n))
    if narts < 3:
        probs.append("only %d article chunks: the archive is too small for the test" % narts)
    changed = sorted(k for k in set(files[old]) | set(files[new])
                     if files[old].get(k, (None,))[0] != files[new].get(k, (None,))[0])
    arts_changed = [k for k in changed if "-articles-" in k]
    if len(arts_changed) != 1:
        probs.append("adding one article changed the article chunks %s" % arts_changed)
    else:
        lang = re.match(r"sitemap-(\w+)-articles-", arts_changed[0]).group(1)
        lastn = max(int(re.search(r"(\d+)\.xml$", k).group(1))
                    for k in files[new] if k.startswith("sitemap-%s-articles-" % lang))
        if arts_changed[0] != "sitemap-%s-articles-%d.xml" % (lang, lastn):
            probs.append("the chunk that changed, %s, is not the last" % arts_changed[0])
    rep.check("sitemap chunks of at most %d URLs (%d of articles, full but the last); "
              "one new article changed %s" % (chunk, narts, changed), probs)
    rep.exit()


def main():
    a = sys.argv[1:]
    if len(a) == 4 and a[0] == "site":
        cmd_site(a[1], os.path.abspath(a[2]), a[3])
    elif len(a) == 4 and a[0] == "news":
        cmd_news(a[1], os.path.abspath(a[2]), a[3])
    elif len(a) == 5 and a[0] == "chunks":
        cmd_chunks(a[1], os.path.abspath(a[2]), os.path.abspath(a[3]), a[4])
    else:
        sys.stderr.write(__doc__)
        sys.exit(2)


if __name__ == "__main__":
    main()
