#!/usr/bin/env python3
"""Checks the command line as a user meets it (issue 11 item 14): every
command's help ends with the global options, `telework help COMMAND` works,
the usage hint follows usage errors only, every enumerated value gets a
"did you mean", and '-' reads one record from standard input under the name
--stdin-filename gives, judged under that file's telework.toml."""
import argparse
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checker import Checker  # noqa: E402
from hostile_inputs import GOOD as RECORD  # noqa: E402

HINT = "Run 'telework --help' for usage."
AS_OF = ["--as-of", "2026-11-20"]


def run(telework, args, cwd=None, stdin=b""):
    result = subprocess.run([telework, *args], cwd=cwd, input=stdin, capture_output=True, check=False)
    return result.returncode, result.stdout.decode("utf-8", "replace"), result.stderr.decode("utf-8", "replace")


def check_help(check, telework):
    status, out, _ = run(telework, ["--help"])
    commands = [line.split()[0] for line in out.split("Subcommands:")[1].splitlines() if line.strip()]
    check.check(len(commands) >= 6, "telework --help lists the commands", out)
    for command in commands:
        _, own, _ = run(telework, [command, "--help"])
        for option in ("--config FILE", "--as-of DATE", "--format FMT", "-o,--output FILE", "--stdin-filename NAME"):
            check.check(option in own, f"{command} --help lists the global option {option}")
        listed = re.search(r"--format FMT\s+output format: (\S+) \(the default\)((?:, \S+)*)", own)
        check.check(listed is not None, f"{command} --help lists its formats", own)
        if listed:
            formats = [listed.group(1)] + [f for f in listed.group(2).split(", ") if f]
            _, _, err = run(telework, [command, "--format", "nope"])
            check.check("expected one of " + ", ".join(formats) in err,
                        f"{command}: the formats its help lists are the ones it takes", err)
        status, via_help, _ = run(telework, ["help", command])
        check.equal((status, via_help), (0, own), f"telework help {command} prints {command} --help")
    status, _, err = run(telework, ["help", "expir"])
    check.equal(status, 2, "telework help expir: exit 2")
    check.check("did you mean 'expire'" in err, "telework help expir: did you mean", err)


def check_hints(check, telework, home):
    status, _, err = run(telework, ["validate", "--fail-levl", "error"])
    check.check(status == 2 and HINT in err, "a usage error ends with the usage hint", err)
    config = os.path.join(home, "bad.toml")
    with open(config, "w", encoding="utf-8") as handle:
        handle.write("[telework]\nprofile = \"opn\"\n")
    status, _, err = run(telework, ["validate", "--config", config, home, *AS_OF])
    check.check(status == 2 and "unknown profile" in err and HINT not in err,
                "a configuration error has no usage hint", err)
    status, _, err = run(telework, ["report", home, *AS_OF, "-o", home])
    check.check(status == 2 and HINT not in err, "an output error has no usage hint", err)


def check_suggestions(check, telework, home):
    cases = [
        (["report", "--by", "unitt"], "--by: 'unitt' is not one of agency, unit, supervisor, type (did you mean 'unit'?)"),
        (["expire", "--fail-on", "expird"], "--fail-on: 'expird' is not one of expired, due, never (did you mean 'expired'?)"),
        (["expire", "--by", "supervsor"], "(did you mean 'supervisor'?)"),
        (["validate", "--color", "alwys"], "--color: 'alwys' is not one of auto, always, never (did you mean 'always'?)"),
        (["validate", "--fail-level", "eror"], "(did you mean 'error'?)"),
        (["expire", "--within", "abc"], "--within: 'abc' is not a whole number from 0 to 3660"),
        (["validate", "--jobs", "0"], "--jobs: '0' is not a whole number from 1 to 1024"),
    ]
    for args, words in cases:
        status, _, err = run(telework, [*args, home, *AS_OF])
        check.check(status == 2 and words in err, f"{' '.join(args)}: {words}", err)
    config = os.path.join(home, "severity.toml")
    with open(config, "w", encoding="utf-8") as handle:
        handle.write("[rules]\nCT201 = \"eror\"\n")
    status, _, err = run(telework, ["validate", "--config", config, home, *AS_OF])
    check.check(status == 2 and "(did you mean \"error\"?)" in err, "a misspelt severity in telework.toml: did you mean",
                err)




def check_stdin(check, telework, home):
    repo = os.path.join(home, "repo")
    os.makedirs(os.path.join(repo, "agreements"))
    with open(os.path.join(repo, "telework.toml"), "w", encoding="utf-8") as handle:
        handle.write("[rules]\nTW002 = \"warning\"\n")
    text = (RECORD + "nickname: Ana\n").encode()
    status, out, err = run(telework, ["validate", "-", *AS_OF], cwd=home, stdin=text)
    check.check(status == 1 and out.startswith("<stdin>:9:1: error: unknown key 'nickname'"),
                "'-' reads a record from standard input as <stdin>", out + err)
    name = os.path.join(repo, "agreements", "new.yaml")
    status, out, err = run(telework, ["validate", "-", "--stdin-filename", name, *AS_OF], cwd=repo, stdin=text)
    check.check(status == 0 and out.startswith("agreements/new.yaml:9:1: warning: unknown key 'nickname'"),
                "--stdin-filename names the record and finds its telework.toml", out + err)
    check.check(not os.path.exists(name), "--stdin-filename creates no file")
    status, out, err = run(telework, ["validate", "-", *AS_OF], cwd=home, stdin=b"a: " + b"x" * (1024 * 1024 + 10))
    check.check(status == 1 and "TW007" in out, "standard input over 1 MiB is refused unread (TW007)", out + err)
    status, out, err = run(telework, ["validate", "-", "-", *AS_OF], cwd=home, stdin=RECORD.encode())
    check.check(status == 0 and "checked 1 file" in out, "'-' twice reads standard input once", out + err)


def run_on_terminal(telework, args, env_extra):
    """Runs with standard error on a pseudo-terminal; returns what it printed there."""
    import pty
    main_fd, sub_fd = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env.update(env_extra)
    process = subprocess.Popen([telework, *args], stdout=subprocess.DEVNULL, stderr=sub_fd, stdin=subprocess.DEVNULL,
                               env=env)
    os.close(sub_fd)
    chunks = []
    while True:
        try:
            chunk = os.read(main_fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait()
    os.close(main_fd)
    return b"".join(chunks).decode("utf-8", "replace")


def check_progress(check, telework, root):
    args = ["validate", os.path.join(root, "examples", "connecticut"), *AS_OF]
    now = {"TELEWORK_PROGRESS_DELAY_MS": "0"}
    shown = run_on_terminal(telework, args, now)
    check.check(re.search(r"\rtelework: reading files: \d+ of \d+", shown) is not None and shown.endswith("\r\x1b[K"),
                "a progress line on a terminal, cleared at the end", repr(shown[-200:]))
    check.equal(run_on_terminal(telework, args, {**now, "CI": "true"}), "", "no progress line in CI")
    check.equal(run_on_terminal(telework, [*args, "-q"], now), "", "no progress line with -q")
    check.equal(run_on_terminal(telework, args, {}), "", "no progress line for a run under a second")
    _, _, err = run(telework, args)
    check.check("reading files" not in err, "no progress line when standard error is not a terminal", err)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--telework", required=True)
    options = parser.parse_args()
    telework = os.path.abspath(options.telework)
    check = Checker()
    with tempfile.TemporaryDirectory(prefix="telework-cli-") as home:
        check_help(check, telework)
        check_hints(check, telework, home)
        check_suggestions(check, telework, home)
        check_stdin(check, telework, home)
        check_progress(check, telework, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    check.check(check.passed >= 40, "enough checks ran", f"only {check.passed}")
    print(f"{check.passed} passed, {check.failed} failed")
    return 1 if check.failed else 0


if __name__ == "__main__":
    sys.exit(main())
