#!/usr/bin/env python3
"""Checks the rule catalog against the contract and the policy texts.

Every rule row of spec/rules.md must be listed by `telework explain` with the
same name and default severity (and no rule may be listed that the spec does
not define), and every rule's quoted policy sentence must appear word for word
in the source text it names.
"""
import argparse
import json
import os
import re
import subprocess
import sys

ROW = re.compile(r"^\|\s*((?:TW|OPM|CT)\d{3})\s*\|\s*([a-z0-9-]+)\s*\|\s*(error|warning|info)\s*\|")


def spec_rules(rules_md):
    rules = {}
    with open(rules_md, encoding="utf-8") as handle:
        for line in handle:
            match = ROW.match(line)
            if match:
                rules[match.group(1)] = (match.group(2), match.group(3))
    return rules


def normalize(text):
    text = re.sub(r"-[ \t]*\n\s*", "-", text)  # words hyphenated across lines
    text = text.replace("#", " ")             # comment markers in the format page
    return re.sub(r"\s+", " ", text).strip()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--telework", required=True)
    parser.add_argument("--shared", required=True, help="the shared/ directory with spec/ and policy/")
    options = parser.parse_args()
    expected = spec_rules(os.path.join(options.shared, "spec", "rules.md"))
    listed = json.loads(subprocess.run([options.telework, "explain", "--format", "json"], capture_output=True,
                                       text=True, check=True).stdout)["rules"]
    actual = {rule["rule"]: rule for rule in listed}
    passed = failed = 0

    def verdict(ok, text):
        nonlocal passed, failed
        print(f"{'ok  ' if ok else 'FAIL'} {text}")
        passed, failed = (passed + 1, failed) if ok else (passed, failed + 1)

    if len(expected) < 30:
        verdict(False, f"only {len(expected)} rules parsed from rules.md")
    for rule_id, (name, severity) in sorted(expected.items()):
        got = actual.get(rule_id)
        verdict(got is not None and got["name"] == name and got["severity"] == severity,
                f"{rule_id} {name} {severity}" + ("" if got else " (not in the catalog)"))
    # The rules of spec/rules.md's profiles (TW, OPM, CT) are all there; the
    # other shipped profiles' rules are listed in docs/policies.md instead.
    root_dir = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    with open(os.path.join(root_dir, "docs", "policies.md"), encoding="utf-8") as handle:
        policies_md = handle.read()
    for rule_id in sorted(set(actual) - set(expected)):
        if re.match(r"(TW|OPM|CT)\d", rule_id):
            verdict(False, f"{rule_id} is in the catalog but not in rules.md")
        else:
            verdict(rule_id in policies_md, f"{rule_id} (a profile outside rules.md) is listed in docs/policies.md")
    # Each rule cites a text shipped in the repository (docs/...), a copy of
    # the workspace's shared/ text that must not drift from it.
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    sources = {}
    for rule_id, rule in sorted(actual.items()):
        shipped = os.path.join(root, rule["source"])
        if shipped not in sources:
            original = os.path.join(options.shared, os.path.relpath(rule["source"], "docs"))
            with open(shipped, encoding="utf-8") as handle, open(original, encoding="utf-8") as other:
                text = handle.read()
                verdict(text == other.read(), f"{rule['source']} is the same as shared/{os.path.relpath(original, options.shared)}")
            sources[shipped] = normalize(text)
        quote = normalize(rule["quote"])
        verdict(bool(quote) and quote in sources[shipped], f"{rule_id} quote found in {rule['source']}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
