#!/usr/bin/env python3
"""Independent facet counts for Reuters-21578, straight from the SGML (no annosearch code).

    reuters_facets.py DIR_OR_SGM... [--theme CODE] [--actor CODE]...

Selects the articles whose TOPICS hold --theme (when given) and whose PLACES/PEOPLE/ORGS/EXCHANGES
hold any --actor (when given; OR), and prints one JSON object:

    {"selected": 31,
     "theme": {"crude": 31, ...},       # TOPICS codes over the selection
     "theme_missing": 0,                 # selected articles without any TOPICS code
     "actor": {"usa": 12, ...},          # actor codes over the selection
     "month": {"1987-02": 6, ...},       # selected articles by the month of their DATE
     "month_all": {"1987-02": 229, ...}} # every article by month (the --normalize denominators)

A DATE counts when it reads DD-MON-YYYY (the collection's form); others count in no month.
"""

import argparse
import glob
import json
import os
import re

RECORD = re.compile(r"<REUTERS\b[^>]*>(.*?)</REUTERS>", re.S)
ACTOR_FIELDS = ("PLACES", "PEOPLE", "ORGS", "EXCHANGES")
MONTHS = {m: i + 1 for i, m in enumerate(
    ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"])}


def codes(record, field):
    m = re.search(r"<%s>(.*?)</%s>" % (field, field), record, re.S)
    if not m:
        return set()
    return {c.strip() for c in re.findall(r"<D>(.*?)</D>", m.group(1), re.S)}


def month(record):
    m = re.search(r"<DATE>\s*(\d{1,2})-([A-Z]{3})-(\d{4})", record)
    if not m or m.group(2) not in MONTHS:
        return None
    return "%s-%02d" % (m.group(3), MONTHS[m.group(2)])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("--theme")
    ap.add_argument("--actor", action="append", default=[])
    args = ap.parse_args()
    files = []
    for p in args.inputs:
        files += sorted(glob.glob(os.path.join(p, "*.sgm"))) if os.path.isdir(p) else [p]
    out = {"selected": 0, "theme": {}, "theme_missing": 0, "actor": {}, "month": {},
           "month_all": {}}
    for path in files:
        with open(path, encoding="latin-1") as f:
            data = f.read()
        for rec in RECORD.findall(data):
            mon = month(rec)
            if mon:
                out["month_all"][mon] = out["month_all"].get(mon, 0) + 1
            topics = codes(rec, "TOPICS")
            actors = set()
            for field in ACTOR_FIELDS:
                actors |= codes(rec, field)
            if args.theme and args.theme not in topics:
                continue
            if args.actor and not (actors & set(args.actor)):
                continue
            out["selected"] += 1
            if not topics:
                out["theme_missing"] += 1
            for t in topics:
                out["theme"][t] = out["theme"].get(t, 0) + 1
            for a in actors:
                out["actor"][a] = out["actor"].get(a, 0) + 1
            if mon:
                out["month"][mon] = out["month"].get(mon, 0) + 1
    print(json.dumps(out, sort_keys=True))


if __name__ == "__main__":
    main()
