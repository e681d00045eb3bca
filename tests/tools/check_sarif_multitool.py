#!/usr/bin/env python3
"""Runs Microsoft's SARIF validator on `telework validate --format sarif` (issue 11, item 7).

`Sarif.Multitool validate --rule-kind "Sarif;Ghas"` (the SARIF rules and the
GitHub Advanced Security rule set; "Gh" is its older name) must report no
error and no warning for any input. The tool comes from npm
(@microsoft/sarif-multitool, a self-contained executable: no dotnet needed);
it is installed once into --cache-dir. Without npm, or when the install
fails (no network), the test is skipped with a message (exit status 77).
A log the validator must reject proves it ran.
"""
import argparse
import glob
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checker import Checker  # noqa: E402

SKIP = 77
PACKAGE = "@microsoft/sarif-multitool"


def find_multitool(cache_dir):
    """The Sarif.Multitool executable, installed into cache_dir when it is not there yet; None to skip."""
    override = os.environ.get("TELEWORK_SARIF_MULTITOOL")
    if override:
        return override

    def installed():
        found = glob.glob(os.path.join(cache_dir, "node_modules", "@microsoft", "sarif-multitool-*", "Sarif.Multitool"))
        return found[0] if found else None

    tool = installed()
    if not tool:
        npm = shutil.which("npm")
        if not npm:
            print(f"SKIP: npm is not installed, so {PACKAGE} cannot be fetched")
            return None
        os.makedirs(cache_dir, exist_ok=True)
        try:
            result = subprocess.run([npm, "install", "--no-audit", "--no-fund", "--prefix", cache_dir, PACKAGE],
                                    capture_output=True, text=True, check=False, timeout=600)
        except subprocess.TimeoutExpired:
            print(f"SKIP: npm install {PACKAGE} timed out (is the npm registry reachable?)")
            return None
        tool = installed()
        if result.returncode != 0 or not tool:
            print(f"SKIP: npm install {PACKAGE} failed (is the npm registry reachable?):\n{result.stderr[-2000:]}")
            return None
    # npm may not run the package's postinstall (chmod u+x).
    mode = os.stat(tool).st_mode
    if not mode & stat.S_IXUSR:
        os.chmod(tool, mode | stat.S_IXUSR)
    return tool


def validate(tool, log_path, tmp):
    """The validator's results: (ruleId, level, message) for errors and warnings."""
    out = os.path.join(tmp, "validation.sarif")
    if os.path.exists(out):
        os.remove(out)
    result = subprocess.run([tool, "validate", "--rule-kind", "Sarif;Ghas", "--level", "Error;Warning",
                             "-o", out, log_path], capture_output=True, text=True, check=False, timeout=300)
    if not os.path.exists(out):
        raise RuntimeError(f"the validator wrote no log (exit status {result.returncode}):\n"
                           f"{result.stdout[-2000:]}{result.stderr[-2000:]}")
    with open(out, encoding="utf-8-sig") as handle:
        log = json.load(handle)
    found = []
    for run in log.get("runs", []):
        for r in run.get("results", []):
            level = r.get("level", "warning")
            if level in ("error", "warning"):
                message = r.get("message", {})
                found.append((r.get("ruleId"), level,
                              message.get("text") or f"{message.get('id')} {message.get('arguments', [])}"))
        for invocation in run.get("invocations", []):
            for n in invocation.get("toolExecutionNotifications", []) + \
                    invocation.get("toolConfigurationNotifications", []):
                if n.get("level", "warning") == "error":
                    found.append(("notification", "error", n.get("message", {}).get("text", "")))
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--telework", required=True)
    parser.add_argument("--cache-dir", required=True, help="where npm installs the validator")
    parser.add_argument("inputs", nargs="+", help="paths to validate, relative to the current directory")
    options = parser.parse_args()
    tool = find_multitool(os.path.abspath(options.cache_dir))
    if not tool:
        return SKIP
    telework = os.path.abspath(options.telework)
    check = Checker()
    with tempfile.TemporaryDirectory() as tmp:
        for path in options.inputs:
            result = subprocess.run([telework, "validate", path, "--as-of", "2026-11-20", "--format", "sarif"],
                                    capture_output=True, text=True, check=False)
            log_path = os.path.join(tmp, "telework.sarif")
            with open(log_path, "w", encoding="utf-8") as handle:
                handle.write(result.stdout)
            found = validate(tool, log_path, tmp)
            check.check(not found, f"{path}: no errors or warnings from Sarif.Multitool (Sarif;Ghas)",
                        "\n     ".join(f"{rule} {level}: {text}" for rule, level, text in found[:10]))
            check.check(json.loads(result.stdout)["runs"][0]["results"] or path.endswith("federal"),
                        f"{path}: the log has results to validate")
        # A broken log (a location with neither URI nor index) must be flagged.
        log = json.loads(result.stdout)
        log["runs"][0]["results"] = [{"ruleId": "TW001", "message": {"text": "x"},
                                      "locations": [{"physicalLocation": {"artifactLocation": {}}}]}]
        with open(log_path, "w", encoding="utf-8") as handle:
            json.dump(log, handle)
        found = validate(tool, log_path, tmp)
        check.check(any(level == "error" for _, level, _ in found), "the validator flags a broken log", repr(found))
    print(f"{check.passed} passed, {check.failed} failed")
    return 1 if check.failed else 0


if __name__ == "__main__":
    sys.exit(main())
