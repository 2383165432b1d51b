#!/usr/bin/env python3
"""Asserts that a built site is inert: every hostile string of
tests/hostile/site came out as text, never as markup or a live URL.
Usage: check.py OUTPUT_DIR.  Prints one line per problem; exits 1 if any."""
import html.parser
import json
import os
import re
import sys
import xml.dom.minidom

BIDI = re.compile('[\u202a-\u202e\u2066-\u2069]')
CONTROL = re.compile('[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f]')
BAD_SCHEME = re.compile(r'^\s*(javascript|vbscript|data|file):', re.I)
problems = []


class Page(html.parser.HTMLParser):
    def __init__(self, path):
        super().__init__(convert_charrefs=True)
        self.path = path
        self.ld = None          # the JSON-LD script's text while inside it
        self.lds = []

    def handle_starttag(self, tag, attrs):
        # The scripts arshif writes: JSON-LD data (checked as JSON below),
        # and the theme's own search script on a search page.
        if tag == 'script' and attrs == [('type', 'application/ld+json')] and \
                self.ld is None and not self.lds:
            self.ld = ''
            return
        own = (tag == 'script' and attrs == [('src', '../../search.js')] and
               self.path.endswith(os.path.join('search', 'index.html')))
        if tag in ('script', 'iframe', 'object', 'embed', 'svg', 'math') and not own:
            problems.append(f'{self.path}: a <{tag}> element')
        for name, value in attrs:
            if name.startswith('on'):
                problems.append(f'{self.path}: <{tag} {name}=...>')
            if name in ('href', 'src', 'action', 'formaction', 'xlink:href') and value and BAD_SCHEME.match(value):
                problems.append(f'{self.path}: <{tag} {name}="{value[:40]}">')
            if value and (BIDI.search(value) or CONTROL.search(value)):
                problems.append(f'{self.path}: control or bidi character in {name}')

    def handle_endtag(self, tag):
        if tag == 'script' and self.ld is not None:
            text, self.ld = self.ld, None
            self.lds.append(text)
            if '<' in text or '>' in text:
                problems.append(f'{self.path}: "<" or ">" unescaped in the JSON-LD')
            try:
                data = json.loads(text)
            except ValueError as e:
                problems.append(f'{self.path}: the JSON-LD is no JSON ({e}): {text[:60]!r}')
                return
            # The hostile strings are carried as data, whole.
            art = [g for g in data.get('@graph', []) if g.get('@type') == 'NewsArticle']
            if not art:
                problems.append(f'{self.path}: no NewsArticle in the JSON-LD')
            elif not any(
                    '</script>' in str(g.get('headline', '')) + str(g.get('articleSection', ''))
                    for g in art):
                problems.append(f'{self.path}: the hostile headline or section is not in the JSON-LD')
            elif 'image' in art[0]:
                problems.append(f'{self.path}: a javascript: hero reached the JSON-LD')

    def handle_data(self, data):
        if self.ld is not None:
            self.ld += data
            return
        if BIDI.search(data):
            problems.append(f'{self.path}: bidi override in text {data.strip()[:40]!r}')
        if CONTROL.search(data):
            problems.append(f'{self.path}: control character in text')


def main(out):
    seen = 0
    for root, _, files in os.walk(out):
        for name in files:
            path = os.path.join(root, name)
            with open(path, 'rb') as f:
                raw = f.read()
            text = raw.decode('utf-8')
            if name.endswith('.html'):
                Page(path).feed(text)
                seen += 1
            elif name.endswith('.js') and os.sep + 'search' + os.sep in path:
                # The search index: content only inside JSON strings, with
                # <, > and & escaped, and no control or bidi character.
                if re.search(r'[<>&]', text) or BIDI.search(text) or CONTROL.search(text):
                    problems.append(f'{path}: raw <, >, &, control or bidi character in the search index')
            elif name.endswith('.xml'):
                try:
                    doc = xml.dom.minidom.parseString(raw)
                except Exception as e:  # noqa: BLE001 - any parse error is the finding
                    problems.append(f'{path}: not well-formed XML: {e}')
                    continue
                # The feed carries HTML as escaped text: parse that too.
                for node in doc.getElementsByTagName('content') + doc.getElementsByTagName('summary'):
                    Page(path + ' (entry HTML)').feed(''.join(t.data for t in node.childNodes if t.nodeType == t.TEXT_NODE))
                if BIDI.search(text) or CONTROL.search(text):
                    problems.append(f'{path}: control or bidi character')
                seen += 1
    if seen == 0:
        problems.append(f'{out}: no files')
    for p in problems:
        print(p)
    return 1 if problems else 0


sys.exit(main(sys.argv[1]))
