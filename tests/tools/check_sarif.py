#!/usr/bin/env python3
"""Validates `telework validate --format sarif` against the SARIF 2.1.0 schema.

For each input the SARIF log must be valid under the official OASIS schema
(with the validator its `$schema` names, Draft 4, and with Draft 7), list
every catalog rule, and carry exactly the findings of `--format json`, with
the same positions, levels and root-relative, percent-encoded URIs.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import urllib.parse

import jsonschema

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checker import Checker  # noqa: E402

LEVELS = {"error": "error", "warning": "warning", "info": "note"}
# RFC 3986 relative reference (path only): no scheme, no backslash, no raw spaces.
RELATIVE_URI = re.compile(r"^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-F]{2})+$")



def run_json(telework, args):
    result = subprocess.run([telework, *args], capture_output=True, text=True, check=False)
    return result.returncode, json.loads(result.stdout)


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
    rules = driver["rules"]
    check.check([r["id"] for r in rules] == [c["rule"] for c in catalog], f"{label}: every catalog rule, in order")
    for rule, entry in zip(rules, catalog):
        check.check(rule["name"] == entry["name"] and rule["shortDescription"]["text"] == entry["summary"] and
                    rule["fullDescription"]["text"] == entry["description"] and
                    entry["citation"] in rule["help"]["text"] and entry["quote"] in rule["help"]["text"] and
                    rule["defaultConfiguration"]["level"] == LEVELS[entry["severity"]],
                    f"{label}: rule {entry['rule']} matches its catalog entry")
    check.check("%SRCROOT%" in run.get("originalUriBaseIds", {}), f"{label}: %SRCROOT% is declared")

    results = run["results"]
    findings = report["findings"]
    check.check(len(results) == len(findings), f"{label}: one result per finding",
                f"{len(results)} results, {len(findings)} findings")
    for result, finding in zip(results, findings):
        location = result["locations"][0]["physicalLocation"]
        artifact = location["artifactLocation"]
        uri = artifact["uri"]
        same = (result["ruleId"] == finding["rule"] and rules[result["ruleIndex"]]["id"] == finding["rule"] and
                result["level"] == LEVELS[finding["severity"]] and result["message"]["text"] == finding["message"] and
                location["region"] == {"startLine": finding["line"], "startColumn": finding["column"]} and
                artifact.get("uriBaseId") == "%SRCROOT%" and urllib.parse.unquote(uri) == finding["file"])
        check.check(same, f"{label}: result matches {finding['file']}:{finding['line']} {finding['rule']}",
                    json.dumps(result))
        check.check(RELATIVE_URI.match(uri) is not None and not uri.startswith("/"),
                    f"{label}: {uri!r} is a relative URI reference")
    return len(results)


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
                                        check=True).stdout)
    check = Checker()
    results = 0
    for path in options.inputs:
        results += check_input(check, telework, validators, catalog, path, ["--as-of", "2026-11-20"])

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
