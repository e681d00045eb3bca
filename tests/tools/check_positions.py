#!/usr/bin/env python3
"""Checks that every line:column telework prints points at the right text.

For each finding whose message quotes the offending key or value ('x'), the
source text at line:column (1-based, columns in code points) must start with
it; a finding about a missing key must point at its parent key (or 1:1).
"""
import argparse
import json
import re
import subprocess
import sys

QUOTED = [
    (re.compile(r"^unknown key '([^']+)'"), "key"),
    (re.compile(r"^duplicate key '([^']+)'"), "key"),
    (re.compile(r"; got '([^']+)'"), "value"),
    (re.compile(r"; got the number (\S+?);"), "value"),
    (re.compile(r"^supersedes '([^']+)'"), "value"),
    (re.compile(r"^id '([^']+)' is also used"), "value"),
]
MISSING = re.compile(r"^missing required key '([^']+)'")


def source_lines(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return re.split(r"\r\n|\n|\r", handle.read())


def text_at(lines, line, column):
    if line < 1 or line > len(lines):
        return None
    return lines[line - 1][column - 1:]


def check(finding, lines):
    message = finding["message"]
    at = text_at(lines, finding["line"], finding["column"])
    if at is None:
        return f"line {finding['line']} is outside the file"
    for pattern, _ in QUOTED:
        match = pattern.search(message)
        if match:
            token = match.group(1)
            if at.startswith(token) or at.lstrip("\"'").startswith(token):
                return None
            return f"expected '{token}' at {finding['line']}:{finding['column']}, found {at[:30]!r}"
    match = MISSING.search(message)
    if match:
        parent = match.group(1).rsplit(".", 1)[0] if "." in match.group(1) else None
        if parent is None:
            return None if (finding["line"], finding["column"]) == (1, 1) else "top-level key not at 1:1"
        last = re.sub(r"\[\d+\]$", "", parent.rsplit(".", 1)[-1])
        return None if at.startswith(last) or at.startswith("- ") or at.startswith("{") else \
            f"expected parent key '{last}' at {finding['line']}:{finding['column']}, found {at[:30]!r}"
    return "skip"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--telework", required=True)
    parser.add_argument("paths", nargs="+")
    options = parser.parse_args()
    # One run per path: each repo is judged under its own telework.toml.
    findings = []
    for path in options.paths:
        result = subprocess.run([options.telework, "validate", "--format", "json", "--as-of", "2026-11-20", path],
                                capture_output=True, text=True, check=False)
        findings += json.loads(result.stdout)["findings"]
    passed = failed = 0
    for finding in findings:
        verdict = check(finding, source_lines(finding["file"]))
        if verdict == "skip":
            continue
        where = f"{finding['file']}:{finding['line']}:{finding['column']} {finding['rule']}"
        if verdict is None:
            passed += 1
        else:
            failed += 1
            print(f"FAIL {where}: {verdict}")
    if passed < 20:
        print(f"FAIL only {passed} positions could be checked; expected at least 20")
        failed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
