#!/usr/bin/env python3
"""Feeds telework hostile files and checks each yields one clean finding.

The files are generated in a temporary directory (a 50 MB file does not
belong in the repository). The run must not crash (exit status 0-3), and each
file must get exactly the expected rule, while the good file beside them
still gets judged.
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile

GOOD = """format: 1
id: TW-2026-0001
status: proposed
type: routine
agency: Bureau of the Fiscal Service
employee: {id: E1, name: Ana Lima, position: Accountant}
supervisor: {name: Robert Smith}
manager: {name: Alice Brown}
"""


def billion_laughs():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    names = "abcdefghij"
    for prev, name in zip(names, names[1:]):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def cases():
    rng = random.Random(20261124)
    return {
        "nested-brackets.yaml": ("a: " + "[" * 100_000 + "\n", "TW007"),
        "billion-laughs.yaml": (billion_laughs(), "TW007"),
        "huge.yaml": (None, "TW007"),  # written separately: 50 MB
        "random-bytes.yaml": (bytes(rng.randrange(256) for _ in range(65536)), "TW001"),
        "empty.yaml": ("", "TW001"),
        "two-documents.yaml": (GOOD + "---\n" + GOOD, "TW001"),
        "bom.yaml": ("\ufeff" + GOOD.replace("0001", "0002").replace("status: proposed", "status: maybe"), "TW002"),
        "crlf.yaml": (GOOD.replace("0001", "0003").replace("\n", "\r\n").replace("type: routine", "type: sometimes"),
                      "TW002"),
        "nested-maps.yaml": ("a:\n" + "".join("  " * i + f" k{i}:\n" for i in range(1, 200)), "TW007"),
        "good.yaml": (GOOD, None),
    }


def write_files(directory):
    expected = {}
    for name, (content, rule) in cases().items():
        path = os.path.join(directory, name)
        if name == "huge.yaml":
            with open(path, "wb") as handle:
                line = b"key: " + b"x" * 1019 + b"\n"
                for _ in range(50 * 1024):
                    handle.write(line)
        else:
            data = content if isinstance(content, bytes) else content.encode("utf-8")
            with open(path, "wb") as handle:
                handle.write(data)
        expected[name] = rule
    return expected


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--telework", required=True)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        expected = write_files(directory)
        result = subprocess.run([options.telework, "validate", "--format", "json", "--as-of", "2026-11-20",
                                 directory], capture_output=True, text=True, stdin=subprocess.DEVNULL, check=False)
        if result.returncode not in (0, 1):
            print(f"FAIL exit status {result.returncode}\n{result.stderr}")
            print("0 passed, 1 failed")
            return 1
        report = json.loads(result.stdout)
        by_file = {}
        for finding in report["findings"]:
            by_file.setdefault(os.path.basename(finding["file"]), []).append(finding["rule"])
        passed = failed = 0
        for name, rule in sorted(expected.items()):
            got = by_file.get(name, [])
            ok = got == ([rule] if rule else [])
            print(f"{'ok  ' if ok else 'FAIL'} {name}: expected {rule or 'no finding'}, got {got or 'no finding'}")
            passed, failed = (passed + 1, failed) if ok else (passed, failed + 1)
        if report["files"] != len(expected):
            print(f"FAIL files checked: {report['files']}, expected {len(expected)}")
            failed += 1
        print(f"{passed} passed, {failed} failed")
        return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
