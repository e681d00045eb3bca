#!/usr/bin/env python3
"""Prove that schemas/agreement.schema.json and telework's decoder agree.

Usage: schema_agreement.py --telework BIN --schema SCHEMA FILE_OR_DIR...

Every *.yaml/*.yml file is judged twice: by `telework validate` (valid = no
TW002 finding) and by the JSON Schema (draft 2020-12, with format checking) on
the document as a YAML 1.2 core-schema loader reads it. Files that telework
rejects as YAML (TW001, TW003, TW007), that this loader cannot read, or that
use anchors/aliases are skipped. Runs on Debian's python3 with python3-yaml
and python3-jsonschema (4.10).
"""

import argparse
import json
import os
import re
import subprocess
import tempfile
import sys

import jsonschema
import yaml

AS_OF = "2026-11-20"
PROFILE = "opm"
SKIP_RULES = {"TW001", "TW003", "TW007"}
SCHEMA_RULE = "TW002"
YAML_SUFFIXES = (".yaml", ".yml")
MIN_COMPARED = 3


class CoreLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 core-schema scalar resolution, as telework's decoder.

    Only null, true/false and decimal integers are resolved; everything else
    (yes/no/on/off, True, dates, times, floats) stays a string.
    """

    yaml_implicit_resolvers = {}


def _construct_decimal_int(loader, node):
    return int(loader.construct_scalar(node), 10)


CoreLoader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
CoreLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), ["t", "f"])
CoreLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
CoreLoader.add_constructor("tag:yaml.org,2002:int", _construct_decimal_int)


def die(message):
    print(f"error: {message}", file=sys.stderr)
    sys.exit(2)


def collect_files(paths):
    """All YAML files given directly or found under the given directories, sorted."""
    found = set()
    for path in paths:
        if os.path.isdir(path):
            for root, _dirs, names in os.walk(path):
                found.update(os.path.join(root, n) for n in names if n.endswith(YAML_SUFFIXES))
        elif os.path.isfile(path):
            found.add(path)
        else:
            die(f"no such file or directory: {path}")
    return sorted(found)


def rel(path):
    return os.path.relpath(path).replace(os.sep, "/")


def load_yaml(path):
    """Return (document, None), or (None, reason) when this loader must not judge it."""
    try:
        with open(path, "rb") as f:
            data = f.read()
        for event in yaml.parse(data, Loader=CoreLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return None, "anchors/aliases"
        return yaml.load(data, Loader=CoreLoader), None
    except (OSError, yaml.YAMLError, ValueError, RecursionError) as e:
        return None, "not loadable: " + " ".join(str(e).split())


def run_telework(binary, files):
    """Run `telework validate` once; return {relative path: [findings]}."""
    # Files of several repos in one run: an empty configuration, so that
    # none of their telework.toml files applies and every file gets PROFILE.
    with tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False) as empty:
        config = empty.name
    argv = [binary, "validate", "--format", "json", "--as-of", AS_OF, "--profile", PROFILE, "--config", config, *files]
    try:
        proc = subprocess.run(argv, capture_output=True, text=True, check=False)
    except OSError as e:
        die(f"cannot run {binary}: {e}")
    finally:
        os.unlink(config)
    if proc.returncode not in (0, 1):
        die(f"telework exited {proc.returncode}\n{proc.stderr.strip()}")
    try:
        findings = json.loads(proc.stdout)["findings"]
    except (ValueError, KeyError, TypeError) as e:
        die(f"telework printed no findings JSON ({e})\n{proc.stdout[:500]}")
    by_file = {}
    for finding in findings:
        by_file.setdefault(finding.get("file"), []).append(finding)
    return by_file


def schema_error(validator, doc):
    error = jsonschema.exceptions.best_match(validator.iter_errors(doc))
    return f"{error.json_path}: {error.message}"


def tw002_messages(findings):
    return "; ".join(f"{f.get('line')}:{f.get('column')} {f.get('message', '')}"
                     for f in findings if f.get("rule") == SCHEMA_RULE)


def compare(files, by_file, validator):
    """Print one line per file; return (passed, failed, valid_count, invalid_count)."""
    passed = failed = valid = invalid = 0
    for path in files:
        name = rel(path)
        findings = by_file.get(name, [])
        yaml_rules = sorted({f.get("rule") for f in findings} & SKIP_RULES)
        doc, reason = (None, ", ".join(yaml_rules)) if yaml_rules else load_yaml(path)
        if reason:
            print(f"skip {name}: {reason}")
            continue
        telework_valid = not any(f.get("rule") == SCHEMA_RULE for f in findings)
        schema_valid = validator.is_valid(doc)
        if telework_valid == schema_valid:
            passed += 1
            valid += schema_valid
            invalid += not schema_valid
            print(f"ok   {'valid  ' if schema_valid else 'invalid'} {name}")
            continue
        failed += 1
        words = {True: "valid", False: "invalid"}
        print(f"MISMATCH {name}: telework says {words[telework_valid]}, "
              f"schema says {words[schema_valid]}")
        detail = tw002_messages(findings) if schema_valid else schema_error(validator, doc)
        print(f"    {detail}")
    return passed, failed, valid, invalid


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--telework", required=True, help="the telework binary")
    parser.add_argument("--schema", required=True, help="agreement.schema.json")
    parser.add_argument("paths", nargs="+", metavar="FILE_OR_DIR")
    args = parser.parse_args(argv)

    try:
        with open(args.schema, encoding="utf-8") as f:
            schema = json.load(f)
        jsonschema.Draft202012Validator.check_schema(schema)
    except (OSError, ValueError, jsonschema.exceptions.SchemaError) as e:
        die(f"bad schema {args.schema}: {e}")
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())

    files = collect_files(args.paths)
    if not files:
        die("no *.yaml/*.yml files found")
    by_file = run_telework(args.telework, files)
    passed, failed, valid, invalid = compare(files, by_file, validator)

    guards_ok = True
    if passed + failed < MIN_COMPARED:
        print(f"FAIL: only {passed + failed} files compared (need at least {MIN_COMPARED})")
        guards_ok = False
    if not valid or not invalid:
        print(f"FAIL: vacuous comparison: {valid} agreed valid, {invalid} agreed invalid "
              "(need at least one of each)")
        guards_ok = False
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 and guards_ok else 1


if __name__ == "__main__":
    sys.exit(main())
