#!/usr/bin/env python3
"""How often each review question's answers appear in design docs unrelated to it.

A concern's `answered-by` phrases match at the start of a word, as prefixes, anywhere in
the document. A phrase that is common in design docs for other reasons ("version",
"late" in "later", "in order" in "in order to") settles the question in almost every doc,
so the question is never asked. This lists, per concern, the share of the given docs in
which some answer appears, and the phrases that appear most.

    python3 tools/answer-rates.py DOCS_DIR [--sample N] [--over 0.15]

Keep most concerns under about 0.15 on a broad set of design docs.
"""
import argparse
import pathlib
import random
import re
import tomllib

ROOT = pathlib.Path(__file__).resolve().parent.parent


def entries():
    for path in sorted((ROOT / "knowledge").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if not text.startswith("+++"):
            continue
        front = text.split("+++", 2)[1]
        data = tomllib.loads(front)
        yield data.get("id", path.stem), data


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("docs")
    ap.add_argument("--sample", type=int, default=600)
    ap.add_argument("--over", type=float, default=0.0)
    args = ap.parse_args()
    docs = sorted(pathlib.Path(args.docs).rglob("*.md"))
    random.seed(1)
    docs = random.sample(docs, min(args.sample, len(docs)))
    texts = [d.read_text(encoding="utf-8", errors="replace").lower() for d in docs]
    rows = []
    for id, data in entries():
        for n, concern in enumerate(data.get("concerns", [])):
            phrases = set()
            for a in concern.get("answered-by", []):
                a = a.lower()
                phrases |= {a, a.replace("-", " "), a.replace(" ", "-")}
            # Short phrases match whole words (or their plural), longer ones as prefixes.
            pats = {
                p: re.compile(r"(?<![a-z0-9])" + re.escape(p) + (r"s?(?![a-z0-9])" if len(p) <= 3 else ""))
                for p in phrases
            }
            hits, per = 0, {}
            for t in texts:
                found = [p for p, rx in pats.items() if rx.search(t)]
                hits += bool(found)
                for p in found:
                    per[p] = per.get(p, 0) + 1
            rate = hits / max(1, len(texts))
            top = ", ".join(f"{p} {c}" for p, c in sorted(per.items(), key=lambda x: -x[1])[:5])
            rows.append((rate, f"{id}#{n}", top))
    rows.sort(reverse=True)
    for rate, key, top in rows:
        if rate >= args.over:
            print(f"{rate:.2f}\t{key}\t{top}")
    rates = sorted(r for r, _, _ in rows)
    if rates:
        print(f"# {len(rates)} concerns over {len(texts)} docs: median {rates[len(rates) // 2]:.2f}, max {rates[-1]:.2f}")


if __name__ == "__main__":
    main()
