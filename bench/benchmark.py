#!/usr/bin/env python3
"""Benchmarks `telework validate` on a generated agency-sized repo against a
peer: the same files checked against the same JSON Schema by PyYAML and
python3-jsonschema (what a team would otherwise script). Prints wall time,
records per second, peak memory and the ratios, in one run.

Usage: bench/benchmark.py --telework build/src/telework [--records 20000]
Runs on Debian's /usr/bin/python3 with python3-yaml and python3-jsonschema.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tests", "tools"))

TEMPLATE = open(os.path.join(ROOT, "examples", "connecticut", "agreements", "audit", "okafor-adaeze.yaml"),
                encoding="utf-8").read()


def generate(directory, count):
    for i in range(count):
        unit = f"unit-{i % 40:02d}"
        os.makedirs(os.path.join(directory, "agreements", unit), exist_ok=True)
        text = TEMPLATE.replace("DRS-TW-2026-0107", f"DRS-TW-2026-{i:06d}").replace("E204117", f"E{i:07d}")
        with open(os.path.join(directory, "agreements", unit, f"r{i:06d}.yaml"), "w", encoding="utf-8") as handle:
            handle.write(text)


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
    options = parser.parse_args()
    telework = os.path.abspath(options.telework)
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
