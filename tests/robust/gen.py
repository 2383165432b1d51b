#!/usr/bin/env python3
"""Writes a generated archive with the troubles real ones have.

    python3 tests/robust/gen.py SITE

SITE gets site.yaml, entities.yaml and content/ with a few hundred
articles in Arabic, English and French, among them (the counts are
printed as shell assignments for run.sh to check against):

- DUP_PAIRS pairs and DUP_TRIPLES triples of articles with one headline
  on one day and no slug: (a story filed under two sections, a daily
  bulletin), each clash warned about once per extra article;
- ALIASES articles with old paths under aliases:;
- FUTURE articles dated after NOW (run.sh sets SOURCE_DATE_EPOCH=NOW);
- MISSPELLED front matter keys one edit or a case from a known one;
- EMPTY articles without a body, and NOLETTER entity names without
  a letter or digit.

The same seed gives the same files: nothing depends on the clock.
"""
import os
import random
import sys

NOW = 1700000000  # 2023-11-14T22:13:20Z

AR_WORDS = ["الحكومة", "البرلمان", "الموازنة", "المياه", "الانتخابات",
            "الجامعة", "المدينة", "الوزير", "المؤتمر", "الاتفاق", "الطاقة",
            "الزراعة", "التعليم", "الصحة", "النقل", "الثقافة"]
EN_WORDS = ["government", "parliament", "budget", "water", "elections",
            "university", "city", "minister", "summit", "agreement",
            "energy", "farming", "schools", "health", "transport"]
FR_WORDS = ["gouvernement", "parlement", "budget", "eau", "élections",
            "université", "ville", "ministre", "sommet", "accord",
            "énergie", "agriculture", "écoles", "santé", "transports"]
WORDS = {"ar": AR_WORDS, "en": EN_WORDS, "fr": FR_WORDS}
PLACES = {"ar": ["عمّان", "عُمان", "بيروت", "تونس"],
          "en": ["Amman", "Oman", "Beirut", "Tunis"],
          "fr": ["Amman", "Oman", "Beyrouth", "Tunis"]}
INDEX_NAMES = [("'Omar Khalil", "«عمر خليل»"), ("Oslo", "أوسلو"),
               ("Östberg", "الأردن"), ("1984 Group", "١٩٨٤"),
               ("#MeToo", "#أنا_أيضا"), ("(Lisbon)", "إبراهيم"),
               ("Ørsted", "آمنة"), ("Łódź", "البصرة")]
MISSPELT = ["darft", "Titel", "entites", "tgas", "summray", "Draft"]


def main():
    site = sys.argv[1]
    rnd = random.Random(10)
    os.makedirs(site, exist_ok=True)
    with open(os.path.join(site, "site.yaml"), "w") as f:
        f.write('title:\n  ar: "أرشيف مولَّد"\n  en: "Generated archive"\n'
                '  fr: "Archive générée"\n'
                'base_url: "https://archive.example.org/"\n'
                "default_language: ar\nlanguages:\n  - code: ar\n"
                "  - code: en\n  - code: fr\n")
    with open(os.path.join(site, "entities.yaml"), "w") as f:
        f.write('- id: amman\n  type: places\n'
                '  names: {ar: "عمّان", en: "Amman", fr: "Amman"}\n'
                '- id: oman\n  type: places\n'
                '  names: {ar: "عُمان", en: "Oman", fr: "Oman"}\n'
                '- id: beirut\n  type: places\n'
                '  names: {ar: "بيروت", en: "Beirut", fr: "Beyrouth"}\n'
                '- id: tunis\n  type: places\n'
                '  names: {ar: "تونس", en: "Tunis", fr: "Tunis"}\n')
        # Names that start with a quote, a digit, a sign or a letter
        # with a mark: index groups must stay valid and unique.
        for i, (name, ar) in enumerate(INDEX_NAMES):
            f.write('- id: odd-%d\n  type: people\n'
                    '  names: {en: "%s", fr: "%s", ar: "%s"}\n' %
                    (i, name.replace('"', '\\"'), name.replace('"', '\\"'), ar))
    n = 0
    counts = {"ARTICLES": 0, "DUP_PAIRS": 0, "DUP_TRIPLES": 0, "ALIASES": 0,
              "FUTURE": 0, "MISSPELLED": 0, "EMPTY": 0, "NOLETTER": 0}
    dup_urls = []
    future_dirs = []
    alias_paths = []

    def write(lang, day, title, extra="", body=None, sub=""):
        nonlocal n
        n += 1
        folder = os.path.join(site, "content", lang, day[:4], sub)
        os.makedirs(folder, exist_ok=True)
        if body is None:
            w = WORDS[lang]
            body = " ".join(rnd.choice(w) for _ in range(40)) + ".\n\n" + \
                " ".join(rnd.choice(w) for _ in range(30)) + ".\n"
        path = os.path.join(folder, "a%04d.md" % n)
        with open(path, "w") as f:
            f.write('---\ntitle: "%s"\ndate: %s\n%s---\n%s' %
                    (title, day, extra, body))
        counts["ARTICLES"] += 1
        return path

    def headline(lang, i):
        w = WORDS[lang]
        return "%s %s %s %d" % (w[i % len(w)], w[(i * 7 + 3) % len(w)],
                                w[(i * 5 + 1) % len(w)], i)

    for i in range(240):
        lang = ("ar", "en", "fr")[i % 3]
        day = "2019-%02d-%02d" % (1 + i % 12, 1 + i % 28)
        ents = "entities:\n  places: [\"%s\"]\n" % PLACES[lang][i % 4]
        if i % 9 == 0:
            nm = INDEX_NAMES[(i // 9) % len(INDEX_NAMES)]
            ents += "  people: [\"%s\"]\n" % (nm[1] if lang == "ar" else
                                               nm[0].replace('"', '\\"'))
        extra = ents
        if i % 16 == 5:
            old = "%s/old/%d/" % (lang, i)
            extra += "aliases: [/%s, \"/%s/old-%d.html\"]\n" % (old, lang, i)
            alias_paths.append(old)
            counts["ALIASES"] += 1
        if i % 40 == 7:
            extra += "%s: true\n" % MISSPELT[counts["MISSPELLED"]]
            counts["MISSPELLED"] += 1
        write(lang, day, headline(lang, i), extra)
    # Clashes: the same headline on one day, in two or three sections.
    for i in range(20):
        lang = ("ar", "en", "fr")[i % 3]
        day = "2020-%02d-%02d" % (1 + i % 12, 10 + i % 10)
        t = "%s %s" % (WORDS[lang][i % 10], WORDS[lang][(i + 4) % 10])
        write(lang, day, t, sub="local")
        write(lang, day, t, sub="world")
        counts["DUP_PAIRS"] += 1
    for i in range(4):
        lang = ("ar", "en", "fr")[i % 3]
        day = "2021-0%d-01" % (1 + i)
        t = {"ar": "النشرة الإخبارية", "en": "Daily bulletin",
             "fr": "Le journal du jour"}[lang]
        for k in range(3):
            write(lang, day + "T%02d:00:00Z" % (6 * k) if k else day, t,
                  sub="s%d" % k)
        counts["DUP_TRIPLES"] += 1
    # Scheduled: after NOW (2023-11-14T22:13:20Z).
    for i, day in enumerate(["2023-11-15", "2023-11-14T23:00:00Z",
                             "2024-01-01", "2030-06-01", "2023-12-31",
                             "2023-11-15T00:30:00+01:00", "2025-02-02"]):
        lang = ("ar", "en", "fr")[i % 3]
        write(lang, day, "%s %d" % (WORDS[lang][i], 9000 + i))
        counts["FUTURE"] += 1
    # Dated just before NOW: published.
    write("en", "2023-11-15T00:00:00+03:00", "Just in time")
    write("ar", "2023-11-14", "خبر اليوم")
    # Empty bodies and names without a letter.
    for i in range(3):
        write(("ar", "en", "fr")[i], "2022-05-0%d" % (1 + i),
              "%s %d" % (WORDS[("ar", "en", "fr")[i]][i], 7000 + i), body="")
        counts["EMPTY"] += 1
    for i in range(2):
        write("en", "2022-06-0%d" % (1 + i), "Currency report %d" % i,
              'entities: ["€", "Beirut"]\n')
        counts["NOLETTER"] += 1
    for k, v in counts.items():
        print("%s=%d" % (k, v))
    print("ALIAS_PATHS='%s'" % " ".join(alias_paths))


if __name__ == "__main__":
    main()
