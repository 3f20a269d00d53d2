#!/usr/bin/env python3
"""Keeps the Reuters-21578 documents of one LEWISSPLIT, for measuring the annotator per split.

  reuters_split.py DATA SPLIT < IN.jsonl > OUT.jsonl

DATA is the directory of reut2-*.sgm; SPLIT is TRAIN, TEST or NOT-USED (the attribute of each
<REUTERS> record). Reads corpus documents (one JSON object a line, ids "reuters-NEWID", as
`annosearch import reuters21578` and `annosearch annotate` write them) and writes those whose
record has that split, unchanged. The split is read from the SGML, not from the documents, so
the importer needs no field for it. See docs/annotation-quality.md.
"""
import glob
import json
import re
import sys


def split_ids(data, split):
    ids = set()
    tag = re.compile(rb'<REUTERS\b[^>]*>')
    for path in sorted(glob.glob(data + "/reut2-*.sgm")):
        with open(path, "rb") as f:
            for m in tag.finditer(f.read()):
                attrs = dict(re.findall(rb'(\w+)="([^"]*)"', m.group(0)))
                if attrs.get(b"LEWISSPLIT", b"").decode() == split:
                    ids.add("reuters-" + attrs[b"NEWID"].decode())
    return ids


def main():
    if len(sys.argv) != 3 or sys.argv[2] not in ("TRAIN", "TEST", "NOT-USED"):
        sys.stderr.write(__doc__)
        return 2
    ids = split_ids(sys.argv[1], sys.argv[2])
    if not ids:
        sys.stderr.write("reuters_split.py: no record with LEWISSPLIT=%s in %s\n" % (sys.argv[2], sys.argv[1]))
        return 1
    for line in sys.stdin:
        if line.strip() and json.loads(line)["id"] in ids:
            sys.stdout.write(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
