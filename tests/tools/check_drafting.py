#!/usr/bin/env python3
"""Golden and round-trip tests of `telework init`, `new` and `renew`.

Each scenario runs the real binary in a fresh temporary directory and
writes a transcript: every command with its exit status, standard output
and standard error, and every file it created with its exact contents. The
transcript must equal tests/drafting/expected/<scenario>.txt (--update
rewrites them). Beside the transcripts, each scenario asserts what a
transcript cannot show on its own: that nothing was overwritten or written
outside the repo, that `validate` reports exactly the facts a draft leaves
open, that copied hostile values mean what they meant, and that a renewal,
once approved and signed, takes the old agreement off `expire`.

    check_drafting.py --telework BIN --source DIR [--update] [SCENARIO...]
"""
import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checker import Checker  # noqa: E402

AS_OF = "2026-11-20"


class Run:
    def __init__(self, telework, top, transcript):
        self.telework = telework
        self.top = top
        self.transcript = transcript

    def files(self):
        found = {}
        for base, dirs, names in os.walk(self.top):
            dirs.sort()
            for name in sorted(names):
                path = os.path.join(base, name)
                if os.path.islink(path):
                    continue
                with open(path, "rb") as handle:
                    found[os.path.relpath(path, self.top)] = handle.read()
        return found

    def __call__(self, *args, cwd=".", record=True):
        before = self.files()
        env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR",)}
        result = subprocess.run([self.telework, *args], cwd=os.path.join(self.top, cwd), env=env,
                                capture_output=True, stdin=subprocess.DEVNULL, check=False)
        after = self.files()
        if not record:
            return result.returncode, result.stdout.decode("utf-8", "replace"), result.stderr.decode("utf-8", "replace")
        shown = " ".join(repr(a) if (" " in a or "\n" in a) else a for a in args)
        out = result.stdout.decode("utf-8", "replace").replace(self.top, "<tmp>")
        err = result.stderr.decode("utf-8", "replace").replace(self.top, "<tmp>")
        self.transcript.append(f"$ (cd {cwd}) telework {shown}\n[exit {result.returncode}]\n"
                               f"--- stdout\n{out}--- stderr\n{err}")
        for path in sorted(after):
            if path not in before and path.endswith("agreement.schema.json"):
                self.transcript.append(f"--- created {path} (the text of 'telework schema')\n")
            elif path not in before:
                self.transcript.append(f"--- created {path}\n{after[path].decode('utf-8', 'replace')}")
            elif before[path] != after[path]:
                self.transcript.append(f"--- CHANGED {path}\n")
        for path in sorted(before):
            if path not in after:
                self.transcript.append(f"--- REMOVED {path}\n")
        return result.returncode, out, err


def digest(run):
    return {path: hashlib.sha256(data).hexdigest() for path, data in run.files().items()}


def fill_lines(path):
    """The lines of a draft that say what is still to be filled in, with the rules they name."""
    lines = {}
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            match = re.search(r"# (?:to fill in|cleared for the renewal) \(([^)]*)\)", line)
            if match:
                lines[number] = {name.split()[0] for name in match.group(1).split(", ")}
    return lines


def findings(run, path):
    """validate over the whole repo (supersedes and ids are judged across records), for one file."""
    status, out, _ = run("validate", "--format", "json", "--as-of", AS_OF, cwd="repo")
    return status, [f for f in json.loads(out)["findings"] if f["file"] == path] if out else []


# What a coordinator writes for the facts the record format itself requires.
FORMAT_FACTS = {"kind": "home", "workweek_days": "5", "telework_days": "[mon]", "completed": "true",
                "position": '"Clerk"', "dependents": "false", "personal_computer": "false"}


def give_format_facts(path):
    with open(path, encoding="utf-8") as handle:
        lines = handle.readlines()
    for i, line in enumerate(lines):
        match = re.match(r"^(\s*)(\w+): null  # to fill in \(TW002", line)
        if match:
            lines[i] = f"{match.group(1)}{match.group(2)}: {FORMAT_FACTS[match.group(2)]}\n"
    with open(path, "w", encoding="utf-8") as handle:
        handle.writelines(lines)


def check_proposal_findings(c, run, draft, what):
    """A proposal is flagged exactly where the record format needs a fact nobody gave."""
    lines = {line for line, rules in fill_lines(os.path.join(run.top, "repo", draft)).items() if "TW002" in rules}
    status, found = findings(run, draft)
    c.equal(sorted((f["line"], f["rule"]) for f in found), sorted((line, "TW002") for line in lines),
            f"{what}: validate reports each fact the format requires, once")
    c.equal(status, 1 if lines else 0, f"{what}: validate exit status")


def approve(path, replacements):
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    text = text.replace("status: proposed", "status: approved", 1)
    for old, new in replacements:
        text = text.replace(old, new)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def check_exact_findings(c, run, draft, what):
    """Approved with the format's own facts given, a draft fails exactly on its open facts, once each, and
    on its signatures."""
    give_format_facts(os.path.join(run.top, "repo", draft))
    approve(os.path.join(run.top, "repo", draft), [])
    open_lines = fill_lines(os.path.join(run.top, "repo", draft))
    _, found = findings(run, draft)
    by_line = {}
    for finding in found:
        by_line.setdefault(finding["line"], []).append(finding["rule"])
    for line, rules in sorted(open_lines.items()):
        reported = by_line.get(line, [])
        c.check(reported and set(reported) <= rules, f"{what}: line {line} is reported, by a rule it names",
                f"{reported} vs {rules}")
        c.equal(len(reported), len(set(reported)), f"{what}: line {line} is reported once")
    others = {line: rules for line, rules in by_line.items() if line not in open_lines}
    c.check(all(rule in ("CT204", "OPM102") for rules in others.values() for rule in rules),
            f"{what}: every other finding is a missing signature", repr(others))
    c.check(bool(open_lines), f"{what}: the draft leaves facts open")


def scenario_init(c, run):
    status, _, _ = run("init", "repo", "--profile", "ct-gl32")
    c.equal(status, 0, "init: exit status")
    _, schema, _ = run("schema", record=False)
    with open(os.path.join(run.top, "repo", "schemas", "agreement.schema.json"), encoding="utf-8") as handle:
        c.equal(handle.read(), schema, "init: the schema the records' modeline names is telework's")
    status, _, err = run("validate", cwd="repo")
    c.equal(status, 0, "init: a fresh repo validates")
    before = digest(run)
    status, _, err = run("init", "repo", "--profile", "ct-gl32")
    c.equal(status, 0, "init again: exit status 0")
    c.equal(digest(run), before, "init again: no file changed")
    c.check(err.count("left ") == 7, "init again: each existing file named", err)
    status, _, _ = run("init", "other", "--profile", "nope")
    c.equal(status, 2, "init: an unknown profile is a usage error")


def scenario_init_partial(c, run):
    os.makedirs(os.path.join(run.top, "repo"))
    for name, text in ((".gitignore", "mine\n"), ("README.md", "# Ours\n")):
        with open(os.path.join(run.top, "repo", name), "w", encoding="utf-8") as handle:
            handle.write(text)
    status, _, err = run("init", "--ci", "gitlab", "--profile", "opm", cwd="repo")
    c.equal(status, 0, "init over a repo: exit status 0")
    with open(os.path.join(run.top, "repo", "README.md"), encoding="utf-8") as handle:
        c.equal(handle.read(), "# Ours\n", "init over a repo: README.md left alone")
    c.check(os.path.exists(os.path.join(run.top, "repo", ".gitlab-ci.yml")), "init --ci gitlab writes .gitlab-ci.yml")
    c.check(not os.path.exists(os.path.join(run.top, "repo", ".github")), "init --ci gitlab writes no GitHub workflow")


def scenario_new(c, run):
    run("init", "repo", "--profile", "ct-gl32", "--ci", "none", record=False)
    status, _, _ = run("new", "--as-of", AS_OF, "--employee-id", "E1042", "--name", "Jane Doe",
                       "--agency", "Department of Revenue Services", "--supervisor", "Robert Smith",
                       "--manager", "Alice Brown", cwd="repo")
    c.equal(status, 0, "new: exit status")
    draft = "agreements/TW-2026-0001.yaml"
    check_proposal_findings(c, run, draft, "new")
    c.check("position: null  # to fill in (TW002" in open(os.path.join(run.top, "repo", draft)).read(),
            "new: the position nobody gave is to be filled in")
    status, _, _ = run("new", "--as-of", AS_OF, "--employee-id", "E1043", "--name", "Sam Roe", "--position", "Clerk",
                       "--agency", "DRS", "--supervisor", "Robert Smith", "--manager", "Alice Brown",
                       "--start", "2027-01-04", "--unit", "Audit", cwd="repo")
    c.equal(status, 0, "new: a second record")
    second = "agreements/TW-2026-0002.yaml"
    check_proposal_findings(c, run, second, "new, second record")
    check_exact_findings(c, run, second, "new (ct-gl32), approved")
    status, _, _ = run("new", "--id", "TW-2026-0001", "--name", "X", cwd="repo")
    c.equal(status, 2, "new: an id in use is refused")
    status, _, _ = run("new", "--id", "bad id", cwd="repo")
    c.equal(status, 2, "new: a malformed id is refused")


def scenario_new_opm(c, run):
    run("init", "repo", "--ci", "none", record=False)
    status, _, _ = run("new", "--as-of", AS_OF, "--employee-id", "E7", "--name", "Ana Lima", "--position", "Analyst",
                       "--agency", "Bureau of the Fiscal Service", "--supervisor", "Priya Raman",
                       "--manager", "Rebecca Holloway", cwd="repo")
    c.equal(status, 0, "new (opm): exit status")
    draft = "agreements/TW-2026-0001.yaml"
    check_proposal_findings(c, run, draft, "new (opm)")
    check_exact_findings(c, run, draft, "new (opm), approved")


HOSTILE = {
    "--name": "Jane\nstatus: denied\n# x",
    "--unit": "*alias &anchor !tag",
    "--agency": "key: value # comment",
    "--position": "- item\r\n---\n...",
    "--supervisor": "\x1b[31mred\u202e\u2028end",
    "--manager": "'single' \"double\" \\back",
    "--email": "{flow: map}, [list]",
}


def scenario_new_hostile(c, run):
    run("init", "repo", "--ci", "none", record=False)
    args = [item for pair in HOSTILE.items() for item in pair]
    status, _, _ = run("new", "--as-of", AS_OF, "--employee-id", "E1", "--id", "TW-9", *args, cwd="repo")
    c.equal(status, 0, "new with hostile values: exit status")
    with open(os.path.join(run.top, "repo", "agreements", "TW-9.yaml"), encoding="utf-8") as handle:
        record = yaml.safe_load(handle)
    c.equal(record["employee"]["name"], HOSTILE["--name"], "hostile --name reads back as given")
    c.equal(record["unit"], HOSTILE["--unit"], "hostile --unit reads back as given")
    c.equal(record["agency"], HOSTILE["--agency"], "hostile --agency reads back as given")
    c.equal(record["employee"]["position"], HOSTILE["--position"], "hostile --position reads back as given")
    c.equal(record["supervisor"]["name"], HOSTILE["--supervisor"], "hostile --supervisor reads back as given")
    c.equal(record["manager"]["name"], HOSTILE["--manager"], "hostile --manager reads back as given")
    c.equal(record["employee"]["email"], HOSTILE["--email"], "hostile --email reads back as given")
    c.equal(record["status"], "proposed", "hostile values change no other key")
    check_proposal_findings(c, run, "agreements/TW-9.yaml", "telework reads the hostile record as written")
    status, _, _ = run("new", "--id", "TW-10", "--name", "bad \udcff byte", cwd="repo")
    c.equal(status, 2, "new: a value that is not UTF-8 is refused")


def scenario_new_refusals(c, run):
    run("init", "repo", "--ci", "none", record=False)
    os.makedirs(os.path.join(run.top, "outside"))
    agreements = os.path.join(run.top, "repo", "agreements")
    shutil.rmtree(agreements)
    os.symlink("../outside", agreements)
    status, _, err = run("new", "--id", "TW-1", "--name", "X", cwd="repo")
    c.equal(status, 2, "new into a directory linked outside the repo: refused")
    c.equal(os.listdir(os.path.join(run.top, "outside")), [], "new: nothing written outside the repo")
    os.unlink(agreements)
    os.makedirs(agreements)
    status, _, _ = run("new", "--id", "TW-1", "--name", "X", "--dir", "../outside", cwd="repo")
    c.equal(status, 2, "new --dir outside the repo: refused")
    c.equal(os.listdir(os.path.join(run.top, "outside")), [], "new --dir outside: nothing written")
    with open(os.path.join(run.top, "outside", "target"), "w", encoding="utf-8") as handle:
        handle.write("precious\n")
    os.symlink("../../outside/target", os.path.join(agreements, "TW-2.yaml"))
    status, _, err = run("new", "--id", "TW-2", "--name", "X", cwd="repo")
    c.equal(status, 2, "new onto an existing name (a link): refused")
    with open(os.path.join(run.top, "outside", "target"), encoding="utf-8") as handle:
        c.equal(handle.read(), "precious\n", "new: the link's target is untouched")
    os.symlink("../../outside/missing", os.path.join(agreements, "TW-3.yaml"))
    status, _, _ = run("new", "--id", "TW-3", "--name", "X", cwd="repo")
    c.equal(status, 2, "new onto a dangling link: refused")
    c.check(not os.path.exists(os.path.join(run.top, "outside", "missing")), "new: no file made through a dangling link")
    with open(os.path.join(agreements, "TW-4.yaml"), "w", encoding="utf-8") as handle:
        handle.write("not a record\n")
    status, _, _ = run("new", "--id", "TW-4", "--name", "X", cwd="repo")
    c.equal(status, 2, "new onto an existing file: refused")
    with open(os.path.join(agreements, "TW-4.yaml"), encoding="utf-8") as handle:
        c.equal(handle.read(), "not a record\n", "new: the existing file is untouched")


def copy_ct_repo(run, source):
    shutil.copytree(os.path.join(source, "tests", "drafting", "ct-repo"), os.path.join(run.top, "repo"), symlinks=True)


def scenario_renew(c, run, source):
    copy_ct_repo(run, source)
    old = "agreements/audit/DRS-TW-2026-000123.yaml"
    status, _, _ = run("renew", "DRS-TW-2026-000123", "--as-of", AS_OF, cwd="repo")
    c.equal(status, 0, "renew: exit status")
    draft = "agreements/audit/DRS-TW-2026-000125.yaml"
    with open(os.path.join(run.top, "repo", old), encoding="utf-8") as handle:
        before = yaml.safe_load(handle)
    with open(os.path.join(run.top, "repo", draft), encoding="utf-8") as handle:
        after = yaml.safe_load(handle)
    for key in ("unit", "employee", "supervisor", "manager", "location", "official_duty_station", "schedule",
                "duties", "equipment", "computer", "dependent_care", "eligibility", "notes"):
        c.equal(after.get(key), before.get(key), f"renew: '{key}' copied exactly, hostile strings and all")
    c.equal(after["supersedes"], "DRS-TW-2026-000123", "renew: supersedes the old agreement")
    c.equal(after["status"], "proposed", "renew: status proposed")
    c.equal(after["term"], {"start": before["term"]["end"].fromordinal(before["term"]["end"].toordinal() + 1),
                            "end": __import__("datetime").date(2027, 8, 31)}, "renew: the next term, 9 months")
    for key in ("signatures", "safety_checklist", "das_copy_sent"):
        c.equal(after[key], None, f"renew: '{key}' cleared")
    status, found = findings(run, draft)
    c.equal((status, found), (0, []), "renew: the draft validates as a proposal")
    status, _, err = run("renew", old, "--as-of", AS_OF, cwd="repo")
    c.equal(status, 0, "renew again: exit status 0")
    c.check("already has a successor" in err, "renew again: says a draft exists", err)
    # The coordinator completes, signs and approves the draft.
    approve(os.path.join(run.top, "repo", draft), [
        ("signatures: null", "signatures:\n  employee: {name: Minh Tran, date: 2026-11-16}\n"
         "  supervisor: {name: Karen Whitcomb, date: 2026-11-16}\n"
         "  manager: {name: Patricia Ferreira, date: 2026-11-17}\n"
         "  hr: {name: Carol White, date: 2026-11-18}\n  agency_head: {name: Dan Green, date: 2026-11-18}\n#"),
        ("safety_checklist: null", "safety_checklist: {completed: true, date: 2026-11-10}\n#"),
        ("das_copy_sent: null", "das_copy_sent: 2026-11-19\n#"),
    ])
    status, found = findings(run, draft)
    c.equal((status, found), (0, []), "renew: the signed draft validates as an approved agreement")
    _, out, _ = run("expire", "--as-of", AS_OF, "--format", "json", cwd="repo")
    listed = [item["id"] for item in json.loads(out)["agreements"]]
    c.check("DRS-TW-2026-000123" not in listed, "renew: once approved, the old agreement leaves expire", repr(listed))


def scenario_renew_all_due(c, run, source):
    copy_ct_repo(run, source)
    _, out, _ = run("expire", "--as-of", "2026-11-25", "--format", "json", cwd="repo")
    due = sorted(item["id"] for item in json.loads(out)["agreements"])
    c.equal(due, ["DRS-TW-2026-000123", "DRS-TW-2026-000124"], "all-due: expire lists both")
    status, _, _ = run("renew", "--all-due", "--as-of", "2026-11-25", "--within", "10", cwd="repo")
    c.equal(status, 0, "renew --all-due --within 10: exit status")
    status, out, err = run("renew", "--all-due", "--as-of", "2026-11-25", cwd="repo")
    c.equal(status, 0, "renew --all-due: exit status")
    c.equal(out.count("created "), 1, "renew --all-due: one more draft, the first is drafted already")
    status, out, err = run("renew", "--all-due", "--as-of", "2026-11-25", cwd="repo")
    c.equal((status, out), (0, ""), "renew --all-due again: nothing left to draft")
    status, _, _ = run("renew", "NOPE-1", cwd="repo")
    c.equal(status, 2, "renew: an unknown agreement is an error")
    status, _, _ = run("renew", "DRS-TW-2026-000125", cwd="repo")
    c.equal(status, 2, "renew: a draft (not a current agreement) is refused")
    status, _, _ = run("renew", cwd="repo")
    c.equal(status, 2, "renew: needs an agreement or --all-due")


def scenario_renew_refuses_existing(c, run, source):
    copy_ct_repo(run, source)
    os.makedirs(os.path.join(run.top, "outside"))
    target = os.path.join(run.top, "repo", "agreements", "audit", "DRS-TW-2026-000125.yaml")
    os.symlink("../../../outside/planted", target)
    status, _, _ = run("renew", "DRS-TW-2026-000123", "--as-of", AS_OF, cwd="repo")
    c.equal(status, 2, "renew onto a planted link: refused")
    c.equal(os.listdir(os.path.join(run.top, "outside")), [], "renew: nothing written through the link")


SCENARIOS = {
    "init": scenario_init,
    "init-partial": scenario_init_partial,
    "new": scenario_new,
    "new-opm": scenario_new_opm,
    "new-hostile": scenario_new_hostile,
    "new-refusals": scenario_new_refusals,
    "renew": scenario_renew,
    "renew-all-due": scenario_renew_all_due,
    "renew-refuses-existing": scenario_renew_refuses_existing,
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--telework", required=True)
    parser.add_argument("--source", required=True, help="the repository's root")
    parser.add_argument("--update", action="store_true")
    parser.add_argument("scenarios", nargs="*")
    options = parser.parse_args()
    telework = os.path.abspath(options.telework)
    source = os.path.abspath(options.source)
    c = Checker()
    for name in options.scenarios or SCENARIOS:
        transcript = []
        with tempfile.TemporaryDirectory(prefix="telework-drafting-") as top:
            run = Run(telework, top, transcript)
            function = SCENARIOS[name]
            if function.__code__.co_argcount == 3:
                function(c, run, source)
            else:
                function(c, run)
        text = "\n".join(transcript)
        expected_path = os.path.join(source, "tests", "drafting", "expected", f"{name}.txt")
        if options.update:
            os.makedirs(os.path.dirname(expected_path), exist_ok=True)
            with open(expected_path, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
        else:
            expected = open(expected_path, encoding="utf-8", newline="").read() if os.path.exists(expected_path) else None
            c.check(expected == text, f"{name}: transcript equals {os.path.relpath(expected_path, source)}",
                    "missing (run with --update)" if expected is None else "".join(
                        __import__("difflib").unified_diff(expected.splitlines(True), text.splitlines(True),
                                                           "expected", "actual")))
    print(f"{c.passed} passed, {c.failed} failed")
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main())
