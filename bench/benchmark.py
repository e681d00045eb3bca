#!/usr/bin/env python3
"""Benchmarks `telework validate` on a generated agency-sized repo against a
peer: the same files checked against the same JSON Schema by PyYAML and
python3-jsonschema (what a team would otherwise script). Prints wall time,
records per second, peak memory and the ratios, in one run.

Usage: bench/benchmark.py --telework build/src/telework [--records 20000] [--self-test]
Runs on Debian's /usr/bin/python3 with python3-yaml and python3-jsonschema.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tests", "tools"))

TEMPLATE = open(os.path.join(ROOT, "examples", "connecticut", "agreements", "audit", "okafor-adaeze.yaml"),
                encoding="utf-8").read()


def template_value(pattern):
    """The template's own value for a key, so a change of example cannot
    silently leave every generated record the same."""
    found = re.search(pattern, TEMPLATE, re.MULTILINE)
    if not found:
        raise SystemExit(f"benchmark: the template has no match for {pattern!r}")
    return found.group(1)


TEMPLATE_ID = template_value(r"^id: (\S+)$")
TEMPLATE_EMPLOYEE = template_value(r"^employee:\n  id: (\S+)$")
# Every tenth record breaks a rule (CT202: three telework days of five), so
# the run reports findings as a real repo does.
BROKEN_FROM, BROKEN_TO = "telework_days: [tue, thu]", "telework_days: [mon, tue, thu]"


def record_text(i):
    text = TEMPLATE.replace(TEMPLATE_ID, f"DRS-TW-2026-{i:06d}").replace(TEMPLATE_EMPLOYEE, f"E{i:07d}")
    if i % 10 == 0:
        text = text.replace(BROKEN_FROM, BROKEN_TO)
    return text


def generate(directory, count):
    for i in range(count):
        unit = f"unit-{i % 40:02d}"
        os.makedirs(os.path.join(directory, "agreements", unit), exist_ok=True)
        with open(os.path.join(directory, "agreements", unit, f"r{i:06d}.yaml"), "w", encoding="utf-8") as handle:
            handle.write(record_text(i))


def self_test(telework):
    """Checks the generator: distinct ids and employees, and some findings."""
    with tempfile.TemporaryDirectory() as repo:
        generate(repo, 50)
        result = subprocess.run([telework, "validate", "--format", "json", "--as-of", "2026-11-20", "--profile",
                                 "ct-gl32", repo], capture_output=True, check=False)
        report = json.loads(result.stdout)
    rules = [f["rule"] for f in report["findings"]]
    problems = []
    if report["files"] != 50:
        problems.append(f"{report['files']} files judged, not 50")
    if "TW004" in rules:
        problems.append("records share an id (TW004)")
    if rules.count("CT202") != 5:
        problems.append(f"{rules.count('CT202')} CT202 findings, not 5 (one in ten records)")
    texts = [record_text(i) for i in range(50)]
    if len({re.search(r"^employee:\n  id: (\S+)$", t, re.MULTILINE).group(1) for t in texts}) != 50:
        problems.append("records share an employee id")
    for problem in problems:
        print(f"FAIL {problem}")
    print(f"{4 - len(problems)} passed, {len(problems)} failed")
    return 1 if problems else 0


def measure(argv):
    """Runs argv once; returns its result, wall time, CPU time and its own peak RSS in MiB."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(argv, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        result = subprocess.CompletedProcess(argv, os.waitstatus_to_exitcode(status), out.read(), err.read())
    return result, elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


PEER = r"""
import json, os, sys
import jsonschema, yaml
sys.path.insert(0, sys.argv[3])
from schema_agreement import CoreLoader as loader
schema = json.load(open(sys.argv[1]))
validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
invalid = 0
for base, _, files in os.walk(sys.argv[2]):
    for name in sorted(files):
        if name.endswith(".yaml"):
            with open(os.path.join(base, name), encoding="utf-8") as handle:
                invalid += not validator.is_valid(yaml.load(handle, Loader=loader))
print(invalid)
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--telework", required=True)
    parser.add_argument("--records", type=int, default=20000)
    parser.add_argument("--self-test", action="store_true", help="only check the generated records")
    options = parser.parse_args()
    telework = os.path.abspath(options.telework)
    if options.self_test:
        return self_test(telework)
    schema = os.path.join(ROOT, "schemas", "agreement.schema.json")
    with tempfile.TemporaryDirectory() as repo:
        generate(repo, options.records)
        print(f"{options.records} records, {os.cpu_count()} cores")
        rows = []
        for label, argv in (
            ("telework validate (all cores)", [telework, "validate", "--format", "json", "--as-of", "2026-11-20",
                                               "--profile", "ct-gl32", repo]),
            ("telework validate -j 1", [telework, "validate", "-j", "1", "--format", "json", "--as-of",
                                        "2026-11-20", "--profile", "ct-gl32", repo]),
            ("peer: PyYAML + jsonschema (schema only)", ["/usr/bin/python3", "-c", PEER, schema, repo,
                                                         os.path.join(ROOT, "tests", "tools")]),
        ):
            result, elapsed, cpu, rss = measure(argv)
            if result.returncode not in (0, 1):
                print(f"{label}: failed with {result.returncode}: {result.stderr.decode()[:500]}")
                return 1
            rows.append((label, elapsed, cpu, rss))
            print(f"{label:42} {elapsed:7.2f} s wall {cpu:7.2f} s cpu {options.records / elapsed:9.0f} rec/s "
                  f"peak RSS {rss:7.1f} MiB")
        report = json.loads(subprocess.run(rows and [telework, "validate", "--format", "json", "--as-of",
                                                     "2026-11-20", "--profile", "ct-gl32", repo],
                                           capture_output=True, check=False).stdout)
        print(f"telework judged {report['files']} files with every structure and ct-gl32 rule; "
              f"{len(report['findings'])} findings")
        peer = rows[2]
        print(f"speed-up vs peer: {peer[1] / rows[0][1]:.1f}x (all cores), {peer[1] / rows[1][1]:.1f}x (one core)")
        print(f"peer peak memory / telework peak memory: {peer[3] / max(rows[0][3], 0.1):.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
