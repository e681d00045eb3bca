#!/usr/bin/env python3
"""Checks every golden JSON output against its command's schema in schemas/.

A golden case is JSON when its args ask for `--format json`; its command is
the first argument that names one. Every such case must have a schema
(schemas/COMMAND-output.schema.json, JSON Schema draft 2020-12), and its
expected.out must validate. With --telework, `telework explain --format json`
(every rule, and a name two rules share) is checked too, as no golden holds
those shapes.
"""
import argparse
import glob
import json
import os
import subprocess
import sys

import jsonschema

from checker import Checker

COMMANDS = ("validate", "check-eligibility", "expire", "report", "explain", "schema")


def case_command(args):
    """The command of a golden case whose output is JSON, else None."""
    wants_json = any(a == "--format=json" or (a == "--format" and i + 1 < len(args) and args[i + 1] == "json")
                     for i, a in enumerate(args))
    if not wants_json:
        return None
    return next((a for a in args if a in COMMANDS), None)


def load_schema(root, command):
    path = os.path.join(root, "schemas", f"{command}-output.schema.json")
    if not os.path.isfile(path):
        return None
    with open(path, encoding="utf-8") as handle:
        schema = json.load(handle)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def check_document(check, validator, text, what):
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        check.check(False, f"{what}: is JSON", str(error))
        return
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    check.check(not errors, f"{what}: matches its schema",
                "\n".join(f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}" for e in errors[:10]))
    if isinstance(document, dict):
        check.equal(list(document)[:4], ["tool", "version", "as_of", "profile"], f"{what}: starts with the envelope")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", required=True, help="repository root")
    parser.add_argument("--telework", help="also check outputs no golden holds")
    options = parser.parse_args()
    check = Checker()
    validators = {}
    checked = 0
    for args_file in sorted(glob.glob(os.path.join(options.root, "tests", "golden", "*", "args"))):
        case = os.path.dirname(args_file)
        name = os.path.basename(case)
        with open(args_file, encoding="utf-8") as handle:
            args = [line for line in handle.read().splitlines() if line]
        command = case_command(args)
        if command is None:
            continue
        with open(os.path.join(case, "expected.out"), encoding="utf-8") as handle:
            text = handle.read()
        if not text.strip():
            continue  # an error case: nothing on stdout
        if command not in validators:
            validators[command] = load_schema(options.root, command)
        validator = validators[command]
        check.check(validator is not None, f"{name}: {command} has a schema (schemas/{command}-output.schema.json)")
        if validator is not None:
            check_document(check, validator, text, name)
            checked += 1
    check.check(checked >= 10, f"{checked} golden JSON outputs checked")
    if options.telework:
        validator = load_schema(options.root, "explain")
        check.check(validator is not None, "explain has a schema (schemas/explain-output.schema.json)")
        for args in (["explain", "--format", "json"], ["explain", "signatures", "--format", "json"]):
            what = " ".join(args)
            result = subprocess.run([options.telework, *args], capture_output=True, text=True, check=False)
            check.equal(result.returncode, 0, f"{what}: exit status")
            if validator is not None:
                check_document(check, validator, result.stdout, what)
            try:
                document = json.loads(result.stdout)
            except json.JSONDecodeError:
                document = None
            rules = document.get("rules", []) if isinstance(document, dict) else []
            check.check(len(rules) >= 2, f"{what}: an object listing {len(rules)} rules under 'rules'")
    print(f"{check.passed} passed, {check.failed} failed")
    return 1 if check.failed else 0


if __name__ == "__main__":
    sys.exit(main())
