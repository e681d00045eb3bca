#!/usr/bin/env python3
"""Parses `telework validate --format junit` with a real XML parser.

For each input the report must be well-formed XML 1.0 and agree with
`--format json`: one test case per file, one <failure> per failed test case
(typed with its first error's rule, one body line per error, in order), the
warnings and info in <system-out>, and counts that add up. It is also written
with --output and parsed from the file.

With --xsd SCHEMA, each report must also pass `xmllint --schema SCHEMA
--noout` (Jenkins' junit-10.xsd), and xmllint must reject a report with an
attribute the schema does not allow, so a check that accepts anything fails.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checker import Checker  # noqa: E402
from visible_text import visible  # noqa: E402


# src/cli/diagnostic_text.hpp: messages for people are cut to this many
# characters, the last of them '…'; JSON keeps them whole.
MESSAGE_CHARS = 400


def for_people(message):
    """What message_for_people makes of a finding's message."""
    return message if len(message) <= MESSAGE_CHARS else message[:MESSAGE_CHARS - 1] + "\u2026"


def run(telework, args):
    return subprocess.run([telework, *args], capture_output=True, check=False)


def line_start(text):
    """What safe_line_start makes of a line: no workflow command at its start."""
    if text.lstrip(" \t").startswith("::"):
        return text.replace(":", "\\x3a", 1)
    return text


def xmllint(schema, document):
    with tempfile.TemporaryDirectory() as scratch:
        target = os.path.join(scratch, "report.xml")
        with open(target, "wb") as handle:
            handle.write(document)
        result = subprocess.run(["xmllint", "--schema", schema, "--noout", target], capture_output=True, check=False)
    return result.returncode, result.stderr.decode("utf-8", "replace")


def check_schema(check, telework, path, schema):
    result = run(telework, ["validate", path, "--as-of", "2026-11-20", "--format", "junit"])
    status, errors = xmllint(schema, result.stdout)
    check.check(status == 0, f"{path}: the JUnit report validates against {os.path.basename(schema)}", errors)


def check_input(check, telework, path):
    args = ["validate", path, "--as-of", "2026-11-20"]
    result = run(telework, args + ["--format", "junit"])
    report = json.loads(run(telework, args + ["--format", "json"]).stdout)
    try:
        root = ET.fromstring(result.stdout)
    except ET.ParseError as error:
        check.check(False, f"{path}: well-formed XML", str(error))
        return 0
    check.check(result.stdout.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n'), f"{path}: XML declaration")
    check.check(root.tag == "testsuites" and [s.get("name") for s in root] == ["telework validate"],
                f"{path}: <testsuites> holding one <testsuite name=\"telework validate\">")
    suite = root.find("testsuite")
    cases = suite.findall("testcase")

    findings = report["findings"]
    files = sorted({f["file"] for f in findings})
    errors = [f for f in findings if f["severity"] == "error"]
    failed_files = {f["file"] for f in errors}
    check.check(len(cases) == report["files"], f"{path}: one test case per file",
                f"{len(cases)} cases, {report['files']} files")
    for element in (root, suite):
        counts = (element.get("tests"), element.get("failures"), element.get("errors"))
        check.check(counts == (str(report["files"]), str(len(failed_files)), "0"),
                    f"{path}: <{element.tag}> tests/failures/errors add up", str(counts))
    check.check(all(c.get("classname") == "telework.validate" for c in cases), f"{path}: classname")
    names = [c.get("name") for c in cases]
    check.check(set(files) <= set(names) and len(set(names)) == len(names), f"{path}: cases named by file path")

    failures = 0
    for case in cases:
        name = case.get("name")
        expected = [f for f in errors if f["file"] == name]
        got = case.findall("failure")
        failures += len(got)
        check.check(len(got) == (1 if expected else 0), f"{name}: one failure for a file with errors, else none",
                    f"{len(got)} failures, {len(expected)} errors")
        if expected and got:
            element = got[0]
            check.check(element.get("type") == expected[0]["rule"], f"{name}: the failure is typed with the first "
                        f"error's rule", f"{element.get('type')!r}")
            # Control characters (which XML 1.0 cannot carry) are shown as escapes.
            message = visible(for_people(expected[0]["message"]))
            if len(expected) > 1:
                message += f" (and {len(expected) - 1} more error{'' if len(expected) == 2 else 's'})"
            check.check(element.get("message") == message, f"{name}: failure message attribute survives escaping",
                        f"{element.get('message')!r} != {message!r}")
            body = (element.text or "").split("\n")
            check.check(len(body) == len(expected), f"{name}: one failure body line per error",
                        f"{len(body)} lines, {len(expected)} errors")
            for number, (line, finding) in enumerate(zip(body, expected)):
                where = f"{name}:{finding['line']}:{finding['column']}: "
                check.check(line.startswith(where if number == 0 else line_start(where))
                            and visible(for_people(finding["message"])) in line and f"[{finding['rule']} " in line
                            and finding["citation"] in line,
                            f"{name}: failure body line {number + 1} has position, message, rule, citation", line)
        others = [f for f in findings if f["file"] == name and f["severity"] != "error"]
        out = case.find("system-out")
        lines = (out.text or "").splitlines() if out is not None else []
        check.check(len(lines) == len(others) and
                    all(f"{f['line']}:{f['column']}: {f['severity']}: " in line and f"[{f['rule']} " in line
                        for line, f in zip(lines, others)),
                    f"{name}: warnings and info in <system-out>")
    check.check(failures == len(failed_files), f"{path}: as many <failure> elements as files with errors")

    # The same report through --output, parsed from the file.
    with tempfile.TemporaryDirectory() as scratch:
        target = os.path.join(scratch, "report.xml")
        written = run(telework, args + ["--format", "junit", "-o", target])
        check.check(written.stdout == b"" and os.path.exists(target), f"{path}: -o writes the report to the file")
        if os.path.exists(target):
            check.check(ET.parse(target).getroot().find("testsuite").get("tests") == str(report["files"]),
                        f"{path}: the written report parses")
    return len(cases)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--telework", required=True)
    parser.add_argument("--xsd", help="also validate each report against this XML Schema with xmllint")
    parser.add_argument("inputs", nargs="+", help="paths to validate, relative to the current directory")
    options = parser.parse_args()
    telework = os.path.abspath(options.telework)
    check = Checker()
    if options.xsd:
        if shutil.which("xmllint") is None:
            check.check(False, "xmllint is installed (Debian package libxml2-utils, see scripts/setup.sh)")
        else:
            for path in options.inputs:
                check_schema(check, telework, path, options.xsd)
            # The schema check must be able to fail: GitLab's `file` attribute is not in junit-10.xsd.
            status, _ = xmllint(options.xsd, b'<?xml version="1.0" encoding="UTF-8"?>\n<testsuites><testsuite '
                                b'name="s" tests="1" failures="0" errors="0"><testcase name="a" file="a.yaml"/>'
                                b'</testsuite></testsuites>\n')
            check.check(status != 0, "xmllint rejects an attribute that junit-10.xsd does not allow")
        print(f"{check.passed} passed, {check.failed} failed")
        return 1 if check.failed else 0
    cases = 0
    for path in options.inputs:
        cases += check_input(check, telework, path)
    # A broken document must fail to parse, so a parser that accepts anything cannot pass.
    try:
        ET.fromstring(b"<testsuites><testcase name='a & b'/></testsuites>")
        check.check(False, "the parser rejects unescaped markup")
    except ET.ParseError:
        check.check(True, "the parser rejects unescaped markup")
    check.check(cases >= 40, "enough test cases were checked", f"{cases} cases")
    print(f"{check.passed} passed, {check.failed} failed")
    return 1 if check.failed else 0


if __name__ == "__main__":
    sys.exit(main())
