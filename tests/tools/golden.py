#!/usr/bin/env python3
"""Runs the telework binary for one golden case and compares its output.

A case is a directory holding:
  args             the command line after the binary, one argument per line
  expected.out     exact standard output
  expected.exit    exact exit status
  expected.err     (optional) exact standard error
  cwd              (optional) directory to run in, relative to the repo root
With --update the expected files are rewritten from the actual run.
"""
import argparse
import difflib
import os
import subprocess
import sys


def read(path, default=None):
    if not os.path.exists(path):
        return default
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def run_case(telework, case, root, update):
    args = [line for line in read(os.path.join(case, "args")).splitlines() if line]
    cwd = os.path.join(root, (read(os.path.join(case, "cwd"), "") or "").strip())
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env.update(read_env(case))
    # Bytes, not text mode: line ends (CRLF in CSV and iCalendar) are part of the contract.
    result = subprocess.run([telework] + args, cwd=cwd, env=env, capture_output=True,
                            stdin=subprocess.DEVNULL, check=False)
    stdout, stderr = result.stdout.decode("utf-8"), result.stderr.decode("utf-8")
    actual = {"expected.out": stdout, "expected.exit": f"{result.returncode}\n"}
    if os.path.exists(os.path.join(case, "expected.err")) or update and stderr:
        actual["expected.err"] = stderr
    if update:
        for name, text in actual.items():
            with open(os.path.join(case, name), "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
        return []
    problems = []
    for name, text in actual.items():
        expected = read(os.path.join(case, name))
        if expected is None:
            problems.append(f"{name}: missing (run with --update to create it)")
        elif expected != text:
            diff = difflib.unified_diff(expected.splitlines(True), text.splitlines(True),
                                        f"{name} (expected)", f"{name} (actual)")
            problems.append("".join(diff))
    return problems


def read_env(case):
    env = {}
    for line in (read(os.path.join(case, "env"), "") or "").splitlines():
        if "=" in line:
            key, value = line.split("=", 1)
            env[key] = value
    return env


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--telework", required=True)
    parser.add_argument("--root", required=True, help="repository root")
    parser.add_argument("--update", action="store_true")
    parser.add_argument("cases", nargs="+")
    options = parser.parse_args()
    failed = 0
    for case in options.cases:
        problems = run_case(os.path.abspath(options.telework), case, options.root, options.update)
        name = os.path.basename(os.path.normpath(case))
        if problems:
            failed += 1
            print(f"FAIL {name}")
            for problem in problems:
                print(problem)
        else:
            print(f"ok   {name}")
    print(f"{len(options.cases) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
