#!/usr/bin/env python3
"""Checks .pre-commit-hooks.yaml: valid YAML, a list of hooks, each with the
keys pre-commit requires (id, name, entry, language) and only keys it knows,
ids unique, regexes that compile (pre-commit uses Python's re), and every
entry a telework command whose options `telework COMMAND --help` lists.
Debian's /usr/bin/python3 with python3-yaml."""
import argparse
import os
import re
import shlex
import subprocess
import sys

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_manpage import commands_in, options_in  # noqa: E402
from checker import Checker  # noqa: E402

REQUIRED = {"id", "name", "entry", "language"}
# pre-commit's manifest schema (pre_commit/clientlib.py, MANIFEST_HOOK_DICT).
KNOWN = REQUIRED | {
    "alias", "files", "exclude", "types", "types_or", "exclude_types", "additional_dependencies", "args",
    "always_run", "fail_fast", "pass_filenames", "description", "language_version", "log_file",
    "minimum_pre_commit_version", "require_serial", "stages", "verbose",
}
STAGES = {"commit-msg", "post-checkout", "post-commit", "post-merge", "post-rewrite", "pre-commit",
          "pre-merge-commit", "pre-push", "pre-rebase", "prepare-commit-msg", "manual"}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--telework", required=True)
    parser.add_argument("--hooks", required=True, help=".pre-commit-hooks.yaml")
    options = parser.parse_args()
    check = Checker()

    with open(options.hooks, encoding="utf-8") as handle:
        hooks = yaml.safe_load(handle)
    check.check(isinstance(hooks, list) and len(hooks) >= 1, "the file is a YAML list of hooks", repr(hooks)[:200])
    if not isinstance(hooks, list):
        print(f"{check.passed} passed, {check.failed} failed")
        return 1
    top_help = subprocess.run([options.telework, "--help"], capture_output=True, text=True, check=False).stdout
    commands = commands_in(top_help)
    global_options = options_in(top_help)
    ids = [hook.get("id") for hook in hooks if isinstance(hook, dict)]
    check.equal(len(set(ids)), len(hooks), "hook ids are unique")
    check.check("telework-validate" in ids, "there is a telework-validate hook", str(ids))
    for hook in hooks:
        if not isinstance(hook, dict):
            check.check(False, "each hook is a mapping", repr(hook))
            continue
        name = hook.get("id", "?")
        missing = REQUIRED - set(hook)
        check.check(not missing, f"{name}: has {sorted(REQUIRED)}", f"missing {sorted(missing)}")
        unknown = set(hook) - KNOWN
        check.check(not unknown, f"{name}: only keys pre-commit knows", f"unknown {sorted(unknown)}")
        for key in REQUIRED & set(hook):
            check.check(isinstance(hook[key], str) and hook[key].strip(), f"{name}: {key} is a non-empty string")
        check.equal(hook.get("language"), "system", f"{name}: language system (runs the installed telework)")
        for key in ("files", "exclude"):
            if key in hook:
                try:
                    re.compile(hook[key])
                    check.check(True, f"{name}: {key} compiles")
                except re.error as error:
                    check.check(False, f"{name}: {key} compiles", str(error))
        for key in ("always_run", "pass_filenames", "require_serial"):
            if key in hook:
                check.check(isinstance(hook[key], bool), f"{name}: {key} is a boolean")
        if "stages" in hook:
            check.check(isinstance(hook["stages"], list) and set(hook["stages"]) <= STAGES, f"{name}: known stages",
                        str(hook["stages"]))
        words = shlex.split(hook.get("entry", ""))
        check.check(len(words) >= 2 and words[0] == "telework" and words[1] in commands,
                    f"{name}: entry runs a telework command", str(words))
        if len(words) >= 2 and words[1] in commands:
            command_help = subprocess.run([options.telework, words[1], "--help"], capture_output=True, text=True,
                                          check=False).stdout
            known = set(options_in(command_help)) | set(global_options)
            for word in words[2:]:
                if word.startswith("-"):
                    check.check(word.split("=")[0] in known, f"{name}: {word} is an option of telework {words[1]}")
    validate = next((hook for hook in hooks if isinstance(hook, dict) and hook.get("id") == "telework-validate"), {})
    pattern = re.compile(validate.get("files", "^$"))
    check.check(pattern.search("agreements/a.yaml") and pattern.search("b.yml") and not pattern.search("telework.toml"),
                "telework-validate: files matches .yaml and .yml records only")
    exclude = re.compile(validate.get("exclude", "^$"))
    check.check(not exclude.search("agreements/a.yaml") and exclude.search(".pre-commit-config.yaml"),
                "telework-validate: exclude keeps records, leaves out pre-commit's own file")
    print(f"{check.passed} passed, {check.failed} failed")
    return 1 if check.failed else 0


if __name__ == "__main__":
    sys.exit(main())
