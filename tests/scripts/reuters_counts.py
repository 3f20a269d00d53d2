#!/usr/bin/env python3
"""Independent article counts for Reuters-21578, straight from the SGML.

Used by end-to-end tests to check annosearch's importer and index against a count that shares no
code with them: a regular-expression pass over the raw files (read as Latin-1).

    reuters_counts.py DIR_OR_SGM... [--actor CODE]... [--theme CODE]...

prints one JSON object:

    {"total": 21578,
     "actor": {"usa": 12542},          # articles whose PLACES/PEOPLE/ORGS/EXCHANGES hold CODE
     "theme": {"crude": 634},          # articles whose TOPICS hold CODE
     "both": 549}                      # articles matching every --actor and every --theme given

"both" is present only when at least one --actor or --theme is given.
"""

import argparse
import glob
import json
import os
import re
import sys

RECORD = re.compile(r"<REUTERS\b[^>]*>(.*?)</REUTERS>", re.S)
ACTOR_FIELDS = ("PLACES", "PEOPLE", "ORGS", "EXCHANGES")


def field_codes(record, field):
    m = re.search(r"<%s>(.*?)</%s>" % (field, field), record, re.S)
    if not m:
        return set()
    return {code.strip() for code in re.findall(r"<D>(.*?)</D>", m.group(1), re.S)}


def sgm_files(inputs):
    files = []
    for path in inputs:
        if os.path.isdir(path):
            files.extend(sorted(glob.glob(os.path.join(path, "reut2-*.sgm"))))
        else:
            files.append(path)
    return files


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+", help="reut2-*.sgm files or their directory")
    parser.add_argument("--actor", action="append", default=[], help="a PLACES/PEOPLE/ORGS/EXCHANGES code")
    parser.add_argument("--theme", action="append", default=[], help="a TOPICS code")
    args = parser.parse_args()

    files = sgm_files(args.inputs)
    if not files:
        print("reuters_counts.py: no reut2-*.sgm files in %s" % " ".join(args.inputs), file=sys.stderr)
        return 2

    total = 0
    actor_counts = {code: 0 for code in args.actor}
    theme_counts = {code: 0 for code in args.theme}
    both = 0
    for path in files:
        with open(path, encoding="latin-1") as f:
            data = f.read()
        for m in RECORD.finditer(data):
            record = m.group(1)
            total += 1
            actors = set()
            for field in ACTOR_FIELDS:
                actors |= field_codes(record, field)
            topics = field_codes(record, "TOPICS")
            for code in args.actor:
                actor_counts[code] += code in actors
            for code in args.theme:
                theme_counts[code] += code in topics
            if all(c in actors for c in args.actor) and all(c in topics for c in args.theme):
                both += 1

    out = {"total": total, "actor": actor_counts, "theme": theme_counts}
    if args.actor or args.theme:
        out["both"] = both
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
