#!/usr/bin/env python3
"""Reads CSV (annosearch output) from a file with Python's csv module, independently of annosearch.

    csv_rows.py FILE

Lines before the header row that start with '# ' (export's header) are collected as "meta"
{key: value}. Prints one JSON object: {"meta": {...}, "header": [...], "rows": [{column: value}]}.
Fails (exit 1) when a row has another number of fields than the header.
"""

import csv
import io
import json
import sys


def main():
    with open(sys.argv[1], encoding="utf-8", newline="") as f:
        data = f.read()
    meta = {}
    lines = data.split("\r\n")
    while lines and lines[0].startswith("# "):
        key, _, value = lines.pop(0)[2:].partition(": ")
        meta[key] = value
    reader = csv.reader(io.StringIO("\r\n".join(lines), newline=""))
    header = next(reader)
    rows = []
    for n, row in enumerate(reader, start=2):
        if len(row) != len(header):
            sys.exit("row %d has %d fields, the header %d" % (n, len(row), len(header)))
        rows.append(dict(zip(header, row)))
    json.dump({"meta": meta, "header": header, "rows": rows}, sys.stdout)


if __name__ == "__main__":
    main()
