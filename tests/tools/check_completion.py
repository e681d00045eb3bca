#!/usr/bin/env python3
"""Checks `telework completion bash|zsh|fish` against the program's own help.

Each script must be valid for its shell (`bash -n`; `zsh -n` and `fish -n`
only where those shells are installed, else that part is skipped). The bash
script is then run as bash runs it on TAB: it is sourced, COMP_WORDS and
COMP_CWORD are set and _telework is called. What it offers must hold every
command `telework --help` lists, every option each `telework COMMAND --help`
lists, the global options after a command, each command's --format values and
each option's {choices} as its help shows them, and file names where a FILE or
PATH goes. An unknown shell is a usage error (exit 2) with "did you mean".
Debian's /usr/bin/python3, standard library only.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_manpage import OPTION, commands_in, options_in, sections  # noqa: E402
from checker import Checker  # noqa: E402

SHELLS = {"bash": ["bash", "-n"], "zsh": ["zsh", "-n"], "fish": ["fish", "-n"]}


def run(argv, **kwargs):
    return subprocess.run(argv, capture_output=True, text=True, check=False, **kwargs)


def option_heads(help_text, section="Options"):
    """{option name: the help line's option column}, e.g. '--fail-level' -> '--fail-level TEXT:{error,warning,info}'."""
    heads = {}
    for line in sections(help_text).get(section, []):
        head = re.split(r"\s{2,}", line.strip(), maxsplit=1)[0]
        if head.startswith("-"):
            for match in OPTION.finditer(head):
                heads[match.group(1)] = head
    return heads


def choices_in(head):
    match = re.search(r"\{([^}]*)\}", head)
    return match.group(1).split(",") if match else None


def formats_in(help_text):
    """The --format line of a command's "Global options" footer: 'output format: text (the default), json'."""
    for line in help_text.splitlines():
        match = re.match(r"\s+--format FMT\s+output format: (.*)$", line)
        if match:
            return [word.replace(" (the default)", "").strip() for word in match.group(1).split(",")]
    return None


class Bash:
    """Runs the bash completion the way bash does on TAB."""

    def __init__(self, script_path, cwd):
        self.script_path = script_path
        self.cwd = cwd

    def complete(self, line):
        """The offers for the last word of `line` (a trailing space: an empty word)."""
        words = line.split(" ")
        program = (
            'source "$1" || exit 9; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); '
            'COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}; '
            '_telework; printf "%s\\n" "${COMPREPLY[@]}"'
        )
        result = run(["bash", "--norc", "--noprofile", "-c", program, "bash", self.script_path] + words, cwd=self.cwd)
        if result.returncode != 0:
            return None, result.stderr
        return [offer for offer in result.stdout.split("\n") if offer], result.stderr


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--telework", required=True)
    parser.add_argument("--scratch", required=True, help="a directory for the test's files (emptied first)")
    options = parser.parse_args()
    telework = os.path.abspath(options.telework)
    check = Checker()

    shutil.rmtree(options.scratch, ignore_errors=True)
    os.makedirs(options.scratch)
    scratch = os.path.abspath(tempfile.mkdtemp(dir=options.scratch))

    # Every script is written, and is valid where its shell is installed.
    scripts = {}
    for shell, syntax_check in SHELLS.items():
        result = run([telework, "completion", shell])
        check.equal(result.returncode, 0, f"telework completion {shell}: exit status")
        check.check(len(result.stdout) > 200, f"telework completion {shell} writes a script", result.stderr)
        path = os.path.join(scratch, f"telework.{shell}")
        written = run([telework, "completion", shell, "-o", path])
        check.equal(written.returncode, 0, f"telework completion {shell} -o FILE: exit status")
        with open(path, encoding="utf-8") as handle:
            check.equal(handle.read(), result.stdout, f"telework completion {shell} -o FILE writes what stdout gets")
        scripts[shell] = path
        if shutil.which(syntax_check[0]) is None:
            print(f"skip {' '.join(syntax_check)}: {syntax_check[0]} is not installed")
            continue
        parsed = run(syntax_check + [path])
        check.check(parsed.returncode == 0 and not parsed.stderr.strip(), f"{' '.join(syntax_check)} accepts the script",
                    parsed.stderr)

    # Usage errors: an unknown or missing shell.
    wrong = run([telework, "completion", "bsh"])
    check.equal(wrong.returncode, 2, "telework completion bsh: exit status 2")
    check.check("did you mean 'bash'" in wrong.stderr, "telework completion bsh suggests bash", wrong.stderr)
    missing = run([telework, "completion"])
    check.equal(missing.returncode, 2, "telework completion (no shell): exit status 2")
    unknown_format = run([telework, "completion", "bash", "--format", "json"])
    check.equal(unknown_format.returncode, 2, "telework completion bash --format json: exit status 2")

    # Expectations, all from the help texts.
    top_help = run([telework, "--help"]).stdout
    commands = commands_in(top_help)
    check.check(len(commands) >= 7 and "completion" in commands, "telework --help lists the commands", top_help)
    top_options = option_heads(top_help)
    check.check(len(top_options) >= 10, "telework --help lists the global options", top_help)

    # A directory to complete file names in.
    files_dir = os.path.join(scratch, "files")
    os.makedirs(os.path.join(files_dir, "agreements"))
    with open(os.path.join(files_dir, "agency.toml"), "w", encoding="utf-8") as handle:
        handle.write("[telework]\n")
    bash = Bash(scripts["bash"], files_dir)

    def offers(line, what):
        result, errors = bash.complete(line)
        check.check(result is not None, f"bash completes '{line}' ({what})", errors)
        return result or []

    def offers_all(line, expected, what):
        got = offers(line, what)
        missing_words = [word for word in expected if word not in got]
        check.check(not missing_words, f"'{line}' offers {what}", f"missing {missing_words}; offered {got}")
        return got

    offers_all("telework ", commands, "every command")
    check.equal(offers("telework ch", "commands starting 'ch'"), ["check-eligibility"], "'telework ch' offers check-eligibility")
    offers_all("telework -", list(top_options), "every global option")
    check.equal(offers("telework --as-of ", "a date"), [], "'telework --as-of ' offers nothing (a date)")
    offers_all("telework --config ag", ["agency.toml", "agreements"], "file names")
    profiles = offers_all("telework --profile ", ["opm", "ct-gl32"], "the built-in profiles")
    check.check(all(not name.startswith("-") for name in profiles), "'--profile ' offers no options", str(profiles))

    global_after_command = [name for name in top_options if name not in ("-h", "--help", "--version")]
    for command in commands:
        help_text = run([telework, command, "--help"]).stdout
        own = option_heads(help_text)
        check.check("--help" in own, f"telework {command} --help lists its options", help_text)
        got = offers_all(f"telework {command} -", list(own), f"every option of {command}")
        missing_globals = [name for name in global_after_command if name not in got]
        check.check(not missing_globals, f"'telework {command} -' offers the global options", f"missing {missing_globals}")
        # Options after a global option with its value still count.
        offers_all(f"telework --as-of 2026-01-01 {command} -", list(own), f"the options of {command} after a global option")
        formats = formats_in(help_text)
        check.check(bool(formats), f"telework {command} --help names its formats", help_text)
        if formats:
            check.equal(sorted(offers(f"telework {command} --format ", "formats")), sorted(formats),
                        f"'telework {command} --format ' offers exactly its formats")
            check.equal(sorted(offers(f"telework {command} -j 2 --format ", "formats")), sorted(formats),
                        f"'telework {command} -j 2 --format ' offers exactly its formats")
        for name, head in own.items():
            choices = choices_in(head)
            if choices:
                check.equal(sorted(offers(f"telework {command} {name} ", "choices")), sorted(choices),
                            f"'telework {command} {name} ' offers exactly {choices}")
        positionals = sections(help_text).get("Positionals", [])
        for line in positionals:
            head = re.split(r"\s{2,}", line.strip(), maxsplit=1)[0]
            choices = choices_in(head)
            if choices:
                check.equal(sorted(offers(f"telework {command} ", "choices")), sorted(choices),
                            f"'telework {command} ' offers exactly {choices}")
            elif head.startswith("paths"):
                offers_all(f"telework {command} ag", ["agency.toml", "agreements"], f"file names for {command}'s paths")
                offers_all(f"telework {command} agreements ag", ["agency.toml", "agreements"],
                           f"file names for {command}'s second path")

    # The other shells name the same commands and options (their syntax is
    # checked above where the shell is installed).
    for shell in ("zsh", "fish"):
        with open(scripts[shell], encoding="utf-8") as handle:
            text = handle.read()
        for command in commands:
            check.check(re.search(rf"(?<![\w-]){re.escape(command)}(?![\w-])", text) is not None,
                        f"the {shell} script names {command}")

    return check.finish(options.scratch)


if __name__ == "__main__":
    sys.exit(main())
