#!/usr/bin/env python3
"""Checks `validate --changed-since` and TW008 on a throwaway git repository.

The repository gets one record per case and a tag `base`; then the records
are changed in every way a pull request can change them (committed, staged,
unstaged, untracked, renamed, deleted, reformatted, re-signed) and the test
checks which files are judged and where TW008 is reported.
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

AS_OF = "2026-11-20"

RECORD = """\
# an agreement under OPM guidance
format: 1
id: {id}
status: {status}
type: routine
agency: Bureau of the Fiscal Service
employee:
  id: {employee}
  name: Pat Lee
  position: Analyst
  disciplined_awol: false
  disciplined_prohibited_content: false
supervisor: {{name: Sam Roe}}
manager: {{name: Alice Brown}}
location:
  kind: home
  address: 12 Elm Street, Hartford, CT 06106
  phone: "+1-860-555-0142"
schedule:
  workweek_days: 5
  telework_days: [tue, thu]
  hours: {{start: "08:00", end: "16:30"}}
  alternate_schedule: false
term:
  start: 2026-03-01
  end: 2026-11-30
duties:
  - Reconcile accounts payable ledgers
  - Answer vendor questions
equipment:
  - {{item: laptop, provided_by: agency, asset_tag: LT-1}}
  - {{item: headset, provided_by: agency}}
safety_checklist: {{completed: true, date: 2026-02-20}}
emergency: {{coop: true, pandemic: true, weather: true}}
training:
  telework: 2026-01-20
  it_security: 2026-01-15
signatures:
  employee: {{name: Pat Lee, date: 2026-02-25}}
  manager: {{name: Alice Brown, date: 2026-02-26}}
"""

# The same agreement, written differently: comments, block instead of flow
# style, keys and list items in another order, quoted strings and dates.
REFORMATTED = """\
format: 1
id: {id}
status: approved
type: "routine"   # unchanged
agency: Bureau of the Fiscal Service
employee: {{id: {employee}, name: Pat Lee, position: Analyst, disciplined_awol: false,
           disciplined_prohibited_content: false}}
supervisor:
  name: Sam Roe
manager:
  name: Alice Brown
duties: [Answer vendor questions, "Reconcile accounts payable ledgers"]
schedule:
  alternate_schedule: false
  field_work: false        # the default, now written out
  hours:
    start: "08:00"
    end: "16:30"
  telework_days:
    - thu
    - tue
  workweek_days: 5
location: {{kind: home, address: "12 Elm Street, Hartford, CT 06106", phone: "+1-860-555-0142"}}
term: {{start: "2026-03-01", end: 2026-11-30}}
equipment:
  - {{item: headset, provided_by: agency}}
  - item: laptop
    asset_tag: LT-1
    provided_by: agency
computer: {{personal_computer: false, basis: none}}   # absent meant the same
safety_checklist: {{completed: true, date: 2026-02-20}}
emergency: {{coop: true, pandemic: true, weather: true}}
training: {{telework: 2026-01-20, it_security: 2026-01-15}}
signatures:
  manager: {{name: Alice Brown, date: 2026-02-26}}
  employee: {{name: Pat Lee, date: 2026-02-25}}
"""

MORE_DAYS = ("telework_days: [tue, thu]", "telework_days: [mon, tue, thu]")
SHORTER_TERM = ("end: 2026-11-30", "end: 2026-10-31")
NEW_SIGNATURES = [("{name: Pat Lee, date: 2026-02-25}", "{name: Pat Lee, date: 2026-06-01}"),
                  ("{name: Alice Brown, date: 2026-02-26}", "{name: Alice Brown, date: 2026-06-02}")]



def record(n, status="approved", employee=None):
    return RECORD.format(id=f"TW-2026-{n:04d}", status=status, employee=employee or f"E{n:04d}")


def edit(text, *changes):
    for old, new in changes:
        if old not in text:
            raise AssertionError(f"fixture edit does not apply: {old!r}")
        text = text.replace(old, new, 1)
    return text


def position_of(text, needle):
    """1-based line and column in `text`: for a needle ending in ': ', of the
    value after it; otherwise of the needle's first non-blank character."""
    for number, line in enumerate(text.splitlines(), 1):
        at = line.find(needle)
        if at >= 0:
            if needle.endswith(": "):
                return number, at + len(needle) + 1
            return number, at + len(needle) - len(needle.lstrip()) + 1
    raise AssertionError(f"{needle!r} not in fixture")


class Repo:
    def __init__(self, path, env):
        self.path = path
        self.env = env

    def git(self, *args):
        subprocess.run(["git", *args], cwd=self.path, env=self.env, check=True, capture_output=True)

    def write(self, relative, text):
        target = os.path.join(self.path, relative)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8") as handle:
            handle.write(text)

    def read(self, relative):
        with open(os.path.join(self.path, relative), encoding="utf-8") as handle:
            return handle.read()

    def change(self, relative, *changes):
        self.write(relative, edit(self.read(relative), *changes))


def git_env(home):
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_") and k != "NO_COLOR"}
    env.update({
        "HOME": home, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.path.join(home, "gitconfig"),
        "GIT_AUTHOR_NAME": "Test Author", "GIT_AUTHOR_EMAIL": "author@example.org",
        "GIT_COMMITTER_NAME": "Test Committer", "GIT_COMMITTER_EMAIL": "committer@example.org",
        "GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z",
    })
    return env


# Each case: file at `base`, and what it becomes. Names are relative to agreements/.
INITIAL = {
    "unchanged.yaml": record(1),
    "committed.yaml": record(2),
    "staged.yaml": record(3),
    "unstaged.yaml": record(4),
    "signed-again.yaml": record(5),
    "reformatted.yaml": record(6),
    "rename-unsigned-old.yaml": record(7),
    "rename-only-old.yaml": record(8),
    "deleted-committed.yaml": record(9),
    "deleted-unstaged.yaml": record(10),
    "proposed.yaml": record(11, status="proposed"),
    "new id old.yaml": record(12),
    "duplicate-a.yaml": record(13),
    "with space, comma.yaml": record(14),
}


def build_repo(repo):
    repo.git("init", "-q")
    repo.git("config", "commit.gpgsign", "false")
    repo.write(".gitignore", "agreements/ignored.yaml\n")
    for name, text in INITIAL.items():
        repo.write(f"agreements/{name}", text)
    repo.write("other/outside.yaml", record(40))
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "records")
    repo.git("tag", "base")

    # Committed after base.
    repo.change("agreements/committed.yaml", MORE_DAYS)
    repo.git("rm", "-q", "agreements/deleted-committed.yaml")
    repo.git("mv", "agreements/rename-unsigned-old.yaml", "agreements/rename-unsigned-new.yaml")
    repo.change("agreements/rename-unsigned-new.yaml", SHORTER_TERM)
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "changes")

    # Staged, not committed.
    repo.change("agreements/staged.yaml", SHORTER_TERM)
    repo.git("mv", "agreements/rename-only-old.yaml", "agreements/rename-only-new.yaml")
    repo.git("add", "agreements/staged.yaml")

    # In the working tree only.
    repo.change("agreements/unstaged.yaml", MORE_DAYS)
    repo.change("agreements/signed-again.yaml", MORE_DAYS, SHORTER_TERM, *NEW_SIGNATURES)
    repo.write("agreements/reformatted.yaml", REFORMATTED.format(id="TW-2026-0006", employee="E0006"))
    repo.change("agreements/proposed.yaml", MORE_DAYS)
    repo.change("agreements/with space, comma.yaml", SHORTER_TERM)
    os.remove(os.path.join(repo.path, "agreements/deleted-unstaged.yaml"))
    # A new agreement written over an old one's file: another id, so not a modification.
    os.remove(os.path.join(repo.path, "agreements/new id old.yaml"))
    repo.write("agreements/new id new.yaml", edit(record(12), ("TW-2026-0012", "TW-2026-0112"), MORE_DAYS))
    repo.change("other/outside.yaml", MORE_DAYS)

    # Untracked: a new record, one that repeats an unchanged record's id (TW004
    # must still see the unchanged one), one superseding an unchanged record
    # (TW005 must find it), and an ignored one.
    repo.write("agreements/untracked.yaml", record(20))
    repo.write("agreements/duplicate-b.yaml", edit(record(21), ("TW-2026-0021", "TW-2026-0013")))
    repo.write("agreements/renewal.yaml",
               edit(record(22, employee="E0001"), ("agency:", "supersedes: TW-2026-0001\nagency:")))
    repo.write("agreements/ignored.yaml", record(23))


JUDGED = {
    "committed.yaml", "staged.yaml", "unstaged.yaml", "signed-again.yaml", "reformatted.yaml",
    "rename-unsigned-new.yaml", "rename-only-new.yaml", "proposed.yaml", "with space, comma.yaml",
    "new id new.yaml", "untracked.yaml", "duplicate-b.yaml", "renewal.yaml",
}

# TW008 where the first changed term of the current file is: a changed date
# at its value, a changed list at its key.
TW008 = {
    "committed.yaml": "  telework_days:",
    "staged.yaml": "  end: ",
    "unstaged.yaml": "  telework_days:",
    "rename-unsigned-new.yaml": "  end: ",
    "with space, comma.yaml": "  end: ",
}


def run(telework, args, cwd, env):
    return subprocess.run([telework, *args], cwd=cwd, env=env, capture_output=True, text=True, check=False)


def judged_files(junit_xml):
    root = ET.fromstring(junit_xml)
    return sorted(case.get("name") for case in root.iter("testcase"))


def check_changed_run(check, telework, repo, env):
    agreements = os.path.join(repo.path, "agreements")
    base = ["validate", "agreements", "--as-of", AS_OF, "--changed-since", "base"]

    result = run(telework, base + ["--format", "junit"], repo.path, env)
    check.equal(result.returncode, 1, "changed run: exit status 1 (TW008 and TW004 are errors)")
    check.equal(judged_files(result.stdout), sorted(f"agreements/{name}" for name in JUDGED),
                "changed run: exactly the added, modified and renamed records are judged")

    result = run(telework, base + ["--format", "json"], repo.path, env)
    report = json.loads(result.stdout)
    check.equal(report["files"], len(JUDGED), "json: files counts the judged records")
    findings = report["findings"]
    tw008 = sorted((f["file"], f["line"], f["column"]) for f in findings if f["rule"] == "TW008")
    expected = sorted((f"agreements/{name}", *position_of(repo.read(f"agreements/{name}"), needle))
                      for name, needle in TW008.items())
    check.equal(tw008, expected, "TW008 on exactly the unsigned term changes, at the first changed term")
    others = sorted((f["file"], f["rule"]) for f in findings if f["rule"] != "TW008")
    check.equal(others, [("agreements/duplicate-b.yaml", "TW004")],
                "no other findings: TW004 sees the unchanged record, TW005 finds the superseded one")
    by_file = {f["file"]: f for f in findings if f["rule"] == "TW008"}
    message = by_file.get("agreements/rename-unsigned-new.yaml", {}).get("message", "")
    check.check("agreements/rename-unsigned-old.yaml" in message and "term.end" in message,
                "TW008 on a rename names the old path and the changed key", message)
    message = by_file.get("agreements/unstaged.yaml", {}).get("message", "")
    check.check("since base" in message and "schedule.telework_days" in message and "signed again" in message,
                "TW008 message names the revision, the key and the remedy", message)
    check.check(all(f["severity"] == "error" and f["citation"] == "GL32 V; OPM step 6"
                    for f in findings if f["rule"] == "TW008"), "TW008 is an error citing GL32 V and OPM step 6")
    check.equal(result.stderr, "", "changed run: nothing on stderr (deleted records are not errors)")

    # From inside agreements/ without PATH: the same records, paths relative to here.
    result = run(telework, ["validate", "--as-of", AS_OF, "--changed-since", "base", "--format", "junit"],
                 agreements, env)
    check.equal(judged_files(result.stdout), sorted(JUDGED), "from a subdirectory: the same records are judged")

    # GitHub and SARIF paths are relative to the top of the work tree, wherever telework runs.
    result = run(telework, ["validate", "--as-of", AS_OF, "--changed-since", "base", "--format", "github"],
                 agreements, env)
    annotated = sorted({line.split("file=", 1)[1].split(",line=", 1)[0]
                        for line in result.stdout.splitlines() if "TW008" in line})
    check.equal(annotated, sorted(f"agreements/{name}".replace(",", "%2C") for name in TW008),
                "github: TW008 annotations name paths from the top of the repository")
    result = run(telework, ["validate", "--as-of", AS_OF, "--changed-since", "base", "--format", "sarif"],
                 agreements, env)
    uris = sorted({r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                   for r in json.loads(result.stdout)["runs"][0]["results"] if r["ruleId"] == "TW008"})
    check.equal(uris, sorted(f"agreements/{name}".replace(" ", "%20").replace(",", "%2C") for name in TW008),
                "sarif: TW008 artifact URIs are relative to the repository root, percent-encoded")

    # Older revision syntax, and a hash.
    head_before = subprocess.run(["git", "rev-parse", "HEAD~1"], cwd=repo.path, env=env, capture_output=True,
                                 text=True, check=True).stdout.strip()
    result = run(telework, ["validate", "agreements", "--as-of", AS_OF, "--changed-since", head_before,
                            "--format", "junit"], repo.path, env)
    check.equal(judged_files(result.stdout), sorted(f"agreements/{name}" for name in JUDGED),
                "a commit hash works like the tag")


def check_without_changed_since(check, telework, repo, env):
    result = run(telework, ["validate", "agreements", "--as-of", AS_OF, "--format", "json"], repo.path, env)
    report = json.loads(result.stdout)
    check.check(not any(f["rule"] == "TW008" for f in report["findings"]), "without --changed-since: no TW008")
    # The records themselves are valid: the findings above come only from the changes.
    check.equal(sorted({f["rule"] for f in report["findings"]}), ["TW004"],
                "without --changed-since: the fixtures are valid apart from the duplicate id")


def check_severity_and_fail_level(check, telework, repo, env, home):
    config = os.path.join(home, "tw008-warning.toml")
    with open(config, "w", encoding="utf-8") as handle:
        handle.write('[telework]\nprofile = "opm"\n\n[rules]\nTW008 = "warning"\nTW004 = "off"\n')
    args = ["validate", "agreements", "--as-of", AS_OF, "--changed-since", "base", "--config", config,
            "--format", "json"]
    result = run(telework, args, repo.path, env)
    report = json.loads(result.stdout)
    levels = {f["severity"] for f in report["findings"] if f["rule"] == "TW008"}
    check.equal(levels, {"warning"}, "telework.toml can make TW008 a warning")
    check.equal(result.returncode, 0, "TW008 as a warning: exit 0 at --fail-level error")
    result = run(telework, args + ["--fail-level", "warning"], repo.path, env)
    check.equal(result.returncode, 1, "TW008 as a warning: exit 1 at --fail-level warning")
    with open(config, "w", encoding="utf-8") as handle:
        handle.write('[rules]\nTW008 = "off"\n')
    result = run(telework, args, repo.path, env)
    check.check(not any(f["rule"] == "TW008" for f in json.loads(result.stdout)["findings"]),
                "TW008 = \"off\" turns it off")


def check_errors(check, telework, repo, env, home):
    cases = [
        (["--changed-since", "no-such-rev"], repo.path, "unknown revision 'no-such-rev'"),
        (["--changed-since=--output=x"], repo.path, "is not a revision"),
        (["--changed-since="], repo.path, "--changed-since"),
        (["--changed-since", "base"], home, "needs a git checkout: no directory at or above"),
    ]
    for extra, cwd, words in cases:
        result = run(telework, ["validate", "--as-of", AS_OF, *extra], cwd, env)
        check.equal(result.returncode, 2, f"{' '.join(extra)}: exit status 2")
        check.check(words in result.stderr and result.stdout == "", f"{' '.join(extra)}: says {words!r}",
                    result.stderr.strip())
    check.check(not os.path.exists(os.path.join(repo.path, "x")), "a revision is never read as an option")

    # Nothing changed: nothing judged, exit 0.
    result = run(telework, ["validate", "agreements", "--as-of", AS_OF, "--changed-since", "HEAD", "--format",
                            "json"], repo.path, env)
    report = json.loads(result.stdout)
    check.check(report["files"] > 0, "--changed-since HEAD still sees the working-tree changes")
    clean = os.path.join(home, "clean")
    shutil.copytree(repo.path, clean, symlinks=True)
    subprocess.run(["git", "stash", "-q", "--include-untracked"], cwd=clean, env=env, check=True)
    result = run(telework, ["validate", "agreements", "--as-of", AS_OF, "--changed-since", "HEAD"], clean, env)
    check.equal((result.returncode, result.stdout), (0, "checked 0 files: no problems found\n"),
                "a clean work tree: nothing judged, exit 0")
    check.check("no record files changed since HEAD" in result.stderr, "a clean work tree: says so",
                result.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--telework", required=True)
    options = parser.parse_args()
    telework = os.path.abspath(options.telework)
    if shutil.which("git") is None:
        print("git is not installed")
        print("0 passed, 1 failed")
        return 1
    check = Checker()
    with tempfile.TemporaryDirectory(prefix="telework-changed-") as home:
        env = git_env(home)
        repo = Repo(os.path.join(home, "repo"), env)
        os.makedirs(repo.path)
        build_repo(repo)
        check_changed_run(check, telework, repo, env)
        check_without_changed_since(check, telework, repo, env)
        check_severity_and_fail_level(check, telework, repo, env, home)
        check_errors(check, telework, repo, env, home)
    # A run that checked nothing must not pass.
    check.check(check.passed >= 30, "enough checks ran", f"only {check.passed}")
    print(f"{check.passed} passed, {check.failed} failed")
    return 1 if check.failed else 0


if __name__ == "__main__":
    sys.exit(main())
