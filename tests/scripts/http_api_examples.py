#!/usr/bin/env python3
"""Runs every `curl` example of docs/http-api.md against a real `annosearch serve`.

Usage: http_api_examples.py ANNOSEARCH CORPUS_DIR DOC

Builds CORPUS_DIR into a temporary index, starts `annosearch serve --port 0` on it, and runs each
line of a ```sh block of DOC that starts with `curl`, with http://127.0.0.1:8080 replaced by the
server's address. The status must be the one written after `# HTTP` on the line (200 when there
is none), and the body must be JSON (JSON Lines or CSV for /api/export). Exits 1 naming every
example that failed, 0 when all ran as written.
"""
import json
import os
import re
import shlex
import signal
import subprocess
import sys
import tempfile
import time


def examples(doc_path):
    out = []
    in_sh = False
    with open(doc_path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            stripped = line.strip()
            if stripped.startswith("```"):
                in_sh = stripped == "```sh"
                continue
            if in_sh and stripped.startswith("curl "):
                status = 200
                m = re.search(r"#\s*HTTP\s+(\d{3})\s*$", stripped)
                if m:
                    status = int(m.group(1))
                command = stripped.split("#", 1)[0].strip() if m else stripped
                out.append((number, command, status))
    return out


def main():
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    binary, corpus, doc = sys.argv[1:]
    cases = examples(doc)
    if len(cases) < 10:
        print(f"{doc}: only {len(cases)} curl examples found; the parser or the doc is broken",
              file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        index = os.path.join(tmp, "index")
        subprocess.run([binary, "build", "--index", index, "--quiet", corpus], check=True)
        log_path = os.path.join(tmp, "serve.log")
        log = open(log_path, "w")
        server = subprocess.Popen([binary, "serve", "--index", index, "--port", "0", "--quiet"],
                                  stdout=log, stderr=subprocess.STDOUT)
        try:
            base = None
            for _ in range(200):
                m = re.search(r"on (http://127\.0\.0\.1:\d+)/", open(log_path).read())
                if m:
                    base = m.group(1)
                    break
                time.sleep(0.05)
            if base is None:
                print("the server did not start:\n" + open(log_path).read(), file=sys.stderr)
                return 1
            failures = []
            for number, command, want in cases:
                args = shlex.split(command.replace("http://127.0.0.1:8080", base))
                body_path = os.path.join(tmp, "body")
                args[1:1] = ["-o", body_path, "-w", "%{http_code}", "--max-time", "30"]
                run = subprocess.run(args, capture_output=True, text=True)
                where = f"{doc}:{number}: {command}"
                if run.returncode != 0:
                    failures.append(f"{where}: curl exited {run.returncode}: {run.stderr}")
                    continue
                status = int(run.stdout.strip() or 0)
                body = open(body_path, encoding="utf-8").read()
                if status != want:
                    failures.append(f"{where}: HTTP {status}, the doc says {want}: {body[:300]}")
                    continue
                try:
                    if "/api/export" in command and "format=csv" in command:
                        if not body.startswith("# format: annosearch-export/1"):
                            raise ValueError("not the export's CSV")
                    elif "/api/export" in command:
                        for line in body.splitlines():
                            json.loads(line)
                    else:
                        parsed = json.loads(body)
                        if want != 200 and "error" not in parsed:
                            raise ValueError("an error status without an error object")
                except ValueError as e:
                    failures.append(f"{where}: the body is not what it should be ({e}): "
                                    f"{body[:300]}")
                    continue
                print(f"ok {status} {command}")
            for f in failures:
                print("FAILED " + f, file=sys.stderr)
            print(f"{len(cases) - len(failures)} of {len(cases)} examples ran as written")
            return 1 if failures else 0
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
