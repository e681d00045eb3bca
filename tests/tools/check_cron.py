#!/usr/bin/env python3
"""Runs examples/cron/telework-nightly.sh under a fake date (TELEWORK_AS_OF)
on an example repo, with a fake `mail` first on PATH that records each call.

Checks, against `telework expire` run directly with the same date: the exit
status, the output file (written where TELEWORK_OUTPUT says, relative to where
the script started), and that mail was called once with the list when
something is due and a recipient is set, and not at all otherwise; failures
(a missing repo, a bad TELEWORK_WITHIN) exit 2 or 3 and mail telework's error.
The script runs under /bin/sh (dash on Debian), as cron and systemd run it.
Debian's /usr/bin/python3, standard library only.
"""
import argparse
import glob
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checker import Checker  # noqa: E402

FAKE_MAIL = """#!/bin/sh
# Records one call: its arguments, one a line, and the message on stdin.
call="$FAKE_MAIL_DIR/call.$$"
printf '%s\\n' "$@" >"$call.args"
cat >"$call.body"
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--telework", required=True)
    parser.add_argument("--script", required=True, help="examples/cron/telework-nightly.sh")
    parser.add_argument("--repo", required=True, help="an agreements repo with expired or due agreements")
    parser.add_argument("--as-of", required=True, help="a day on which something in the repo is due")
    parser.add_argument("--scratch", required=True, help="a directory for the test's files (emptied first)")
    options = parser.parse_args()
    telework = os.path.abspath(options.telework)
    script = os.path.abspath(options.script)
    repo = os.path.abspath(options.repo)
    check = Checker()

    shutil.rmtree(options.scratch, ignore_errors=True)
    os.makedirs(options.scratch)
    scratch = os.path.abspath(tempfile.mkdtemp(dir=options.scratch))
    bin_dir = os.path.join(scratch, "bin")
    os.makedirs(bin_dir)
    # Created executable, never changed afterwards.
    descriptor = os.open(os.path.join(bin_dir, "mail"), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o755)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(FAKE_MAIL)

    def direct(*arguments):
        result = subprocess.run([telework, "expire", *arguments], cwd=repo, capture_output=True, text=True, check=False)
        return result.returncode, result.stdout

    def nightly(name, environment, repo_argument=repo, cwd=None):
        mail_dir = os.path.join(scratch, name, "mail")
        work = os.path.join(scratch, name, "work")
        os.makedirs(mail_dir)
        os.makedirs(work)
        env = {key: value for key, value in os.environ.items() if not key.startswith("TELEWORK")}
        env.update(PATH=bin_dir + os.pathsep + env.get("PATH", "/usr/bin:/bin"), FAKE_MAIL_DIR=mail_dir,
                   TELEWORK=telework, **environment)
        result = subprocess.run(["/bin/sh", script, repo_argument], cwd=cwd or work, env=env,
                                capture_output=True, text=True, check=False)
        calls = []
        for args_file in sorted(glob.glob(os.path.join(mail_dir, "call.*.args"))):
            with open(args_file, encoding="utf-8") as handle:
                arguments = handle.read().splitlines()
            with open(args_file[: -len(".args")] + ".body", encoding="utf-8") as handle:
                calls.append((arguments, handle.read()))
        return result, calls, work

    def read(path):
        try:
            with open(path, encoding="utf-8") as handle:
                return handle.read()
        except OSError:
            return None

    expected_status, expected_list = direct("--as-of", options.as_of, "--fail-on", "due")
    check.equal(expected_status, 1, f"telework expire --as-of {options.as_of} --fail-on due lists something (exit 1)")
    never_status, _ = direct("--as-of", options.as_of, "--fail-on", "never")
    check.equal(never_status, 0, "telework expire --fail-on never exits 0")
    _, today_list = direct("--fail-on", "due")
    check.check(today_list != expected_list, "the fake date changes the list (else the date would go untested)")

    # Something due, a recipient: exit 1, the list in the file and in one mail.
    result, calls, work = nightly("due-mailed", {"TELEWORK_AS_OF": options.as_of, "TELEWORK_MAIL_TO": "hr@agency.example",
                                                 "TELEWORK_OUTPUT": "renewals.txt"})
    check.equal(result.returncode, expected_status, "due, mailed: the script exits as telework does")
    check.equal(read(os.path.join(work, "renewals.txt")), expected_list,
                "due, mailed: the output file (relative to where the script started) holds the list")
    check.check(len(calls) == 1, "due, mailed: mail is called once", f"{len(calls)} calls; {result.stderr}")
    if calls:
        arguments, body = calls[0]
        check.check(arguments[:1] == ["-s"] and arguments[-1:] == ["hr@agency.example"],
                    "due, mailed: mail -s SUBJECT RECIPIENT", str(arguments))
        check.check(len(arguments) == 3 and options.as_of in arguments[1], "due, mailed: the subject names the day",
                    str(arguments))
        check.equal(body, expected_list, "due, mailed: the mail is the list")

    # Something due, nobody to mail: exit 1, the file, no mail.
    output = os.path.join(scratch, "absolute-renewals.txt")
    result, calls, _ = nightly("due-unmailed", {"TELEWORK_AS_OF": options.as_of, "TELEWORK_OUTPUT": output})
    check.equal(result.returncode, 1, "due, no recipient: exit status 1")
    check.equal(read(output), expected_list, "due, no recipient: the output file (absolute path) holds the list")
    check.equal(calls, [], "due, no recipient: mail is not called")

    # The same day with --fail-on never: nothing needs attention, no mail.
    result, calls, _ = nightly("never", {"TELEWORK_AS_OF": options.as_of, "TELEWORK_FAIL_ON": "never",
                                         "TELEWORK_OUTPUT": "list.txt", "TELEWORK_MAIL_TO": "hr@agency.example"})
    check.check(result.returncode == 0, "--fail-on never: exit status 0", f"exit status {result.returncode}; {result.stderr}")
    check.equal(calls, [], "--fail-on never: mail is not called")

    # --within 0 keeps only what is expired or due today: the script passes it on.
    within_status, within_list = direct("--as-of", options.as_of, "--fail-on", "due", "--within", "0")
    result, calls, work = nightly("within", {"TELEWORK_AS_OF": options.as_of, "TELEWORK_WITHIN": "0",
                                             "TELEWORK_OUTPUT": "list.txt", "TELEWORK_MAIL_TO": "hr@agency.example"})
    check.equal(result.returncode, within_status, "TELEWORK_WITHIN=0: the exit status telework gives")
    check.equal(read(os.path.join(work, "list.txt")), within_list, "TELEWORK_WITHIN=0: the list telework gives")
    check.equal(len(calls), 1 if within_status == 1 else 0, "TELEWORK_WITHIN=0: mail only when something is listed")

    # Failures: telework's error is mailed, the status kept.
    result, calls, _ = nightly("bad-within", {"TELEWORK_AS_OF": options.as_of, "TELEWORK_WITHIN": "soon",
                                              "TELEWORK_OUTPUT": "list.txt", "TELEWORK_MAIL_TO": "hr@agency.example"})
    check.check(result.returncode == 2, "TELEWORK_WITHIN=soon: exit status 2 (usage)", f"exit status {result.returncode}; {result.stderr}")
    check.equal(len(calls), 1, "TELEWORK_WITHIN=soon: the failure is mailed")
    if calls:
        arguments, body = calls[0]
        check.check("FAILED" in " ".join(arguments) and "soon" in body, "TELEWORK_WITHIN=soon: the mail has the error",
                    f"{arguments} {body!r}")
    result, calls, _ = nightly("no-repo", {"TELEWORK_AS_OF": options.as_of, "TELEWORK_OUTPUT": "list.txt",
                                           "TELEWORK_MAIL_TO": "hr@agency.example"},
                               repo_argument=os.path.join(scratch, "no-such-repo"))
    check.check(result.returncode == 3, "a missing repo: exit status 3", f"exit status {result.returncode}; {result.stderr}")
    check.equal(len(calls), 1, "a missing repo: the failure is mailed")

    return check.finish(options.scratch)


if __name__ == "__main__":
    sys.exit(main())
