#!/usr/bin/env python3
"""Checks when text output is coloured: on a terminal by default, never when
NO_COLOR is set or output is piped, always with --color always.

Runs the binary under a pseudo-terminal (the pty module), as a person would.
"""
import argparse
import os
import pty
import subprocess
import sys

ESC = b"\x1b["


def on_terminal(argv, env):
    output = bytearray()

    def read(fd):
        data = os.read(fd, 65536)
        output.extend(data)
        return data

    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        pty.spawn(argv, read)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return bytes(output)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--telework", required=True)
    parser.add_argument("file")
    options = parser.parse_args()
    base_env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    argv = [options.telework, "validate", "--as-of", "2026-11-20", options.file]
    cases = [
        ("terminal, default", on_terminal(argv, base_env), True),
        ("terminal, NO_COLOR=1", on_terminal(argv, {**base_env, "NO_COLOR": "1"}), False),
        ("terminal, --color never", on_terminal(argv + ["--color", "never"], base_env), False),
        ("pipe, default", subprocess.run(argv, capture_output=True, env=base_env, check=False).stdout, False),
        ("pipe, --color always", subprocess.run(argv + ["--color", "always"], capture_output=True, env=base_env,
                                                check=False).stdout, True),
    ]
    failed = 0
    for name, output, coloured in cases:
        has_findings = b"error" in output
        ok = has_findings and ((ESC in output) == coloured)
        failed += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {'colour' if ESC in output else 'no colour'}"
              f"{'' if has_findings else ' (no findings printed!)'}")
    print(f"{len(cases) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
