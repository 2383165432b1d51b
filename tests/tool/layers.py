#!/usr/bin/env python3
"""The house rules of src/, checked from the #include lines (make test runs it).

  python3 tests/tool/layers.py [SRC]

- Each folder of src/ is a layer of the pipeline, in the order of LAYERS
  (lowest first); a file may include headers of its own folder and of
  folders below it, never above: data flows one way.
- A header named *_int.h belongs to its folder: no other folder includes it.
- Within a folder, no module (x.c with x.h) includes another that includes
  it back, directly or through others.
- No source file is over MAX_LINES lines and no function over MAX_FUNC
  (a longer one is listed in LONG_OK with why it is better whole).
Prints each breach as path:line: message and exits 1 if there is one.
"""
import os
import re
import sys

LAYERS = ["base", "text", "tmpl", "input", "cache", "output", "content",
          "model", "plan", "render", "search", "site", "serve"]
MAX_LINES = 800
MAX_FUNC = 120
LONG_OK = {}  # "path" or "path:function" below src/ -> why it stays whole

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else "src"
    rank = {name: i for i, name in enumerate(LAYERS)}
    top = len(LAYERS)  # main.c, above every folder
    problems = []
    edges = {}
    files = []
    for root, _, names in os.walk(src):
        for n in names:
            if n.endswith((".c", ".cc", ".h")):
                files.append(os.path.relpath(os.path.join(root, n), src))
    for rel in sorted(files):
        parts = rel.split(os.sep)
        folder = parts[0] if len(parts) > 1 else None
        if folder is not None and folder not in rank:
            problems.append(f"{rel}:1: folder '{folder}' is not a layer; "
                            "add it to LAYERS in tests/tool/layers.py")
            continue
        mine = rank[folder] if folder else top
        module = os.path.splitext(rel)[0]
        with open(os.path.join(src, rel), encoding="utf-8",
                  errors="replace") as f:
            lines = f.read().split("\n")
        if len(lines) - 1 > MAX_LINES and rel not in LONG_OK:
            problems.append(f"{rel}:1: {len(lines) - 1} lines, over "
                            f"{MAX_LINES}: split it by responsibility")
        if rel.endswith((".c", ".cc")):
            for name, start, length in functions(lines):
                if length > MAX_FUNC and f"{rel}:{name}" not in LONG_OK:
                    problems.append(f"{rel}:{start}: {name}() has {length} "
                                    f"lines, over {MAX_FUNC}: give its steps "
                                    "names of their own")
        for no, line in enumerate(lines, 1):
            m = INCLUDE.match(line)
            if not m:
                continue
            inc = m.group(1)
            ip = inc.split("/")
            if len(ip) != 2:
                if os.path.exists(os.path.join(src, os.path.dirname(rel), inc)):
                    problems.append(f"{rel}:{no}: include '{inc}' as "
                                    f"\"{parts[0]}/{inc}\"")
                continue  # not ours (a test helper, a system header)
            theirs = rank.get(ip[0])
            if theirs is None:
                continue
            if theirs > mine:
                problems.append(f"{rel}:{no}: '{ip[0]}' is above "
                                f"'{folder or 'main'}' in the pipeline; "
                                "pass what is needed down instead")
            if ip[1].endswith("_int.h") and ip[0] != folder:
                problems.append(f"{rel}:{no}: '{inc}' is internal to "
                                f"'{ip[0]}'")
            target = os.path.splitext(inc)[0]
            if target != module:
                edges.setdefault(module, set()).add(target)
    problems += cycles(edges)
    for p in problems:
        print(p)
    return 1 if problems else 0


def functions(lines):
    """(name, line, length) of each function written in the house style:
    the body's braces alone at the start of a line."""
    out = []
    i = 0
    while i < len(lines):
        if lines[i] == "{":
            j = i - 1
            while j > 0 and "(" not in lines[j]:
                j -= 1
            words = lines[j].split("(")[0].split()
            name = words[-1].lstrip("*") if words else "?"
            k = i + 1
            while k < len(lines) and lines[k] != "}":
                k += 1
            out.append((name, j + 1, k - j + 1))
            i = k
        i += 1
    return out


def cycles(edges):
    """Each group of modules that include each other in a circle."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w.endswith("_int"):
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append("src/: include cycle: " + " <-> ".join(sorted(group)))

    sys.setrecursionlimit(10000)
    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def self_test():
    """The checker finds what it is for, on a small tree made for it."""
    import tempfile
    files = {
        "base/a.c": '#include "base/a.h"\n#include "content/c.h"\n',
        "base/a.h": "",
        "content/c.c": '#include "content/c.h"\n#include "content/d.h"\n',
        "content/c.h": "",
        "content/d.c": '#include "content/d.h"\n#include "content/c.h"\n',
        "content/d.h": "",
        "model/m.c": '#include "content/c_int.h"\n' + "int\nf(void)\n{\n"
                     + "\tx;\n" * 130 + "}\n",
        "content/c_int.h": "",
        "nowhere/n.c": "",
    }
    want = ["base/a.c:2: 'content' is above 'base'",
            "model/m.c:1: 'content/c_int.h' is internal to 'content'",
            "model/m.c:3: f() has 133 lines",
            "nowhere/n.c:1: folder 'nowhere' is not a layer",
            "include cycle: content/c <-> content/d"]
    with tempfile.TemporaryDirectory() as d:
        for rel, text in files.items():
            os.makedirs(os.path.join(d, os.path.dirname(rel)), exist_ok=True)
            with open(os.path.join(d, rel), "w") as f:
                f.write(text)
        import io
        import contextlib
        out = io.StringIO()
        sys.argv = ["layers.py", d]
        with contextlib.redirect_stdout(out):
            rc = main()
    missed = [w for w in want if w not in out.getvalue()]
    if rc != 1 or missed:
        print("layers.py self-test failed; missed:", missed, "\n" + out.getvalue())
        return 1
    return 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--self-test"]:
        sys.exit(self_test())
    sys.exit(main())
