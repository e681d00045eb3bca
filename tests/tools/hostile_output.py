#!/usr/bin/env python3
"""Hostile values and file names through every command and format.

Records are written to a temporary directory with values that carry terminal
escapes (ESC, BEL, CR, NUL, NEL, bidi controls), forged GitHub Actions
workflow commands ("\\n::error file=README.md::pwned", "##[error]"),
spreadsheet formulas (=HYPERLINK(...), +, -, @, TAB, CR) and line
separators, in employee, supervisor, unit, agency and e-mail fields and in
unknown keys; the files are named with a newline, ESC, the bytes 0xFF and
0xFE, U+202E and "::error file=x::boom". Every command then runs in every
format, and each output (stdout and stderr) must show all of it as visible
escapes: no raw control character (the format's own line ends aside), no
line that starts a workflow command (other than telework's own annotations
in --format github), no "##[" anywhere, JSON and SARIF that parse (strict
UTF-8) with the two non-UTF-8 names still distinct, JUnit that parses,
HTML without CR references or C1 controls, iCalendar without control
characters, and no CSV cell a spreadsheet would run as a formula. A one-line
flow mapping of 10,000 keys must give a few MB of text, fast, with every
caret under its key; and one diagnostic is checked word for word.

Usage: hostile_output.py --telework BIN --part PART [--time-limit SECONDS]
"""
import argparse
import csv
import io
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checker import Checker  # noqa: E402
from visible_text import needs_escape, visible  # noqa: E402

AS_OF = "2026-11-20"

HOSTILE = [
    "\x1b]0;pwned title\x07",
    "\x1b[2J\x1b[H",
    "\n::error file=README.md::pwned",
    "x\r::warning::carriage return",
    '=HYPERLINK("http://x.invalid","open")',
    "+cmd|' /C calc'!A0",
    "-1+2",
    "@SUM(1+1)",
    "\tTAB",
    "\rCR",
    "\u0085NEL",
    "\u202eRLO",
    "##[error]legacy command",
    "nul\0byte",
    "line\u2028separator",
    "::error file=README.md::at the start",
    "\u00a0::warning::after a no-break space",
    "back\\slash\\x41",
    "\x9b31mC1 CSI",
]

# The summary line of one record is padded so that iCalendar's fold at 75
# octets would fall just before "::error".
FOLD_ID = "TW-2026-0199"
FOLD_PREFIX = f"SUMMARY:Telework agreement {FOLD_ID} expired: "
FOLD_NAME = "x" * (75 - len(FOLD_PREFIX)) + "::error file=README.md::folded"

HOSTILE_NAMES = [
    b"name\nwith a newline.yaml",
    b"esc\x1b]0;title\x07.yaml",
    b"byte-\xff.yaml",
    b"byte-\xfe.yaml",
    "\u202erlo.yaml".encode(),
    b"::error file=x::boom.yaml",
]


def quoted(value):
    """A YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(value)


def record(number, employee, supervisor, unit, agency, email="a@example.gov", extra=""):
    """An approved ct-gl32 agreement that ended before the as-of date: it is
    listed by expire, counted by report and judged by check-eligibility."""
    return (f"format: 1\nid: TW-2026-{number:04d}\nstatus: approved\ntype: routine\npolicy: ct-gl32\n"
            f"agency: {quoted(agency)}\nunit: {quoted(unit)}\n"
            f"employee:\n  id: E{number}\n  name: {quoted(employee)}\n  email: {quoted(email)}\n"
            f"  position: Revenue Examiner 2\n"
            f"supervisor: {{name: {quoted(supervisor)}}}\nmanager: {{name: Alice Brown}}\n"
            f"term: {{start: 2026-02-11, end: 2026-11-10}}\n"
            f"signatures:\n  employee: {{name: E, date: 2026-02-01}}\n  supervisor: {{name: S, date: 2026-02-01}}\n"
            f"  manager: {{name: Alice Brown, date: 2026-02-01}}\n  hr: {{name: H, date: 2026-02-01}}\n"
            f"  agency_head: {{name: A, date: 2026-02-01}}\n{extra}")


def write(directory, name, text):
    path = os.path.join(os.fsencode(directory), name if isinstance(name, bytes) else name.encode())
    with open(path, "wb") as handle:
        handle.write(text if isinstance(text, bytes) else text.encode())


def hostile_repo(directory):
    count = len(HOSTILE)
    for i, value in enumerate(HOSTILE):
        write(directory, f"rec-{i:02d}.yaml",
              record(100 + i, value, HOSTILE[(i + 1) % count], HOSTILE[(i + 2) % count], HOSTILE[(i + 3) % count],
                     email=HOSTILE[(i + 4) % count]))
    for i, name in enumerate(HOSTILE_NAMES):
        write(directory, name, record(150 + i, f"Named {i}", "Sam Lee", "Audit", "Department of Revenue Services"))
    write(directory, "fold.yaml", record(199, FOLD_NAME, "Sam Lee", "Audit", "Department of Revenue Services"))
    # Structurally broken (unknown keys): validate reports them, the other commands name them on stderr.
    keys = "".join(f"{quoted(value)}: 1\n" for value in HOSTILE)
    broken = record(198, "Broken Keys", "Sam Lee", "Audit", "Department of Revenue Services", extra=keys)
    write(directory, "broken-keys.yaml", broken)
    write(directory, b"::warning file=x::broken\n::error::b.yaml", broken.replace("0198", "0197"))


# --- what every output must satisfy ---------------------------------------

SGR = re.compile("\x1b\\[[0-9;]*m")
ANNOTATION = re.compile(r"::(error|warning|notice) file=[^,:]*,line=\d+,col=\d+,title=[^,:]*::.*")


def check_output(check, what, data, stream, fmt, color=False):
    """The checks every output gets; returns the text."""
    try:
        text = data.decode("utf-8")
        check.check(True, f"{what}: {stream} is UTF-8")
    except UnicodeDecodeError as error:
        check.check(False, f"{what}: {stream} is UTF-8", str(error))
        text = data.decode("utf-8", "surrogateescape")  # the other checks still run
    crlf = stream == "stdout" and fmt in ("csv", "ics")
    shown = SGR.sub("", text) if color else text
    bad = []
    for i, char in enumerate(shown):
        code = ord(char)
        if char == "\n" and (not crlf or (i > 0 and shown[i - 1] == "\r")):
            continue
        if char == "\r" and crlf and shown[i + 1:i + 2] == "\n":
            continue
        if needs_escape(code):
            bad.append((i, char))
    check.check(not bad, f"{what}: {stream} has no raw control or hidden character",
                f"{len(bad)} found, first at {bad[0][0]}: {shown[max(0, bad[0][0] - 30):bad[0][0] + 30]!r}"
                if bad else "")
    commands = []
    for line in shown.split("\n"):
        line = line.rstrip("\r")
        if line.lstrip().startswith("::"):
            if fmt == "github" and stream == "stdout" and ANNOTATION.fullmatch(line):
                continue
            commands.append(line)
    check.check(not commands, f"{what}: {stream} has no line starting a workflow command",
                repr(commands[:3]))
    check.check("##[" not in shown, f"{what}: {stream} has no '##[' (GitHub's older command form)",
                repr(shown[max(0, shown.find('##[') - 30):shown.find('##[') + 30]))
    return text


def run(telework, args, cwd):
    return subprocess.run([telework, *args], capture_output=True, cwd=cwd, stdin=subprocess.DEVNULL, check=False)


def run_and_check(check, telework, args, cwd, fmt, expect=(0, 1), color=False):
    """Runs one command; returns its stdout text (None when unusable)."""
    what = " ".join(visible(a) for a in args)
    result = run(telework, args, cwd)
    check.check(result.returncode in expect, f"{what}: exit status in {expect}",
                f"{result.returncode}\n{result.stderr.decode(errors='replace')[-2000:]}")
    check_output(check, what, result.stderr, "stderr", fmt)
    return what, check_output(check, what, result.stdout, "stdout", fmt, color)


def distinct_names(check, what, names):
    wanted = [visible(b"byte-\xff.yaml"), visible(b"byte-\xfe.yaml")]
    check.check(all(w in names for w in wanted) and wanted[0] != wanted[1],
                f"{what}: the two non-UTF-8 names are there and distinct", repr(sorted(names)[:12]))


def check_json(check, what, text):
    try:
        return json.loads(text)
    except (ValueError, TypeError) as error:
        check.check(False, f"{what}: parses as JSON", str(error))
        return None


def check_csv(check, what, text, numeric_columns=()):
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header = rows[0] if rows else []
    formulas = []
    for row in rows[1:]:
        for column, cell in enumerate(row):
            if not cell or cell[0] not in "=+-@\t\r":
                continue
            if column < len(header) and header[column] in numeric_columns and re.fullmatch(r"-\d+", cell):
                continue  # a number telework wrote (days left), not text from a record
            formulas.append(cell)
    check.check(not formulas, f"{what}: no CSV cell starts a formula", repr(formulas[:5]))
    return rows


def check_markup_references(check, what, text):
    bad = []
    for ref in re.findall(r"&#(x[0-9a-fA-F]+|[0-9]+);", text):
        code = int(ref[1:], 16) if ref.startswith("x") else int(ref)
        if (code < 0x20 and code != 0x0A) or 0x7F <= code <= 0x9F:
            bad.append(ref)
    check.check(not bad, f"{what}: no character reference to a control character (&#13; included)", repr(bad[:5]))


# --- the parts -------------------------------------------------------------

def part_validate(check, telework, repo):
    for fmt in ("text", "json", "sarif", "github", "junit"):
        what, text = run_and_check(check, telework, ["validate", ".", "--as-of", AS_OF, "--format", fmt], repo, fmt)
        if text is None:
            continue
        if fmt == "json":
            report = check_json(check, what, text)
            if report:
                distinct_names(check, what, {f["file"] for f in report["findings"]})
                messages = [f["message"] for f in report["findings"]]
                check.check(any("\n::error file=README.md::pwned" in m for m in messages),
                            f"{what}: JSON keeps a valid UTF-8 message exactly")
        elif fmt == "sarif":
            report = check_json(check, what, text)
            if report:
                uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                        for r in report["runs"][0]["results"]]
                check.check(any("byte-%FF.yaml" in u for u in uris) and any("byte-%FE.yaml" in u for u in uris),
                            f"{what}: SARIF URIs percent-encode the bytes 0xFF and 0xFE")
        elif fmt == "junit":
            try:
                root = ET.fromstring(text.encode("utf-8", "surrogateescape"))
                distinct_names(check, what, {c.get("name") for c in root.iter("testcase")})
            except ET.ParseError as error:
                check.check(False, f"{what}: parses as XML", str(error))
        elif fmt == "text":
            check.check("\\x3a:error file=x::boom.yaml:1:1: " in text,
                        f"{what}: a file name that would start a command is shown with \\x3a")
            check.check("'\\n::error file=README.md::pwned'" in text, f"{what}: a key's newline shows as \\n")
    run_and_check(check, telework, ["validate", ".", "--as-of", AS_OF, "--color", "always"], repo, "text",
                  color=True)


def part_check_eligibility(check, telework, repo):
    for fmt in ("text", "json"):
        what, text = run_and_check(check, telework, ["check-eligibility", ".", "--as-of", AS_OF, "--format", fmt],
                                   repo, fmt)
        if text is not None and fmt == "json":
            report = check_json(check, what, text)
            if report:
                distinct_names(check, what, {r["file"] for r in report["results"]})


def part_expire(check, telework, repo):
    base = ["expire", ".", "--as-of", AS_OF, "--within", "400"]
    for fmt in ("text", "json", "csv", "ics"):
        what, text = run_and_check(check, telework, base + ["--format", fmt], repo, fmt)
        if text is None:
            continue
        if fmt == "json":
            report = check_json(check, what, text)
            if report:
                distinct_names(check, what, {a["file"] for a in report["agreements"]})
                check.check(any(a["employee"] == HOSTILE[0] for a in report["agreements"]),
                            f"{what}: JSON keeps a value exactly")
        elif fmt == "csv":
            rows = check_csv(check, what, text, numeric_columns=("days",))
            employees = {row[2] for row in rows[1:] if len(row) > 2}
            check.check("'" + HOSTILE[4] in employees, f"{what}: =HYPERLINK(...) is neutralised with a leading '",
                        repr(sorted(employees)))
            check.check('"::error file=x::boom.yaml"' in text, f"{what}: a path that would start a command is quoted")
        elif fmt == "ics":
            lines = text.encode("utf-8", "surrogateescape").split(b"\r\n")
            check.check(all(len(line) <= 75 for line in lines), f"{what}: every line at most 75 octets",
                        repr([line for line in lines if len(line) > 75][:2]))
            unfolded = text.replace("\r\n ", "")
            check.check((FOLD_PREFIX + FOLD_NAME) in unfolded.split("\r\n"),
                        f"{what}: the summary folded around '::' unfolds to itself")
    run_and_check(check, telework, base + ["--by", "supervisor"], repo, "text")


def part_report(check, telework, repo):
    variants = [[], ["--by", "unit"], ["--by", "agency"], ["--include-names"], ["--by", "supervisor", "--include-names"]]
    for extra in variants:
        for fmt in ("text", "markdown", "csv", "json", "html"):
            what, text = run_and_check(check, telework, ["report", ".", "--as-of", AS_OF, "--format", fmt, *extra],
                                       repo, fmt)
            if text is None:
                continue
            if fmt == "json":
                check_json(check, what, text)
            elif fmt == "csv":
                check_csv(check, what, text)
            elif fmt == "html":
                check_markup_references(check, what, text)
                check.check("\\x1b]0;pwned title\\x07" in text or not extra,
                            f"{what}: an escape sequence is shown, not dropped")


def part_stderr(check, telework, repo):
    hostile = "\x1b]0;pwned\x07\n::error file=README.md::pwned"
    cases = [
        (["explain", hostile], 2),
        ([hostile], 2),
        (["validate", ".", "--as-of", hostile], 2),
        (["validate", ".", "--config", hostile + ".toml"], 2),
        (["validate", ".", "--format", hostile], 2),
        (["report", ".", "--from", hostile], 2),
        (["validate", ".", "--as-of", AS_OF, "--format", "json", "-o", "/nonexistent/" + hostile + "/out.json"], 2),
        (["validate", hostile + ".yaml", "--as-of", AS_OF], 3),
    ]
    for args, status in cases:
        result = run(telework, args, repo)
        what = " ".join(visible(a) for a in args)
        check.check(result.returncode == status, f"{what}: exit status {status}", str(result.returncode))
        text = check_output(check, what, result.stderr, "stderr", "text")
        if text is not None:
            check.check("\\x1b]0;pwned\\x07\\n::error file=README.md::pwned" in text,
                        f"{what}: the argument is shown with visible escapes", text)
    # Records that are skipped are named on stderr.
    result = run(telework, ["expire", ".", "--as-of", AS_OF], repo)
    text = check_output(check, "expire (skipped notices)", result.stderr, "stderr", "text")
    if text is not None:
        check.check("telework: skipped \\x3a:warning file=x::broken\\n::error::b.yaml:" in text or
                    "telework: skipped ::warning file=x::broken\\n::error::b.yaml:" in text,
                    "a skipped file's name is shown on one line", text)


def part_long_line(check, telework, directory, time_limit):
    keys = ", ".join(f"k{i}: {i}" for i in range(10000))
    write(directory, "flow.yaml", f"format: 1\nid: TW-2026-0001\nstatus: proposed\nemployee: {{{keys}}}\n")
    # CPU time, not wall time: a loaded machine must not fail a linear run.
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = run(telework, ["validate", "flow.yaml", "--as-of", AS_OF], directory)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    elapsed = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    check.check(result.returncode == 1, "10,000-key flow mapping: exit status 1", str(result.returncode))
    check.check(len(result.stdout) < 5_000_000, "10,000-key flow mapping: under 5 MB of output",
                f"{len(result.stdout):,} bytes")
    check.check(elapsed < time_limit, f"10,000-key flow mapping: under {time_limit} s of CPU", f"{elapsed:.2f} s")
    lines = result.stdout.decode("utf-8", "replace").split("\n")
    check.check(max(len(line) for line in lines) <= 400, "10,000-key flow mapping: no line over 400 characters",
                str(max(len(line) for line in lines)))
    # Every caret stands under the first character of the key its finding names.
    misplaced = 0
    checked = 0
    for i, line in enumerate(lines):
        match = re.match(r"flow\.yaml:4:\d+: error: unknown key '(k\d+)'", line)
        if not match or i + 2 >= len(lines):
            continue
        excerpt = lines[i + 1].split(" | ", 1)[1]
        caret = lines[i + 2].split(" | ", 1)[1].index("^")
        checked += 1
        misplaced += not excerpt[caret:].startswith(match.group(1) + ":")
        if checked == 1:
            check.check(excerpt.endswith("\u2026"), "a cut excerpt ends with an ellipsis",
                        f"{excerpt[:120]!r}... ({len(excerpt):,} characters)")
    check.check(checked == 10000 and misplaced == 0, "every caret under its key",
                f"{checked} checked, {misplaced} misplaced")


EXACT_RECORD = (b"format: 1\nid: TW-2026-0001\nstatus: proposed\ntype: routine\n"
                b"agency: Bureau of the Fiscal Service\n"
                b"employee: {id: E1, position: " + b"a" * 60 + b", name: \"Ana\x1b[2J\xe2\x80\xaeLima\\n::error::x\", pay: 1}\n"
                b"supervisor: {name: Robert Smith}\nmanager: {name: Alice Brown}\n"
                b"note: [" + b"x" * 150 + b"]\n")

# Column 126 of line 6 is 'pay'; the line shows cut on the left, its raw ESC
# and U+202E escaped (and its own "\n" as typed), the caret under 'pay'.
EXACT_TEXT = (
    "\\x3a:error file=x::exact.yaml:6:126: error: unknown key 'pay' in 'employee'; expected one of id, name, email, "
    "position, supervises_staff, working_test_period, training_class, last_discipline, performance_rating, "
    "outside_employment, responsible_for_safety, disciplined_awol, disciplined_prohibited_content [TW002 schema]\n"
    " 6 | \u2026" + "a" * 45 + ", name: \"Ana\\x1b[2J\\u{202e}Lima\\n::error::x\", pay: 1}\n"
    "   | " + " " * 92 + "^\n"
    "\\x3a:error file=x::exact.yaml:9:1: error: unknown key 'note' (did you mean 'notes'?) [TW002 schema]\n"
    " 9 | note: [" + "x" * 91 + "\u2026\n"
    "   | ^\n"
    "checked 1 file: 2 errors, 0 warnings, 0 info\n")


def part_exact(check, telework, directory):
    write(directory, b"::error file=x::exact.yaml", EXACT_RECORD)
    result = run(telework, ["validate", "::error file=x::exact.yaml", "--as-of", AS_OF], directory)
    check.equal(result.stdout.decode("utf-8", "replace"), EXACT_TEXT, "an escaped diagnostic, word for word")
    check.equal(result.returncode, 1, "an escaped diagnostic: exit status 1")


PARTS = ("validate", "check-eligibility", "expire", "report", "stderr", "long-line", "exact-diagnostic")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--telework", required=True)
    parser.add_argument("--part", choices=PARTS, action="append", help="run only these parts (default: all)")
    parser.add_argument("--time-limit", type=float, default=2.0,
                        help="seconds the 10,000-key mapping may take (more under sanitizers)")
    options = parser.parse_args()
    telework = os.path.abspath(options.telework)
    check = Checker()
    with tempfile.TemporaryDirectory() as directory:
        repo = os.path.join(directory, "repo")
        os.mkdir(repo)
        hostile_repo(repo)
        for part in options.part or PARTS:
            if part == "validate":
                part_validate(check, telework, repo)
            elif part == "check-eligibility":
                part_check_eligibility(check, telework, repo)
            elif part == "expire":
                part_expire(check, telework, repo)
            elif part == "report":
                part_report(check, telework, repo)
            elif part == "stderr":
                part_stderr(check, telework, repo)
            elif part == "long-line":
                part_long_line(check, telework, directory, options.time_limit)
            else:
                part_exact(check, telework, directory)
    print(f"{check.passed} passed, {check.failed} failed")
    return 1 if check.failed else 0


if __name__ == "__main__":
    sys.exit(main())
