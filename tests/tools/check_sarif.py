#!/usr/bin/env python3
"""Validates `telework validate --format sarif` against the SARIF 2.1.0 schema.

For each input the SARIF log must be valid under the official OASIS schema
(with the validator its `$schema` names, Draft 4, and with Draft 7), list
every catalog rule, and carry exactly the findings of `--format json`, with
the same positions, levels and root-relative, percent-encoded URIs.

What GitHub code scanning uses (issue 11, items 7 and 10): an absolute
`informationUri`; each rule's `helpUri` and `help` (the `explain` text); each
result's region with `endLine`/`endColumn` around one token; a
`partialFingerprints` entry that is unique in the run, the same on a second
run and after lines are inserted above the finding; `relatedLocations` for
TW004 (the other file with the id). And the root: run from another directory,
through an absolute or a `../` PATH or telework.toml without a PATH, the URIs
(and `--format github`'s `file=`) are relative to the checked repository.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

import jsonschema

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checker import Checker  # noqa: E402

LEVELS = {"error": "error", "warning": "warning", "info": "note"}
# RFC 3986 relative reference (path only): no scheme, no backslash, no raw spaces.
RELATIVE_URI = re.compile(r"^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-F]{2})+$")



FINGERPRINT = "teleworkFinding/v1"
EXPLAIN = {}  # rule ID -> `telework explain ID`


def run_json(telework, args, cwd=None):
    result = subprocess.run([telework, *args], capture_output=True, text=True, check=False, cwd=cwd)
    return result.returncode, json.loads(result.stdout)


def source_lines(path):
    """A file's lines as telework counts them (LF, CRLF or CR; a BOM dropped)."""
    with open(path, "rb") as handle:
        text = handle.read().decode("utf-8", errors="replace")
    return re.split(r"\r\n|\r|\n", text[1:] if text.startswith("\ufeff") else text)


def check_region(check, label, region, path):
    """endLine is the start line; endColumn is past a token of that line (not a line break or a key's colon)."""
    lines = source_lines(path)
    line = lines[region["startLine"] - 1] if 0 < region["startLine"] <= len(lines) else ""
    start, end = region["startColumn"], region.get("endColumn", 0)
    token = line[start - 1:end - 1]
    ok = region.get("endLine") == region["startLine"] and end >= start
    if start <= len(line):
        ok = ok and end > start and not token.endswith((" ", "\t")) and not token.endswith(":")
    check.check(ok, f"{label}: region ends after its token", f"{region} -> {token!r} in {line[:80]!r}")


def check_input(check, telework, validators, catalog, path, extra):
    args = ["validate", path, *extra]
    sarif_status, log = run_json(telework, args + ["--format", "sarif"])
    json_status, report = run_json(telework, args + ["--format", "json"])
    label = " ".join([path, *extra])
    check.check(sarif_status == json_status, f"{label}: same exit status as --format json")

    for name, validator in validators:
        errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
        check.check(not errors, f"{label}: valid SARIF 2.1.0 ({name})",
                    "; ".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]))

    check.check(log.get("version") == "2.1.0" and
                log.get("$schema") == "https://json.schemastore.org/sarif-2.1.0.json", f"{label}: version and $schema")
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    check.check(driver["name"] == "telework" and driver["version"] == report["version"], f"{label}: driver")
    check.check(is_absolute_uri(driver.get("informationUri")), f"{label}: driver.informationUri is an absolute URI",
                repr(driver.get("informationUri")))
    rules = driver["rules"]
    check.check([r["id"] for r in rules] == [c["rule"] for c in catalog], f"{label}: every catalog rule, in order")
    for rule, entry in zip(rules, catalog):
        check.check(rule["name"] == entry["name"] and rule["shortDescription"]["text"] == entry["summary"] and
                    rule["fullDescription"]["text"] == entry["description"] and
                    rule["defaultConfiguration"]["level"] == LEVELS[entry["severity"]],
                    f"{label}: rule {entry['rule']} matches its catalog entry")
        check.check(rule.get("help", {}).get("text") == EXPLAIN[entry["rule"]],
                    f"{label}: rule {entry['rule']} help is its `explain` text", repr(rule.get("help")))
        check.check(is_absolute_uri(rule.get("helpUri")), f"{label}: rule {entry['rule']} has a helpUri",
                    repr(rule.get("helpUri")))
    check.check("%SRCROOT%" in run.get("originalUriBaseIds", {}), f"{label}: %SRCROOT% is declared")

    results = run["results"]
    findings = report["findings"]
    check.check(len(results) == len(findings), f"{label}: one result per finding",
                f"{len(results)} results, {len(findings)} findings")
    fingerprints = []
    for result, finding in zip(results, findings):
        location = result["locations"][0]["physicalLocation"]
        artifact = location["artifactLocation"]
        uri = artifact["uri"]
        region = location["region"]
        where = f"{finding['file']}:{finding['line']} {finding['rule']}"
        same = (result["ruleId"] == finding["rule"] and rules[result["ruleIndex"]]["id"] == finding["rule"] and
                result["level"] == LEVELS[finding["severity"]] and result["message"]["text"] == finding["message"] and
                region["startLine"] == finding["line"] and region["startColumn"] == finding["column"] and
                artifact.get("uriBaseId") == "%SRCROOT%" and urllib.parse.unquote(uri) == finding["file"])
        check.check(same, f"{label}: result matches {where}", json.dumps(result))
        check.check(RELATIVE_URI.match(uri) is not None and not uri.startswith("/"),
                    f"{label}: {uri!r} is a relative URI reference")
        check_region(check, f"{label}: {where}", region, finding["file"])
        fingerprint = result.get("partialFingerprints", {}).get(FINGERPRINT)
        check.check(isinstance(fingerprint, str) and fingerprint, f"{label}: {where} has a partial fingerprint")
        fingerprints.append(fingerprint)
        if finding["rule"] == "TW004":
            others = {f["file"] for f in findings if f["rule"] == "TW004" and f["file"] != finding["file"] and
                      f["message"].split("'")[1:2] == finding["message"].split("'")[1:2]}
            related = {urllib.parse.unquote(r["physicalLocation"]["artifactLocation"]["uri"])
                       for r in result.get("relatedLocations", [])}
            check.check(others and related == others, f"{label}: {where} relates the other file with its id",
                        f"related {sorted(related)}, expected {sorted(others)}")
            for r in result.get("relatedLocations", []):
                physical = r["physicalLocation"]
                check_region(check, f"{label}: {where} related", physical["region"],
                             urllib.parse.unquote(physical["artifactLocation"]["uri"]))
    check.check(len(set(fingerprints)) == len(fingerprints), f"{label}: fingerprints are unique in the run")
    return len(results)


def is_absolute_uri(value):
    parsed = urllib.parse.urlparse(value or "")
    return bool(parsed.scheme and parsed.netloc)


def fingerprints_of(log):
    out = []
    for result in log["runs"][0]["results"]:
        location = result["locations"][0]["physicalLocation"]
        out.append((result["ruleId"], location["artifactLocation"]["uri"],
                    result.get("partialFingerprints", {}).get(FINGERPRINT), location["region"]["startLine"]))
    return out


def check_fingerprints_stable(check, telework, fixture):
    """Fingerprints survive a second run and lines inserted above every finding."""
    with tempfile.TemporaryDirectory() as tmp:
        repo = os.path.join(tmp, "repo")
        os.makedirs(os.path.join(repo, ".git"))
        shutil.copytree(fixture, os.path.join(repo, "agreements"))
        args = ["validate", "agreements", "--as-of", "2026-11-20", "--format", "sarif"]
        _, first = run_json(telework, args, cwd=repo)
        _, again = run_json(telework, args, cwd=repo)
        check.equal(fingerprints_of(again), fingerprints_of(first), "fingerprints: the same on a second run")
        for name in os.listdir(os.path.join(repo, "agreements")):
            path = os.path.join(repo, "agreements", name)
            with open(path, "rb") as handle:
                data = handle.read()
            bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
            newline = b"\r\n" if b"\r\n" in data else b"\n"
            with open(path, "wb") as handle:
                handle.write(bom + b"# moved" + newline + b"# down" + newline + data[len(bom):])
        _, moved = run_json(telework, args, cwd=repo)
        before, after = fingerprints_of(first), fingerprints_of(moved)
        check.equal([(r, u, f) for r, u, f, _ in after], [(r, u, f) for r, u, f, _ in before],
                    "fingerprints: unchanged when every line moves down two")
        check.check(len(before) >= 20 and all(a[3] == b[3] + 2 for a, b in zip(after, before) if b[3] > 1),
                    "fingerprints: the findings did move", f"{len(before)} results")


def check_related_changed_since(check, telework, fixture):
    """With --changed-since the other holder of a duplicate id is out of the run; it is still related."""
    if not shutil.which("git"):
        print("SKIP: no git; the --changed-since relatedLocations check is skipped")
        return
    with tempfile.TemporaryDirectory() as tmp:
        repo = os.path.join(tmp, "repo")
        home = os.path.join(tmp, "home")
        os.makedirs(home)
        env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
        env.update({"HOME": home, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.path.join(home, "gitconfig"),
                    "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "T",
                    "GIT_COMMITTER_EMAIL": "t@example.org"})
        os.makedirs(os.path.join(repo, "agreements"))
        shutil.copy(os.path.join(fixture, "valid.yaml"), os.path.join(repo, "agreements", "old.yaml"))
        for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "old"]):
            subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)
        shutil.copy(os.path.join(fixture, "valid.yaml"), os.path.join(repo, "agreements", "new.yaml"))
        elsewhere = os.path.join(tmp, "elsewhere")
        os.makedirs(elsewhere)
        result = subprocess.run([telework, "validate", os.path.join(repo, "agreements"), "--changed-since", "HEAD",
                                 "--as-of", "2026-11-20", "--format", "sarif"], cwd=elsewhere, env=env,
                                capture_output=True, text=True, check=False)
        results = [r for r in json.loads(result.stdout)["runs"][0]["results"] if r["ruleId"] == "TW004"]
        related = [r["physicalLocation"]["artifactLocation"] for x in results for r in x.get("relatedLocations", [])]
        check.check(len(results) == 1 and related == [{"uri": "agreements/old.yaml", "uriBaseId": "%SRCROOT%"}],
                    "--changed-since: TW004 relates the unchanged file", json.dumps(results)[:500])


def uris_of(log):
    return [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in log["runs"][0]["results"]]


def check_roots(check, telework, fixture):
    """URIs are relative to the checked repository, not to the current directory."""
    with tempfile.TemporaryDirectory() as tmp:
        repo = os.path.join(tmp, "repo")
        elsewhere = os.path.join(tmp, "elsewhere")
        os.makedirs(os.path.join(repo, ".git"))
        os.makedirs(os.path.join(repo, "docs"))
        os.makedirs(elsewhere)
        shutil.copytree(fixture, os.path.join(repo, "agreements"))
        plain = os.path.join(tmp, "plain")  # no .git, but a telework.toml
        os.makedirs(os.path.join(plain, "docs"))
        shutil.copytree(fixture, os.path.join(plain, "agreements"))
        with open(os.path.join(plain, "telework.toml"), "w", encoding="utf-8") as handle:
            handle.write('[telework]\nagreements = ["agreements"]\n')
        runs = [
            ("an absolute PATH from another directory", [os.path.join(repo, "agreements")], elsewhere),
            ("a ../ PATH from another directory", [os.path.join("..", "repo", "agreements")], elsewhere),
            ("a PATH from a subdirectory", [os.path.join("..", "agreements")], os.path.join(repo, "docs")),
            ("a file PATH from another directory", [os.path.join(repo, "agreements", "tw002-types.yaml")],
             elsewhere),
            ("telework.toml without git, from a subdirectory", [], os.path.join(plain, "docs")),
        ]
        for label, paths, cwd in runs:
            args = ["validate", *paths, "--as-of", "2026-11-20"]
            _, log = run_json(telework, args + ["--format", "sarif"], cwd=cwd)
            locations = uris_of(log)
            for result in log["runs"][0]["results"]:
                locations += [r["physicalLocation"]["artifactLocation"] for r in result.get("relatedLocations", [])]
            bad = [a for a in locations if not a["uri"].startswith("agreements/") or a.get("uriBaseId") != "%SRCROOT%"]
            check.check(locations and not bad, f"roots: {label}: SARIF URIs are agreements/...", json.dumps(bad[:3]))
            github = subprocess.run([telework, *args, "--format", "github"], capture_output=True, text=True,
                                    check=False, cwd=cwd, env={k: v for k, v in os.environ.items()
                                                                if k != "GITHUB_STEP_SUMMARY"}).stdout
            files = re.findall(r"^::\w+ file=([^,]*),", github, re.M)
            bad = [f for f in files if not f.startswith("agreements/")]
            check.check(files and not bad, f"roots: {label}: GitHub file= paths are agreements/...", repr(bad[:3]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--telework", required=True)
    parser.add_argument("--schema", required=True, help="sarif-schema-2.1.0.json")
    parser.add_argument("inputs", nargs="+", help="paths to validate, relative to the current directory")
    options = parser.parse_args()
    telework = os.path.abspath(options.telework)
    with open(options.schema, encoding="utf-8") as handle:
        schema = json.load(handle)
    declared = jsonschema.validators.validator_for(schema)
    declared.check_schema(schema)
    validators = [(declared.__name__, declared(schema)), ("Draft7Validator", jsonschema.Draft7Validator(schema))]

    catalog = json.loads(subprocess.run([telework, "explain", "--format", "json"], capture_output=True, text=True,
                                        check=True).stdout)["rules"]
    for entry in catalog:
        EXPLAIN[entry["rule"]] = subprocess.run([telework, "explain", entry["rule"]], capture_output=True, text=True,
                                                check=True).stdout
    check = Checker()
    results = 0
    for path in options.inputs:
        results += check_input(check, telework, validators, catalog, path, ["--as-of", "2026-11-20"])

    check_fingerprints_stable(check, telework, options.inputs[0])
    check_roots(check, telework, options.inputs[0])
    check_related_changed_since(check, telework, options.inputs[0])

    # A log the schema must reject, so a validator that accepts anything cannot pass.
    broken = {"version": "2.1.0", "runs": [{"tool": {"driver": {}}, "results": [{"level": "fatal"}]}]}
    for name, validator in validators:
        check.check(not validator.is_valid(broken), f"the schema rejects a broken log ({name})")
    check.check(len(catalog) >= 30, "the catalog lists the rules", f"{len(catalog)} rules")
    check.check(results >= 20, "enough results were checked", f"{results} results")
    print(f"{check.passed} passed, {check.failed} failed")
    return 1 if check.failed else 0


if __name__ == "__main__":
    sys.exit(main())
