#!/usr/bin/env python3
"""Checks that the manual page renders cleanly and documents every command and
option that `telework --help` and `telework COMMAND --help` list.

Checks: `groff -man -ww -z` prints nothing and succeeds; every long (--xyz) and
short (-x) option of the help texts appears in the page source (man-escaped
as \\-\\-xyz / \\-x, or plain); every command has a `.SS` section of its name.
Standard library only (Debian's /usr/bin/python3).
"""
import argparse
import re
import subprocess
import sys

# An option in a CLI11 help line: "  -o,--output TEXT   ..." or "  --as-of TEXT ...".
OPTION = re.compile(r"(?<![\w-])(--[A-Za-z0-9][A-Za-z0-9-]*|-[A-Za-z0-9])(?![\w-])")
SECTION = re.compile(r"^([A-Za-z][A-Za-z ]*):\s*$")
COMMAND = re.compile(r"^\s+([a-z][a-z0-9-]*)(?:\s{2,}|\s*$)")


def run(argv):
    try:
        result = subprocess.run(argv, capture_output=True, text=True, check=False)
    except OSError as error:
        return None, "", str(error)
    return result.returncode, result.stdout, result.stderr


def sections(help_text):
    """Splits a help text into {section title: [lines]} ("Options", "Subcommands", ...)."""
    found, current = {}, None
    for line in help_text.splitlines():
        match = SECTION.match(line)
        if match:
            current = match.group(1)
            found[current] = []
        elif current is not None:
            found[current].append(line)
    return found


def options_in(help_text):
    """Every option the "Options" section of a help text names, in order of appearance."""
    names = []
    for line in sections(help_text).get("Options", []):
        # Only the option column: the text before the description (two or more spaces).
        head = re.split(r"\s{2,}", line.strip(), maxsplit=1)[0]
        if not head.startswith("-"):
            continue
        for match in OPTION.finditer(head):
            if match.group(1) not in names:
                names.append(match.group(1))
    return names


def commands_in(help_text):
    names = []
    for line in sections(help_text).get("Subcommands", []):
        match = COMMAND.match(line)
        if match and match.group(1) not in names:
            names.append(match.group(1))
    return names


def documented(option, source):
    escaped = option.replace("-", "\\-")
    pattern = r"(?<![\w\\-])(?:" + re.escape(escaped) + "|" + re.escape(option) + r")(?![\w-])"
    return re.search(pattern, source) is not None


def unescape(heading):
    """A .SS argument as it reads: "check\\-eligibility" -> "check-eligibility"."""
    text = re.sub(r"\\f(?:\[[^]]*\]|\(..|.)", "", heading)  # font changes
    text = text.replace("\\-", "-").replace("\\&", "").replace('"', "")
    return re.sub(r"\s+", " ", text).strip()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--telework", required=True, help="the telework binary")
    parser.add_argument("--man", required=True, help="the manual page source (man/telework.1)")
    options = parser.parse_args()
    passed = failed = 0

    def report(ok, text):
        nonlocal passed, failed
        print(("ok   " if ok else "FAIL ") + text)
        if ok:
            passed += 1
        else:
            failed += 1

    # (a) groff renders the page without a warning.
    code, out, err = run(["groff", "-man", "-ww", "-z", options.man])
    messages = (out + err).strip()
    report(code == 0 and not messages,
           "groff -man -ww -z renders without warnings" if code == 0 and not messages else
           f"groff -man -ww -z (exit {code}): {messages.splitlines()[0] if messages else 'no output'}")

    try:
        with open(options.man, encoding="utf-8") as handle:
            source = handle.read()
    except OSError as error:
        report(False, f"cannot read {options.man}: {error}")
        print(f"{passed} passed, {failed} failed")
        return 1

    # (b) every option of every help text is in the page.
    code, top_help, err = run([options.telework, "--help"])
    if code != 0 or not top_help.strip():
        report(False, f"{options.telework} --help exited {code}: {err.strip()}")
        print(f"{passed} passed, {failed} failed")
        return 1
    commands = commands_in(top_help)
    helps = [("telework", top_help)]
    for command in commands:
        code, text, err = run([options.telework, command, "--help"])
        if code != 0 or not text.strip():
            report(False, f"telework {command} --help exited {code}: {err.strip()}")
            continue
        helps.append((f"telework {command}", text))

    seen = set()
    for where, text in helps:
        for option in options_in(text):
            seen.add(option)
            report(documented(option, source), f"{where}: option {option} is documented")

    # (c) every command has its own .SS section.
    headings = {unescape(m.group(1)) for m in re.finditer(r"^\.SS[ \t]+(.+?)[ \t]*$", source, re.MULTILINE)}
    for command in commands:
        report(command in headings, f"command {command} has a .SS {command} section")

    # Guard against a vacuous pass (help format changed, nothing parsed).
    report(len(seen) >= 5, f"found {len(seen)} distinct options in the help texts (need at least 5)")
    report(len(commands) >= 2, f"found {len(commands)} commands in telework --help (need at least 2)")

    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
