#!/usr/bin/env python3
"""Checks the job summary of `telework validate --format github` (issue 11, item 11).

GitHub shows only the first 10 error and 10 warning annotations of a step, so
when GITHUB_STEP_SUMMARY is set telework appends a Markdown summary to that
file: counts by rule, then each file's first findings. The checks: the file is
appended to (what an earlier step wrote stays), the counts match
`--format json`, files are named from the repository root, a file's findings
beyond the cap are counted, every value is escaped (the records are hostile),
the annotations on stdout do not change, and a link, a FIFO, a directory or a
missing file is never written (a warning on stderr, the same exit status).
"""
import argparse
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checker import Checker  # noqa: E402

EARLIER = "## an earlier step\n\nits text\n"
PUNCTUATION = re.escape("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
FINDING_LINE = re.compile(r"^- line (\d+), column (\d+): (error|warning|notice) (.*)$")


def run(telework, args, summary=None, cwd=None):
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"}
    if summary is not None:
        env["GITHUB_STEP_SUMMARY"] = summary
    return subprocess.run([telework, *args], capture_output=True, text=True, check=False, cwd=cwd, env=env,
                          timeout=60)


def read(path):
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def check_escaped(check, label, text):
    """Nothing a record holds can be Markdown: each finding line's values have every punctuation escaped."""
    check.check(not re.search(r"[\x00-\x09\x0b-\x1f\x7f]", text), f"{label}: no control characters")
    for line in text.splitlines():
        match = FINDING_LINE.match(line)
        if not match:
            continue
        # "ID NAME: MESSAGE" with the one raw ": " between the rule and the message.
        rest = re.sub(r"\\[" + PUNCTUATION + "]", "", match.group(4))
        check.check(rest.count(":") == 1 and not re.search("[" + PUNCTUATION.replace(re.escape(":"), "") + "]", rest),
                    f"{label}: values are escaped in {line[:100]!r}")


def check_summary(check, telework, label, args, cwd, prefix):
    with tempfile.TemporaryDirectory() as tmp:
        summary = os.path.join(tmp, "summary.md")
        with open(summary, "w", encoding="utf-8") as handle:
            handle.write(EARLIER)
        plain = run(telework, args + ["--format", "github"], cwd=cwd)
        result = run(telework, args + ["--format", "github"], summary=summary, cwd=cwd)
        report = json.loads(run(telework, args + ["--format", "json"], cwd=cwd).stdout)
        text = read(summary)
    check.equal(result.stdout, plain.stdout, f"{label}: the annotations do not change")
    check.equal(result.returncode, plain.returncode, f"{label}: the exit status does not change")
    check.check(text.startswith(EARLIER) and len(text) > len(EARLIER), f"{label}: the summary is appended",
                text[:200])
    added = text[len(EARLIER):]
    check.check(added.startswith("## telework validate\n"), f"{label}: the summary has its heading", added[:100])
    check_escaped(check, label, added)

    by_rule = collections.Counter(f["rule"] for f in report["findings"])
    table = dict(re.findall(r"^\| ([A-Z]+\d+) \| .* \| (\d+) \|$", added, re.M))
    check.equal({rule: int(n) for rule, n in table.items()}, dict(by_rule), f"{label}: counts by rule")
    summary_counts = report["summary"]
    if by_rule:
        wanted = (f"{summary_counts['error']} error{'s' if summary_counts['error'] != 1 else ''}, "
                  f"{summary_counts['warning']} warning{'s' if summary_counts['warning'] != 1 else ''}")
        check.check(wanted in added, f"{label}: totals", added[:300])

    by_file = collections.Counter(f["file"] for f in report["findings"])
    headings = re.findall(r"^### (.*) \((\d+) findings?\)$", added, re.M)
    unescaped = [(re.sub(r"\\(.)", r"\1", name), int(n)) for name, n in headings]
    expected = [(prefix + name[len(cwd_prefix(args)):], n) for name, n in by_file.items()]
    check.equal(sorted(unescaped), sorted(expected), f"{label}: one heading per file, named from the repo root")
    listed = len([line for line in added.splitlines() if FINDING_LINE.match(line)])
    more = sum(int(n) for n in re.findall(r"^- and (\d+) more$", added, re.M))
    check.equal(listed + more, len(report["findings"]), f"{label}: every finding is listed or counted")
    check.check(all(min(n, 10) <= listed for n in by_file.values()), f"{label}: at most 10 findings per file")
    return added


def cwd_prefix(args):
    """The display prefix the JSON report gives the files of the first PATH."""
    return args[1].rstrip("/") + "/" if args[1] not in (".",) else ""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--telework", required=True)
    parser.add_argument("--source", required=True, help="the repository (tests/fixtures, tests/golden)")
    options = parser.parse_args()
    telework = os.path.abspath(options.telework)
    source = os.path.abspath(options.source)
    check = Checker()
    as_of = ["--as-of", "2026-11-20"]

    with tempfile.TemporaryDirectory() as tmp:
        # A checked-out repository; telework runs from a directory inside it.
        repo = os.path.join(tmp, "repo")
        os.makedirs(os.path.join(repo, ".git"))
        os.makedirs(os.path.join(repo, "ci"))
        shutil.copytree(os.path.join(source, "tests/fixtures/structure"), os.path.join(repo, "records"))
        shutil.copytree(os.path.join(source, "tests/golden/validate-escapes-github/records"),
                        os.path.join(repo, "hostile"))
        # One file with more findings than the summary lists.
        valid = read(os.path.join(repo, "records", "valid.yaml"))
        with open(os.path.join(repo, "records", "many-unknown-keys.yaml"), "w", encoding="utf-8") as handle:
            handle.write(valid + "".join(f"unknown_{i:02}: x\n" for i in range(14)))

        added = check_summary(check, telework, "structure", ["validate", "../records", *as_of],
                              os.path.join(repo, "ci"), "records/")
        check.check(re.search(r"^### records\\/many\\-unknown\\-keys\\\.yaml \(15 findings\)$", added, re.M) and
                    re.search(r"^- and \d+ more$", added, re.M), "structure: a long file's remainder is counted")
        check.check("at most 10 error and 10 warning annotations" in added, "structure: the cap is explained")
        check_summary(check, telework, "hostile", ["validate", "../hostile", *as_of], os.path.join(repo, "ci"),
                      "hostile/")
        valid_only = os.path.join(repo, "valid")
        os.makedirs(valid_only)
        shutil.copy(os.path.join(repo, "records", "valid.yaml"), valid_only)
        added = check_summary(check, telework, "no findings", ["validate", "../valid", *as_of],
                              os.path.join(repo, "ci"), "valid/")
        check.check("no problems found" in added, "no findings: said so", added)

        # At most 50 files are listed; the rest are counted.
        crowd = os.path.join(repo, "crowd")
        os.makedirs(crowd)
        for i in range(52):
            shutil.copy(os.path.join(repo, "records", "tw002-types.yaml"), os.path.join(crowd, f"r{i:02}.yaml"))
        summary = os.path.join(tmp, "crowd.md")
        open(summary, "w", encoding="utf-8").close()
        run(telework, ["validate", "crowd", *as_of, "--format", "github"], summary=summary, cwd=repo)
        added = read(summary)
        check.equal(len(re.findall(r"^### ", added, re.M)), 50, "52 files: 50 are listed")
        check.check("\n2 more files with findings are not listed.\n" in added, "52 files: the other 2 are counted")

        # Never written through a link, into a FIFO or a directory, nor created.
        args = ["validate", "records", *as_of, "--format", "github"]
        target = os.path.join(tmp, "target.md")
        with open(target, "w", encoding="utf-8") as handle:
            handle.write(EARLIER)
        link = os.path.join(tmp, "link.md")
        os.symlink(target, link)
        fifo = os.path.join(tmp, "fifo")
        os.mkfifo(fifo)
        missing = os.path.join(tmp, "missing.md")
        expected_status = run(telework, args, cwd=repo).returncode
        for label, path in [("a link", link), ("a FIFO", fifo), ("a directory", tmp), ("a missing file", missing)]:
            try:
                result = run(telework, args, summary=path, cwd=repo)
            except subprocess.TimeoutExpired:
                check.check(False, f"{label}: telework does not hang")
                continue
            check.check("GITHUB_STEP_SUMMARY" in result.stderr and "warning" in result.stderr,
                        f"{label}: a warning on stderr", result.stderr)
            check.equal(result.returncode, expected_status, f"{label}: the exit status does not change")
        check.equal(read(target), EARLIER, "a link: its target is untouched")
        check.check(not os.path.exists(missing), "a missing file: not created")
        result = run(telework, args, summary="", cwd=repo)
        check.check("GITHUB_STEP_SUMMARY" not in result.stderr, "an empty GITHUB_STEP_SUMMARY is ignored")

    print(f"{check.passed} passed, {check.failed} failed")
    return 1 if check.failed else 0


if __name__ == "__main__":
    sys.exit(main())
