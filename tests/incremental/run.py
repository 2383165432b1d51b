#!/usr/bin/env python3
"""Incremental builds against clean ones, and builds killed at random.

    tests/incremental/run.py ARSHIF [STEPS] [KILLS]

1. A generated archive (tests/bench/gencorpus.c) with its own copy of the
   theme is built, then changed at random STEPS times: headlines, bodies,
   dates, new, deleted and renamed articles, translation keys, templates,
   the stylesheet, static files, site.yaml, the registry and interface
   strings.  After each change the incremental build (cache and previous
   generation in use) must equal a --no-cache build of the same input,
   file for file, and every file whose bytes did not change must keep its
   mtime.
2. KILLS rounds: a change, then a build killed with SIGKILL after a random
   delay.  The output must be exactly the site before the change or
   exactly the site after it; the next build must give the site after it.

The seed is printed; ARSHIF_SEED sets it.
"""
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))


def die(msg):
    print("not ok - " + msg)
    sys.exit(1)


def tree(root):
    """{relative path: bytes} of every file below root."""
    out = {}
    for d, _, files in os.walk(root):
        for f in files:
            p = os.path.join(d, f)
            with open(p, "rb") as fh:
                out[os.path.relpath(p, root)] = fh.read()
    return out


def mtimes(root):
    out = {}
    for d, _, files in os.walk(root):
        for f in files:
            p = os.path.join(d, f)
            out[os.path.relpath(p, root)] = os.stat(p).st_mtime_ns
    return out


def diff(a, b):
    """A short description of how trees a and b differ, or None."""
    only_a = sorted(set(a) - set(b))
    only_b = sorted(set(b) - set(a))
    changed = sorted(k for k in set(a) & set(b) if a[k] != b[k])
    if not (only_a or only_b or changed):
        return None
    parts = []
    if only_a:
        parts.append("only in the incremental output: %s" % only_a[:5])
    if only_b:
        parts.append("only in the clean build: %s" % only_b[:5])
    if changed:
        parts.append("different bytes: %s" % changed[:5])
    return "; ".join(parts)


class Site:
    def __init__(self, arshif, work, rnd):
        self.arshif = arshif
        self.work = work
        self.src = os.path.join(work, "site")
        self.out = os.path.join(work, "out")
        self.ref = os.path.join(work, "ref")
        self.rnd = rnd
        self.serial = 0

    def run(self, out, *extra, check=True):
        p = subprocess.run([self.arshif, "build", "-s", self.src, "-o", out] + list(extra),
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if check and p.returncode != 0:
            die("build failed (exit %d):\n%s" % (p.returncode, p.stderr))
        return p

    def build(self):
        return self.run(self.out)

    def clean_build(self):
        shutil.rmtree(self.ref, ignore_errors=True)
        for n in os.listdir(self.work):
            if n.startswith(".ref.arshif-"):
                shutil.rmtree(os.path.join(self.work, n), ignore_errors=True)
        self.run(self.ref, "--no-cache")
        return tree(self.ref)

    # ---------------------------------------------------------- changes

    def articles(self):
        res = []
        for d, _, files in os.walk(os.path.join(self.src, "content")):
            res += [os.path.join(d, f) for f in files if f.endswith(".md")]
        return sorted(res)

    def pick(self):
        return self.rnd.choice(self.articles())

    def edit_front(self, path, key, value):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        head, sep, body = text[4:].partition("\n---\n")
        lines = [l for l in head.split("\n") if not l.startswith(key + ":")]
        lines.insert(1, "%s: %s" % (key, value))
        with open(path, "w", encoding="utf-8") as f:
            f.write("---\n" + "\n".join(lines) + sep + body)

    def word(self):
        return self.rnd.choice(["water", "harvest", "council", "railway",
                                "مياه", "ميناء", "économie", "récolte"])

    def c_headline(self):
        p = self.pick()
        self.edit_front(p, "title", '"%s %s %d"' % (self.word(), self.word(), self.serial))
        return "headline of " + os.path.relpath(p, self.src)

    def c_body(self):
        p = self.pick()
        with open(p, "a", encoding="utf-8") as f:
            f.write("\nA new paragraph about %s, Mount Milala and Sala.\n" % self.word())
        return "body of " + os.path.relpath(p, self.src)

    def c_date(self):
        p = self.pick()
        self.edit_front(p, "date", "20%02d-%02d-%02d" % (self.rnd.randint(0, 22),
                                                        self.rnd.randint(1, 12),
                                                        self.rnd.randint(1, 28)))
        return "date of " + os.path.relpath(p, self.src)

    def c_add(self):
        lang = self.rnd.choice(["ar", "en", "fr"])
        newest = self.rnd.random() < 0.6
        y = 2023 if newest else self.rnd.randint(2000, 2022)
        d = os.path.join(self.src, "content", lang, str(y))
        os.makedirs(d, exist_ok=True)
        p = os.path.join(d, "new-%d.md" % self.serial)
        ents = self.rnd.sample(["Mount Milala", "Sala", "Port Amrusa"], 2)
        with open(p, "w", encoding="utf-8") as f:
            f.write('---\ntitle: "New %s %d"\ndate: %d-%02d-%02d\nentities:\n'
                    '  places: ["%s", "%s"]\n---\n\nFresh %s news.\n'
                    % (self.word(), self.serial, y, self.rnd.randint(1, 12),
                       self.rnd.randint(1, 28), ents[0], ents[1], self.word()))
        return "new article " + os.path.relpath(p, self.src)

    def c_delete(self):
        p = self.pick()
        os.unlink(p)
        return "deleted " + os.path.relpath(p, self.src)

    def c_rename(self):
        p = self.pick()
        # In its own folder: the images it names stay beside it.
        q = os.path.join(os.path.dirname(p), "renamed-%d.md" % self.serial)
        os.rename(p, q)
        return "renamed " + os.path.relpath(p, self.src)

    def c_translation(self):
        a, b = self.pick(), self.pick()
        if a.split(os.sep)[-3] == b.split(os.sep)[-3]:
            return self.c_headline()
        key = "k%d" % self.serial
        self.edit_front(a, "translation_key", key)
        self.edit_front(b, "translation_key", key)
        return "translation key on two articles"

    def c_template(self):
        t = self.rnd.choice(["list.tpl", "article.tpl", "entities.tpl", "layout.tpl",
                             "terms.tpl", "feed.tpl"])
        with open(os.path.join(self.src, "templates", t), "a", encoding="utf-8") as f:
            f.write("{{!-- edit %d --}}<!-- %d -->\n" % (self.serial, self.serial))
        return "template " + t

    def c_static(self):
        s = os.path.join(self.src, "static")
        extra = os.path.join(s, "extra.txt")
        r = self.rnd.random()
        if r < 0.4:
            with open(os.path.join(s, "style.css"), "a") as f:
                f.write("/* %d */\n" % self.serial)
            return "stylesheet"
        if os.path.exists(extra):
            os.unlink(extra)
            return "static file removed"
        with open(extra, "w") as f:
            f.write("extra %d\n" % self.serial)
        return "static file added"

    def c_config(self):
        p = os.path.join(self.src, "site.yaml")
        with open(p, encoding="utf-8") as f:
            lines = f.read().split("\n")
        if self.rnd.random() < 0.5:
            lines = [("paginate: %d" % self.rnd.choice([5, 7, 20]))
                     if l.startswith("paginate:") else l for l in lines]
            what = "paginate"
        else:
            lines = [('title: "Bench Archive %d"' % self.serial)
                     if l.startswith("title:") else l for l in lines]
            what = "site title"
        with open(p, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
        return "site.yaml " + what

    def c_registry(self):
        p = os.path.join(self.src, "entities.yaml")
        with open(p, "a", encoding="utf-8") as f:
            f.write('- id: new%d\n  type: places\n  names: {en: "Harvest Town %d", '
                    'ar: "بلدة الحصاد %d", fr: "Ville-Récolte %d"}\n'
                    % (self.serial, self.serial, self.serial, self.serial))
        return "registry entry"

    def c_i18n(self):
        lang = self.rnd.choice(["ar", "en", "fr"])
        p = os.path.join(self.src, "templates", "i18n", lang + ".yaml")
        with open(p, encoding="utf-8") as f:
            lines = f.read().split("\n")
        lines = [(l.split(":")[0] + ': "More %d"' % self.serial)
                 if l.startswith("read_more:") else l for l in lines]
        with open(p, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
        return "interface string (%s)" % lang

    def c_alias(self):
        p = self.pick()
        self.edit_front(p, "aliases", '["old/%d/", "old/page-%d.html"]' % (self.serial, self.serial))
        return "aliases on " + os.path.relpath(p, self.src)

    def c_slug(self):
        p = self.pick()
        self.edit_front(p, "slug", "fixed-%d" % self.serial)
        return "explicit slug on " + os.path.relpath(p, self.src)

    def c_draft(self):
        p = self.pick()
        self.edit_front(p, "draft", "true")
        return "draft: " + os.path.relpath(p, self.src)

    def c_future(self):
        p = self.pick()
        self.edit_front(p, "date", "2099-01-01")
        return "scheduled: " + os.path.relpath(p, self.src)

    def c_taxonomy(self):
        p = self.pick()
        r = self.rnd.random()
        if r < 0.35:
            sec = self.rnd.choice(["Economy", "Sport", "اقتصاد", "Culture"])
            key = self.rnd.choice(["section", "category", "categories"])
            self.edit_front(p, key, '["%s"]' % sec if key == "categories" else '"%s"' % sec)
            what = "%s %s" % (key, sec)
        elif r < 0.7:
            tags = self.rnd.sample(["water", "rail", "مياه", "récolte", "Water", "port"],
                                   self.rnd.randint(0, 3))
            self.edit_front(p, "tags", "[%s]" % ", ".join('"%s"' % t for t in tags))
            what = "tags %s" % tags
        else:
            names = self.rnd.sample(["Dana Weiss", "سلمى العطار", "Ana Lima"],
                                    self.rnd.randint(1, 2))
            self.edit_front(p, "author", '"%s"' % names[0] if len(names) == 1 else
                            "[%s]" % ", ".join('"%s"' % n for n in names))
            what = "author %s" % names
        return "%s on %s" % (what, os.path.relpath(p, self.src))

    def c_feed_content(self):
        p = os.path.join(self.src, "site.yaml")
        with open(p, encoding="utf-8") as f:
            lines = [l for l in f.read().split("\n") if not l.startswith("feed_content:")]
        v = self.rnd.choice(["full", "summary"])
        lines.append("feed_content: %s" % v)
        with open(p, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        return "feed_content: " + v

    def png(self, path):
        """A small PNG of a random size (its header gives width and height)."""
        import struct
        import zlib
        w, h = self.rnd.randint(1, 40), self.rnd.randint(1, 40)
        rows = b"".join(b"\0" + bytes([self.rnd.randint(0, 255)]) * (3 * w) for _ in range(h))

        def chunk(t, d):
            return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
        data = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) +
                chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
        with open(path, "wb") as f:
            f.write(data)

    def images(self):
        res = []
        for d, _, files in os.walk(os.path.join(self.src, "content")):
            res += [os.path.join(d, f) for f in files if f.endswith(".png")]
        return sorted(res)

    def c_image_body(self):
        """A new image beside an article, shown in its body."""
        p = self.pick()
        name = "img-%d.png" % self.serial
        self.png(os.path.join(os.path.dirname(p), name))
        with open(p, "a", encoding="utf-8") as f:
            f.write("\n\n![figure %d](%s)\n" % (self.serial, name))
        return "image in the body of " + os.path.relpath(p, self.src)

    def c_image_key(self):
        """image: set to a new image, or to another one of the folder."""
        p = self.pick()
        d = os.path.dirname(p)
        there = [os.path.basename(i) for i in self.images() if os.path.dirname(i) == d]
        if there and self.rnd.random() < 0.5:
            name = self.rnd.choice(there)
        else:
            name = "hero-%d.png" % self.serial
            self.png(os.path.join(d, name))
        self.edit_front(p, "image", name)
        return "image: %s on %s" % (name, os.path.relpath(p, self.src))

    def c_image_change(self):
        """An image's bytes (and size) change; its articles stay as they are."""
        imgs = self.images()
        if not imgs:
            return self.c_image_body()
        i = self.rnd.choice(imgs)
        self.png(i)
        return "image rewritten: " + os.path.relpath(i, self.src)

    CHANGES = ["c_taxonomy", "c_taxonomy", "c_feed_content", "c_image_body", "c_image_key", "c_image_change", "c_alias", "c_slug", "c_draft", "c_future","c_headline", "c_headline", "c_body", "c_date", "c_add", "c_add",
               "c_delete", "c_rename", "c_translation", "c_template", "c_static",
               "c_config", "c_registry", "c_i18n"]

    def change(self):
        self.serial += 1
        return getattr(self, self.rnd.choice(self.CHANGES))()

    # ---------------------------------------------- fixed scenarios

    def only_mention(self):
        """A registry entity that one Arabic article alone mentions: it has
        a page, and a place in the search index, in every language."""
        with open(os.path.join(self.src, "entities.yaml"), "a", encoding="utf-8") as f:
            f.write('- id: lone\n  type: places\n  names: {ar: "واحة زمردة", '
                    'en: "Zumurda Oasis", fr: "Oasis de Zumurda"}\n')
        d = os.path.join(self.src, "content", "ar", "2015")
        os.makedirs(d, exist_ok=True)
        self.lone = os.path.join(d, "lone.md")
        with open(self.lone, "w", encoding="utf-8") as f:
            f.write('---\ntitle: "خبر من واحة زمردة"\ndate: 2015-06-07\nentities:\n'
                    '  places: ["واحة زمردة"]\n---\n\nنص قصير.\n')
        return "a registry entity's only mention, in Arabic"

    def only_mention_gone(self):
        """That article deleted: no other language's article changed, yet
        their entity lists (and search indexes) lose the entity."""
        os.unlink(self.lone)
        return "the only mention deleted"


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    arshif = os.path.abspath(sys.argv[1])
    steps = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    kills = int(sys.argv[3]) if len(sys.argv) > 3 else 100
    seed = int(os.environ.get("ARSHIF_SEED", str(int(time.time()))))
    print("# seed %d (ARSHIF_SEED=%d to repeat)" % (seed, seed))
    rnd = random.Random(seed)
    work = tempfile.mkdtemp(prefix="arshif-incr.")
    try:
        gen = os.path.join(work, "gencorpus")
        subprocess.run(["cc", "-std=c11", "-O2", "-o", gen,
                        os.path.join(TOP, "tests", "bench", "gencorpus.c")], check=True)
        s = Site(arshif, work, rnd)
        subprocess.run([gen, "-n", "240", "-e", "60", "--seed", str(seed % 1000),
                        "-o", s.src], check=True, stdout=subprocess.DEVNULL)
        shutil.copytree(os.path.join(TOP, "templates"), os.path.join(s.src, "templates"))
        shutil.copytree(os.path.join(TOP, "static"), os.path.join(s.src, "static"))
        s.build()
        bad = 0
        # 1. fixed scenarios, then random changes, each compared with a clean build
        fixed = [s.only_mention, s.only_mention_gone]
        for i in range(len(fixed) + steps):
            before = tree(s.out)
            t_before = mtimes(s.out)
            what = fixed[i]() if i < len(fixed) else s.change()
            s.build()
            got = tree(s.out)
            d = diff(got, s.clean_build())
            if d:
                print("# step %d (%s): %s" % (i + 1, what, d))
                bad += 1
                continue
            t_after = mtimes(s.out)
            moved = [k for k in got if k in before and before[k] == got[k]
                     and t_before[k] != t_after[k]]
            if moved:
                print("# step %d (%s): unchanged files got a new mtime: %s"
                      % (i + 1, what, moved[:5]))
                bad += 1
        if bad:
            die("%d of %d incremental builds differ from a clean build" % (bad, len(fixed) + steps))
        print("ok - %d fixed and %d random changes: each incremental build equals a "
              "--no-cache build, unchanged files keep their mtime" % (len(fixed), steps))
        # 2. builds killed at random
        old = tree(s.out)
        t0 = time.monotonic()
        s.build()
        est = max(time.monotonic() - t0, 0.05)
        mid = 0
        for i in range(kills):
            what = s.change()
            new = s.clean_build()
            p = subprocess.Popen([arshif, "build", "-s", s.src, "-o", s.out],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rnd.uniform(0, est * 1.5))
            if p.poll() is None:
                mid += 1
            p.send_signal(signal.SIGKILL)
            p.wait()
            got = tree(s.out)
            if got != old and got != new:
                die("round %d (%s): after SIGKILL the output is neither the old nor "
                    "the new site: vs old: %s; vs new: %s"
                    % (i + 1, what, diff(got, old), diff(got, new)))
            s.build()
            d = diff(tree(s.out), new)
            if d:
                die("round %d (%s): the build after a killed one is wrong: %s"
                    % (i + 1, what, d))
            old = new
        print("ok - %d builds killed at random (%d of them mid-build): the output was "
              "the old or the new site every time, and the next build recovered"
              % (kills, mid))
        if mid == 0:
            die("no build was killed mid-build: the kill test tested nothing")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("2 passed, 0 failed")


if __name__ == "__main__":
    main()
