#!/usr/bin/env python3
"""Deterministic generator of annotated corpora in the corpus format (docs/corpus-format.md).

    tools/bench/gen_corpus.py OUT_DIR --articles N [--entities E] [--seed S] [--data DIR]

Writes OUT_DIR/entities.jsonl (E entities, default 20,000), OUT_DIR/themes.json (48 themes in 8
trees) and OUT_DIR/documents/part-NNNN.jsonl (10,000 articles per file). Every article has about
500 words in about 10 paragraphs, words drawn with the frequencies of real English news text
(learnt at run time from the BBC News and Reuters-21578 text under --data, default
../shared/data), about 15 distinct entities drawn from a Zipf distribution (s = 1) over the
registry, each with 1 to 3 mentions of its name or alias at their code point offsets, 1 to 4
themes (some on a few passages only), 0 to 2 date expressions, and a publication date uniform over
the 25 years 2000-01-01 .. 2024-12-31. The same arguments give the same bytes on any machine
(one random.Random(seed), sorted inputs, no hash-order dependence).
"""
import argparse
import bisect
import collections
import datetime
import itertools
import json
import os
import random
import re
import sys

WORD = re.compile(r"[A-Za-z][a-z]+(?:'[a-z]+)?|[a-z]+|[0-9]{1,4}")
SYLLABLES = ("ka ri to ma ne lo vi sa du be ra mi ko ta zi no pe lu ha jo fa se gu wi da "
             "yo ce bi te mo su re na li go pa xe qu zo ve").split()
TYPES = ("PERSON", "ORG", "GPE", "NORP")
MONTHS = ("January February March April May June July August September October November "
          "December").split()


def learn_words(data_dir):
    """Word -> count over the BBC News articles and Reuters-21578 bodies, in sorted file order."""
    counts = collections.Counter()
    files = []
    bbc = os.path.join(data_dir, "bbc-news")
    for root, _, names in os.walk(bbc):
        files += [os.path.join(root, n) for n in names if n.endswith(".txt") and n[0].isdigit()]
    reuters = os.path.join(data_dir, "reuters21578")
    if os.path.isdir(reuters):
        files += [os.path.join(reuters, n) for n in os.listdir(reuters) if n.endswith(".sgm")]
    for path in sorted(files):
        with open(path, encoding="latin-1") as f:
            text = f.read()
        if path.endswith(".sgm"):
            text = " ".join(re.findall(r"<BODY>(.*?)</BODY>", text, re.S))
        counts.update(WORD.findall(text))
    if len(counts) < 1000:
        sys.exit(f"gen_corpus: too few words learnt from {data_dir} (is --data right?)")
    words = sorted(counts, key=lambda w: (-counts[w], w))
    return words, list(itertools.accumulate(counts[w] for w in words))


def make_registry(rng, n):
    entities = []
    seen = set()
    for i in range(n):
        while True:
            first = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
            last = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
            if (first, last) not in seen:
                seen.add((first, last))
                break
        entities.append({"id": f"e{i:07d}", "name": f"{first} {last}", "type": TYPES[i % 4],
                         "aliases": [last]})
    return entities


def make_taxonomy():
    themes = []
    for p in range(8):
        themes.append({"id": f"t{p}", "label": f"Theme {p}", "description": f"Generated theme {p}."})
        for c in range(5):
            themes.append({"id": f"t{p}-{c}", "label": f"Theme {p}.{c}", "parent": f"t{p}",
                           "description": f"Generated theme {p}.{c}."})
    return themes


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--articles", type=int, required=True)
    ap.add_argument("--entities", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=1)
    shared = os.environ.get("ANNOSEARCH_SHARED_DIR")
    ap.add_argument("--data", default=os.path.join(shared, "data") if shared else "../shared/data")
    ap.add_argument("--per-file", type=int, default=10000)
    a = ap.parse_args()

    words, cum = learn_words(a.data)
    total = cum[-1]
    rng = random.Random(a.seed)
    registry = make_registry(rng, a.entities)
    themes = make_taxonomy()
    theme_ids = [t["id"] for t in themes]
    zipf_cum = list(itertools.accumulate(1.0 / (r + 1) for r in range(a.entities)))
    zipf_total = zipf_cum[-1]
    first_day = datetime.date(2000, 1, 1).toordinal()
    days = datetime.date(2024, 12, 31).toordinal() - first_day + 1

    os.makedirs(os.path.join(a.out, "documents"), exist_ok=True)
    with open(os.path.join(a.out, "entities.jsonl"), "w", encoding="utf-8") as f:
        for e in registry:
            f.write(json.dumps(e, separators=(",", ":")) + "\n")
    with open(os.path.join(a.out, "themes.json"), "w", encoding="utf-8") as f:
        json.dump({"themes": themes}, f, indent=0)

    def draw_words(k):
        return [words[bisect.bisect_right(cum, rng.random() * total)] for _ in range(k)]

    out = None
    for n in range(a.articles):
        if n % a.per_file == 0:
            if out:
                out.close()
            out = open(os.path.join(a.out, "documents", f"part-{n // a.per_file:04d}.jsonl"), "w",
                       encoding="utf-8")
        date = datetime.date.fromordinal(first_day + rng.randrange(days))
        n_par = rng.randint(8, 12)
        # Entities: ~15 distinct, Zipf over the registry; each mention goes into a paragraph slot.
        chosen = []
        for _ in range(rng.randint(12, 18)):
            r = bisect.bisect_right(zipf_cum, rng.random() * zipf_total)
            if r not in chosen:
                chosen.append(r)
        inserts = collections.defaultdict(list)  # paragraph -> [(word index, kind, payload)]
        for r in chosen:
            for _ in range(rng.randint(1, 3)):
                p = rng.randrange(n_par)
                form = registry[r]["name"] if rng.random() < 0.6 else registry[r]["aliases"][0]
                inserts[p].append((rng.random(), "e", (r, form)))
        for _ in range(rng.randint(0, 2)):
            d = datetime.date.fromordinal(first_day + rng.randrange(days))
            if rng.random() < 0.5:
                inserts[rng.randrange(n_par)].append(
                    (rng.random(), "d", (f"in {MONTHS[d.month - 1]} {d.year}",
                                         f"{d.year:04d}-{d.month:02d}")))
            else:
                inserts[rng.randrange(n_par)].append(
                    (rng.random(), "d", (f"on {d.isoformat()}", d.isoformat())))
        title = " ".join(draw_words(rng.randint(5, 9))).capitalize()
        pieces = [title]
        pos = len(title) + 1
        mentions = collections.defaultdict(list)
        dates = []
        for p in range(n_par):
            body = draw_words(rng.randint(38, 52))
            slots = sorted(inserts.get(p, []))
            out_words = []
            cursor = pos
            k = 0
            for i, w in enumerate(body):
                while k < len(slots) and slots[k][0] * len(body) <= i:
                    _, kind, payload = slots[k]
                    text = payload[1] if kind == "e" else payload[0]
                    if kind == "e":
                        mentions[payload[0]].append({"start": cursor, "end": cursor + len(text)})
                    else:
                        dates.append({"start": cursor + 3, "end": cursor + len(text),
                                      "value": payload[1]})
                    out_words.append(text)
                    cursor += len(text) + 1
                    k += 1
                out_words.append(w)
                cursor += len(w) + 1
            for _, kind, payload in slots[k:]:
                text = payload[1] if kind == "e" else payload[0]
                if kind == "e":
                    mentions[payload[0]].append({"start": cursor, "end": cursor + len(text)})
                else:
                    dates.append({"start": cursor + 3, "end": cursor + len(text),
                                  "value": payload[1]})
                out_words.append(text)
                cursor += len(text) + 1
            line = " ".join(out_words) + "."
            pieces.append(line)
            pos += len(line) + 1
        text = "\n".join(pieces)
        doc_themes = []
        for t in rng.sample(theme_ids, rng.randint(1, 4)):
            th = {"id": t, "weight": round(rng.random(), 2), "source": "gold"}
            if rng.random() < 0.3:
                th["passages"] = sorted(rng.sample(range(2, n_par + 2), 2))
            doc_themes.append(th)
        doc = {
            "id": f"gen-{n:07d}",
            "title": title,
            "date": date.isoformat(),
            "source": ("Wire", "Herald", "Courier", "Gazette")[n % 4],
            "language": "en",
            "text": text,
            "entities": [{"id": registry[r]["id"], "mentions": mentions[r], "source": "gold"}
                         for r in chosen if mentions[r]],
            "themes": doc_themes,
            "dates": sorted(dates, key=lambda d: d["start"]),
        }
        out.write(json.dumps(doc, separators=(",", ":")) + "\n")
    if out:
        out.close()


if __name__ == "__main__":
    main()
