#!/usr/bin/env python3
"""Checks that the README and the manual agree with the program: the README's
command table lists every command `telework --help` lists and says how to
install; the manual claims no option of the program is missing; the quick
start's last hint names a command a minimal Debian has."""
import argparse
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checker import Checker  # noqa: E402


def read(root, path):
    with open(os.path.join(root, path), encoding="utf-8") as handle:
        return handle.read()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--telework", required=True)
    parser.add_argument("--root", required=True)
    options = parser.parse_args()
    help_text = subprocess.run([options.telework, "--help"], capture_output=True, text=True, check=True).stdout
    commands = re.findall(r"^  ([a-z][a-z-]+)\s{2,}", help_text.split("Subcommands:")[1], re.MULTILINE)
    readme = read(options.root, "README.md")
    manual = read(options.root, "man/telework.1")
    check = Checker()
    check.check(len(commands) >= 6, "telework --help lists the commands", help_text)
    for command in commands:
        check.check(f"| `telework {command}" in readme, f"README's command table lists '{command}'")
    check.check("cmake --install" in readme, "README says how to install")
    check.check("so it is never reported" not in manual, "the manual does not call TW008 never reported")
    check.check("changed\\-since" in manual.split(".SH GLOBAL OPTIONS")[0],
                "the manual's description says how TW008 is judged (--changed-since)")
    quickstart = read(options.root, "scripts/quickstart.sh")
    check.check("groff -man" in quickstart, "the quick start's hint works without man (groff reads the page)")
    print(f"{check.passed} passed, {check.failed} failed")
    return 1 if check.failed else 0


if __name__ == "__main__":
    sys.exit(main())
