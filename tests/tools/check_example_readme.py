#!/usr/bin/env python3
"""Checks that `telework validate` on an example repo reports exactly the
findings its README lists (file, rule, line:column), and nothing else.

README rows look like: | `unit/file.yaml` | CT201 max-term, 39:8 | ... |
"""
import argparse
import json
import os
import re
import subprocess
import sys

ROW = re.compile(r"^\|\s*`([^`]+\.ya?ml)`\s*\|\s*([A-Z]+\d{3})\s+[a-z0-9-]+,\s*(\d+):(\d+)(?:\s*\([^)]*\))?\s*\|")


def promised(readme):
    with open(readme, encoding="utf-8") as handle:
        return {(m.group(1), m.group(2), int(m.group(3)), int(m.group(4)))
                for m in map(ROW.match, handle) if m}


def reported(telework, repo, as_of):
    result = subprocess.run([telework, "validate", "--format", "json", "--as-of", as_of, repo],
                            capture_output=True, text=True, check=False)
    if result.returncode not in (0, 1):
        raise SystemExit(f"telework exited {result.returncode}: {result.stderr}")
    base = os.path.join(repo, "agreements") + "/"
    return {(f["file"][len(base):] if f["file"].startswith(base) else f["file"], f["rule"], f["line"], f["column"])
            for f in json.loads(result.stdout)["findings"]}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--telework", required=True)
    parser.add_argument("--as-of", default="2026-11-20")
    parser.add_argument("repos", nargs="+")
    options = parser.parse_args()
    passed = failed = 0
    for repo in options.repos:
        expected = promised(os.path.join(repo, "README.md"))
        actual = reported(options.telework, repo, options.as_of)
        if not expected:
            print(f"FAIL {repo}: the README lists no findings")
            failed += 1
            continue
        for item in sorted(expected & actual):
            print(f"ok   {repo}: {item[0]} {item[1]} {item[2]}:{item[3]}")
            passed += 1
        for item in sorted(expected - actual):
            print(f"FAIL {repo}: README lists {item[0]} {item[1]} {item[2]}:{item[3]}, not reported")
            failed += 1
        for item in sorted(actual - expected):
            print(f"FAIL {repo}: reported {item[0]} {item[1]} {item[2]}:{item[3]}, not in the README")
            failed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
