#!/usr/bin/env python3
"""Checks that every text `telework explain` cites ships in the repository
and holds the sentence quoted from it, so a citation can be followed from any
checkout (the workspace's shared/ directory is not part of the repository)."""
import argparse
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checker import Checker  # noqa: E402
from check_catalog import normalize  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--telework", required=True)
    parser.add_argument("--root", required=True)
    options = parser.parse_args()
    rules = json.loads(subprocess.run([options.telework, "explain", "--format", "json"], capture_output=True,
                                      text=True, check=True).stdout)["rules"]
    check = Checker()
    for rule in rules:
        path = os.path.join(options.root, rule["source"])
        exists = not os.path.isabs(rule["source"]) and os.path.isfile(path)
        check.check(exists, f"{rule['rule']}: {rule['source']} is in the repository")
        if exists:
            with open(path, encoding="utf-8") as handle:
                check.check(normalize(rule["quote"]) in normalize(handle.read()),
                            f"{rule['rule']}: its quote is in {rule['source']}")
    check.check(check.passed >= 60, "enough checks ran", f"only {check.passed}")
    print(f"{check.passed} passed, {check.failed} failed")
    return 1 if check.failed else 0


if __name__ == "__main__":
    sys.exit(main())
