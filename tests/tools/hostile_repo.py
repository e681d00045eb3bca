#!/usr/bin/env python3
"""Runs telework against a repository written by an attacker.

The main deployment is a CI job on pull requests from anyone with a fork:
the records, the directories, `telework.toml` and even the shape of the
tree are the attacker's. Each case builds a fresh checkout in a temporary
directory, with a secret beside it (outside the checkout), runs the real
binary and asserts the exact outcome: the exit status, the message, that
the secret appears in no output, that no planted program ran, that the run
took less CPU time than the limit (a hang is caught by a timeout), and that no file of the checkout changed.

    hostile_repo.py --telework BIN --group reads|git|config|costs|outputs
"""
import argparse
import hashlib
import json
import os
import resource
import shutil
import stat
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checker import Checker  # noqa: E402

AS_OF = "2026-11-20"
SECRET = "SECRET-7f3a9c-do-not-print"

RECORD = """\
format: 1
id: {id}
status: proposed
type: routine
agency: Bureau of the Fiscal Service
employee: {{id: {employee}, name: Ana Lima, position: Accountant}}
supervisor: {{name: Robert Smith}}
manager: {{name: Alice Brown}}
"""


def record(number):
    return RECORD.format(id=f"TW-2026-{number:05d}", employee=f"E{number:05d}")


class Scene:
    """A temporary checkout (`repo`, a git work tree) beside `outside`, which
    holds secrets that no run may print."""

    def __init__(self, top, telework, time_limit, git=True):
        self.top = top
        self.telework = telework
        self.time_limit = time_limit
        self.repo = os.path.join(top, "repo")
        self.outside = os.path.join(top, "outside")
        os.makedirs(os.path.join(self.repo, "agreements"))
        os.makedirs(self.outside)
        self.write("agreements/good.yaml", record(1))
        self.write_outside("secret.txt", f"root:x:0:0:{SECRET}:/root:/bin/bash\n")
        self.write_outside("secret.yaml", f"format: 1\nid: {SECRET}\n{SECRET}: 1\n")
        self.write_outside("secret.toml", f'[telework]\nprofile = "{SECRET}"\n')
        os.makedirs(os.path.join(self.outside, "dir"))
        self.write_outside("dir/leak.yaml", f"format: 1\nid: {SECRET}\n{SECRET}: 1\n")
        if git:
            self.git("init", "-q", "-b", "main")
            self.git("add", "-A")
            self.git("commit", "-q", "-m", "base")
            self.git("tag", "base")

    def env(self):
        env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
        # The cache of decoded records lives outside the repo, as by default.
        env["TELEWORK_CACHE_DIR"] = os.path.join(self.top, "cache")
        env.update({"HOME": self.top, "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x",
                    "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@x", "NO_COLOR": "1"})
        return env

    def git(self, *args):
        subprocess.run(["git", *args], cwd=self.repo, env=self.env(), check=True, stdin=subprocess.DEVNULL)

    def path(self, relative):
        return os.path.join(self.repo, relative)

    def write(self, relative, text):
        path = self.path(relative)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)

    def write_outside(self, relative, text):
        with open(os.path.join(self.outside, relative), "w", encoding="utf-8") as handle:
            handle.write(text)

    def link(self, relative, target):
        path = self.path(relative)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        os.symlink(target, path)

    def snapshot(self):
        """Every entry of the checkout but .git: its type, mode and content hash."""
        seen = {}
        for base, dirs, files in os.walk(self.repo):
            dirs[:] = [d for d in dirs if d != ".git"]
            for name in dirs + files:
                path = os.path.join(base, name)
                info = os.lstat(path)
                digest = ""
                if stat.S_ISREG(info.st_mode):
                    with open(path, "rb") as handle:
                        digest = hashlib.sha256(handle.read()).hexdigest()
                elif stat.S_ISLNK(info.st_mode):
                    digest = os.readlink(path)
                seen[os.path.relpath(path, self.repo)] = (stat.S_IFMT(info.st_mode), stat.S_IMODE(info.st_mode), digest)
        return seen

    def run(self, args, cwd=None, timeout=30, as_nobody=False):
        before = self.snapshot()
        # CPU time of the run (user + system), not wall time: a quadratic
        # cost shows in it just as well, and a busy CI machine does not.
        start = resource.getrusage(resource.RUSAGE_CHILDREN)
        prefix = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"] if as_nobody else []
        try:
            result = subprocess.run([*prefix, self.telework, *args], cwd=cwd or self.repo, env=self.env(),
                                    stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout)
            status, out, err = result.returncode, result.stdout, result.stderr
        except subprocess.TimeoutExpired as expired:
            status, out, err = "timeout", expired.stdout or b"", expired.stderr or b""
        end = resource.getrusage(resource.RUSAGE_CHILDREN)
        elapsed = (end.ru_utime - start.ru_utime) + (end.ru_stime - start.ru_stime)
        return Outcome(status, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"), elapsed,
                       before == self.snapshot())


class Outcome:
    def __init__(self, status, out, err, elapsed, unchanged):
        self.status, self.out, self.err, self.elapsed, self.unchanged = status, out, err, elapsed, unchanged


def expect(check, scene, outcome, what, status, err_has=None, out_has=None, max_output=1_000_000, time_limit=None):
    """The common assertions of every case."""
    time_limit = time_limit or scene.time_limit
    check.equal(outcome.status, status, f"{what}: exit status")
    if err_has is not None:
        check.check(err_has in outcome.err, f"{what}: stderr says {err_has!r}", outcome.err[-2000:])
    if out_has is not None:
        check.check(out_has in outcome.out, f"{what}: stdout says {out_has!r}", outcome.out[-2000:])
    check.check(SECRET not in outcome.out and SECRET not in outcome.err, f"{what}: nothing read outside the repo",
                (outcome.out + outcome.err)[:2000])
    check.check(outcome.elapsed < time_limit, f"{what}: done in under {time_limit:.1f} s of CPU time",
                f"took {outcome.elapsed:.2f} s")
    check.check(len(outcome.out) + len(outcome.err) <= max_output,
                f"{what}: output at most {max_output} bytes", f"{len(outcome.out) + len(outcome.err)} bytes")
    check.check(outcome.unchanged, f"{what}: no file of the checkout changed")
    check.check("internal error" not in outcome.err and outcome.status not in (-11, -6),
                f"{what}: no crash", outcome.err[-2000:])


FORMATS = ["text", "json", "sarif", "github", "junit"]
OUTSIDE_LINK = "it is a symbolic link that leads outside"


def group_reads(check, make):
    # 1. A record that is a link to a file outside the checkout, in every format.
    for target in ("secret.txt", "secret.yaml"):
        scene = make()
        scene.link("agreements/x.yaml", os.path.join(scene.outside, target))
        for fmt in FORMATS:
            outcome = scene.run(["validate", "agreements", "--as-of", AS_OF, "--format", fmt])
            expect(check, scene, outcome, f"link to outside {target}, --format {fmt}", 3,
                   err_has=f"cannot read 'agreements/x.yaml': {OUTSIDE_LINK}")
        # --changed-since is no way round it: the link is a new, untracked file.
        outcome = scene.run(["validate", "agreements", "--as-of", AS_OF, "--changed-since", "base"])
        expect(check, scene, outcome, f"link to outside {target}, --changed-since", 3, err_has=OUTSIDE_LINK)
        # Nor are the other commands.
        for command in (["expire"], ["report"], ["check-eligibility", "agreements/x.yaml"]):
            outcome = scene.run([*command, "agreements", "--as-of", AS_OF] if command[0] != "check-eligibility"
                                else [*command, "--as-of", AS_OF])
            expect(check, scene, outcome, f"link to outside {target}, {command[0]}", 3, err_has=OUTSIDE_LINK)
    # A relative link that climbs out works the same.
    scene = make()
    scene.link("agreements/up.yaml", "../../outside/secret.yaml")
    outcome = scene.run(["validate", "agreements", "--as-of", AS_OF])
    expect(check, scene, outcome, "relative link climbing out", 3,
           err_has=f"cannot read 'agreements/up.yaml': {OUTSIDE_LINK}")

    # A directory link named as PATH, and one inside agreements/.
    scene = make()
    scene.link("linked", scene.outside)
    outcome = scene.run(["validate", "linked", "--as-of", AS_OF])
    expect(check, scene, outcome, "directory link named as PATH", 3, err_has=f"cannot read 'linked': {OUTSIDE_LINK}")
    scene = make()
    scene.link("agreements/sub", os.path.join(scene.outside, "dir"))
    outcome = scene.run(["validate", "agreements", "--as-of", AS_OF])
    expect(check, scene, outcome, "directory link inside agreements/", 3,
           err_has=f"cannot read 'agreements/sub': {OUTSIDE_LINK}")

    # A pull request checked out inside another checkout (the base) links
    # agreements/ to the enclosing one: the root stays the inner checkout.
    scene = make()
    inner = scene.path("pr")
    os.makedirs(inner)
    subprocess.run(["git", "init", "-q", inner], env=scene.env(), check=True)
    os.symlink("..", os.path.join(inner, "agreements"))
    os.symlink("../.git/config", os.path.join(inner, "leak.yaml"))
    with open(scene.path(".git/config"), "a", encoding="utf-8") as handle:
        handle.write(f"[http]\n\textraheader = AUTHORIZATION: basic {SECRET}\n")
    scene.write(f"base-{SECRET}.yaml", f"{SECRET}: [x\n")
    outcome = scene.run(["validate", "agreements", "--as-of", AS_OF], cwd=inner)
    expect(check, scene, outcome, "PATH linked to the enclosing checkout", 3,
           err_has=f"cannot read 'agreements': {OUTSIDE_LINK}")
    outcome = scene.run(["validate", "--as-of", AS_OF], cwd=inner)
    expect(check, scene, outcome, "a link into the enclosing checkout's .git", 3,
           err_has=f"cannot read 'leak.yaml': {OUTSIDE_LINK}")
    # A link into the checkout's own .git (its config may hold a token).
    scene = make()
    with open(scene.path(".git/config"), "a", encoding="utf-8") as handle:
        handle.write(f"[http]\n\textraheader = AUTHORIZATION: basic {SECRET}\n")
    scene.link("agreements/leak.yaml", "../.git/config")
    outcome = scene.run(["validate", "agreements", "--as-of", AS_OF])
    expect(check, scene, outcome, "a link into the checkout's .git", 3,
           err_has="cannot read 'agreements/leak.yaml': it leads into .git, which telework never reads")
    # The checkout's .git named as PATH, with no link on the way: most files
    # are opened without following links, and that way is checked too.
    for path, cwd in ((".git/config", None), (".git", None), ("../.git/config", "agreements")):
        outcome = scene.run(["validate", path, "--as-of", AS_OF],
                            cwd=scene.path(cwd) if cwd else None)
        expect(check, scene, outcome, f"{path} named as PATH", 3,
               err_has=f"cannot read '{path}': it leads into .git, which telework never reads")
    # Outside git, a PATH through a directory link: the root is where links start.
    scene = make(git=False)
    scene.link("tree/agreements", scene.outside)
    for path in ("tree/agreements", "tree/agreements/secret.yaml"):
        outcome = scene.run(["validate", path, "--as-of", AS_OF])
        expect(check, scene, outcome, f"outside git, {path} through a link", 3, err_has=OUTSIDE_LINK)

    # Links that stay inside are followed, and a file reached by two names is read once.
    scene = make()
    scene.link("agreements/alias.yaml", "good.yaml")
    scene.link("agreements/again.yml", "good.yaml")
    outcome = scene.run(["validate", "agreements", "--as-of", AS_OF])
    expect(check, scene, outcome, "two links to one record", 0, out_has="checked 1 file")
    check.check("TW004" not in outcome.out, "two links to one record: no duplicate-id finding", outcome.out)

    # 10. Dangling links and loops are reported, not skipped.
    scene = make()
    scene.link("agreements/dangling.yaml", "missing.yaml")
    scene.link("agreements/loop.yaml", "loop.yaml")
    outcome = scene.run(["validate", "agreements", "--as-of", AS_OF])
    expect(check, scene, outcome, "dangling link", 3,
           err_has="cannot read 'agreements/dangling.yaml': it is a dangling symbolic link")
    check.check("cannot read 'agreements/loop.yaml': it is a symbolic link loop" in outcome.err,
                "link loop: reported", outcome.err)

    # 10. A FIFO with a record's name: no hang, a clear error.
    scene = make()
    os.mkfifo(scene.path("agreements/pipe.yaml"))
    outcome = scene.run(["validate", "agreements", "--as-of", AS_OF], timeout=10)
    expect(check, scene, outcome, "FIFO named like a record", 3,
           err_has="cannot read 'agreements/pipe.yaml': it is a FIFO, not a regular file")
    # A link to /dev/zero (outside) and, as root, a device node inside the tree.
    scene = make()
    scene.link("agreements/zero.yaml", "/dev/zero")
    scene.link("agreements/status.yaml", "/proc/self/status")
    outcome = scene.run(["validate", "agreements", "--as-of", AS_OF], timeout=10)
    expect(check, scene, outcome, "links to /dev/zero and /proc", 3,
           err_has=f"cannot read 'agreements/zero.yaml': {OUTSIDE_LINK}")
    if os.geteuid() == 0:
        scene = make()
        os.mknod(scene.path("agreements/zero.yaml"), 0o644 | stat.S_IFCHR, os.makedev(1, 5))
        outcome = scene.run(["validate", "agreements", "--as-of", AS_OF], timeout=10)
        expect(check, scene, outcome, "device node named like a record", 3,
               err_has="cannot read 'agreements/zero.yaml': it is a character device, not a regular file")
    else:
        print("skip device node inside the tree: creating one needs root")

    # A warm run that kept the files' stamps (device, inode, size, times) does
    # not let a record swapped afterwards for a link out of the tree, a FIFO
    # or a link into .git be taken from the cache under its old stamp.
    for swap, error in (("link out", OUTSIDE_LINK), ("FIFO", "it is a FIFO, not a regular file"),
                        ("link into .git", "it leads into .git, which telework never reads")):
        scene = make()
        scene.write("agreements/other.yaml", record(3))
        time.sleep(2.2)  # stamps are kept only for files changed 2 s before a run
        for _ in range(2):
            outcome = scene.run(["validate", "agreements", "--as-of", AS_OF, "-v"])
        expect(check, scene, outcome, f"warm run before the {swap} swap", 0,
               err_has="2 records from the cache (2 of them not read")
        os.unlink(scene.path("agreements/good.yaml"))
        if swap == "link out":
            scene.link("agreements/good.yaml", os.path.join(scene.outside, "secret.yaml"))
        elif swap == "FIFO":
            os.mkfifo(scene.path("agreements/good.yaml"))
        else:
            with open(scene.path(".git/config"), "a", encoding="utf-8") as handle:
                handle.write(f"[http]\n\textraheader = AUTHORIZATION: basic {SECRET}\n")
            scene.link("agreements/good.yaml", "../.git/config")
        outcome = scene.run(["validate", "agreements", "--as-of", AS_OF], timeout=10)
        expect(check, scene, outcome, f"a record swapped for a {swap} after a warm run", 3,
               err_has=f"cannot read 'agreements/good.yaml': {error}")

    # 10. An unreadable directory is reported. Root reads every directory, so
    # as root the run drops to the user nobody.
    as_nobody = os.geteuid() == 0
    if as_nobody and shutil.which("setpriv") is None:
        print("skip unreadable directory: running as root without setpriv to drop to nobody")
        return
    scene = make()
    if as_nobody:
        # The temporary directory and the scene (mkdtemp makes them 0700).
        for path in (os.path.dirname(scene.top), scene.top):
            os.chmod(path, 0o755)
    os.makedirs(scene.path("agreements/locked"))
    scene.write("agreements/locked/a.yaml", record(2))
    os.chmod(scene.path("agreements/locked"), 0)
    try:
        outcome = scene.run(["validate", "agreements", "--as-of", AS_OF], as_nobody=as_nobody)
        expect(check, scene, outcome, "unreadable directory", 3,
               err_has="cannot read 'agreements/locked': Permission denied", out_has="checked 1 file")
    finally:
        os.chmod(scene.path("agreements/locked"), 0o755)


def group_config(check, make):
    # 1. telework.toml itself a link out of the tree.
    scene = make()
    scene.link("telework.toml", os.path.join(scene.outside, "secret.toml"))
    outcome = scene.run(["validate", "--as-of", AS_OF])
    expect(check, scene, outcome, "telework.toml links outside", 2,
           err_has=f"telework.toml:1:1: cannot read the file: {OUTSIDE_LINK}")

    # 2. Configured paths that leave the directory of telework.toml.
    cases = [
        ('"/etc"', "'/etc' in 'agreements' is an absolute path"),
        (f'"{os.path.join("/", "etc", "shadow")}"', "'/etc/shadow' in 'agreements' is an absolute path"),
        ('"../.."', "'../..' in 'agreements' leads out of the directory of telework.toml"),
        ('"../outside"', "'../outside' in 'agreements' leads out of the directory of telework.toml"),
        ('"agreements/../../outside"',
         "'agreements/../../outside' in 'agreements' leads out of the directory of telework.toml"),
    ]
    for entry, message in cases:
        scene = make()
        scene.write("telework.toml", f"[telework]\nagreements = [\"agreements\", {entry}]\n")
        outcome = scene.run(["validate", "--as-of", AS_OF])
        expect(check, scene, outcome, f"agreements = [{entry}]", 2, err_has=f"telework.toml:2:29: {message}")

    # 6. Deep nesting that overflowed toml++'s stack.
    deep = {
        "dotted table header": "[a" + ".a" * 50_000 + "]\n",
        "dotted key": "a" + ".a" * 50_000 + " = 1\n",
        "nested arrays": "a = " + "[" * 50_000 + "]" * 50_000 + "\n",
        "nested inline tables": "a = " + "{b = " * 20_000 + "1" + "}" * 20_000 + "\n",
    }
    for name, text in deep.items():
        scene = make()
        scene.write("telework.toml", text)
        outcome = scene.run(["validate", "--as-of", AS_OF])
        expect(check, scene, outcome, f"telework.toml with a {name}", 2, err_has="telework.toml:1:")
    # The pre-scan reads a multi-line string's closing run of quotes whole.
    for quote in ('"""', "'''"):
        scene = make()
        scene.write("telework.toml", f"x = [{quote}a{quote}{quote[0]}, {{" + "a." * 200_000 + "a = 1}]\n")
        outcome = scene.run(["validate", "--as-of", AS_OF])
        expect(check, scene, outcome, f"dotted keys after {quote}a{quote}{quote[0]}", 2, err_has="telework.toml:1:")
    # 7. A size cap.
    scene = make()
    scene.write("telework.toml", "# padding\n" * 120_000)
    outcome = scene.run(["validate", "--as-of", AS_OF])
    expect(check, scene, outcome, "telework.toml over 1 MiB", 2,
           err_has="telework.toml:1:1: the file is larger than the limit of 1048576 bytes")

    # 9. An integer threshold that a double cannot hold.
    for value in ("9007199254740993", "-1", "3661", "9.5", '"nine"'):
        scene = make()
        scene.write("telework.toml", f"[thresholds]\nmax_term_months = {value}\n")
        outcome = scene.run(["validate", "--as-of", AS_OF])
        expect(check, scene, outcome, f"max_term_months = {value}", 2,
               err_has="threshold 'max_term_months' must be a whole number from 0 to 3660")


PLANTED = ["fsmonitor", "hook", "pager", "external-diff", "textconv", "credential", "ssh"]


def plant_config(scene, config_path):
    marks = {name: os.path.join(scene.top, f"ran-{name}") for name in PLANTED}
    hooks = os.path.join(scene.top, "hooks")
    os.makedirs(hooks, exist_ok=True)
    for hook in ("pre-commit", "post-checkout", "post-index-change", "reference-transaction", "fsmonitor-watchman"):
        with open(os.path.join(hooks, hook), "w", encoding="utf-8") as handle:
            handle.write(f"#!/bin/sh\ntouch {marks['hook']}\n")
        os.chmod(os.path.join(hooks, hook), 0o755)
    with open(config_path, "a", encoding="utf-8") as handle:
        handle.write(f"""[core]
\tfsmonitor = "touch {marks['fsmonitor']}; false"
\thooksPath = {hooks}
\tpager = "touch {marks['pager']}; cat"
\tsshCommand = "touch {marks['ssh']}"
[diff]
\texternal = "touch {marks['external-diff']}"
[diff "planted"]
\ttextconv = "touch {marks['textconv']}; cat"
[credential]
\thelper = "!touch {marks['credential']}"
""")
    return marks


def group_git(check, make):
    # 3. agreements/ turned into a git directory by the pull request.
    # The pull request copies a real repository's HEAD, objects and refs (so
    # that `base` resolves there too) and adds its own config.
    scene = make()
    gitdir = scene.path("agreements")
    for name in ("HEAD", "objects", "refs", "packed-refs"):
        source = scene.path(os.path.join(".git", name))
        if os.path.isdir(source):
            shutil.copytree(source, os.path.join(gitdir, name))
        elif os.path.exists(source):
            shutil.copy(source, os.path.join(gitdir, name))
    scene.write("agreements/config", f"[core]\n\tbare = false\n\tworktree = {scene.repo}\n")
    marks = plant_config(scene, os.path.join(gitdir, "config"))
    scene.write("agreements/new.yaml", record(3))
    outcome = scene.run(["validate", "--changed-since", "base", "agreements", "--as-of", AS_OF])
    expect(check, scene, outcome, "agreements/ shaped like a git directory", 0, out_has="checked 1 file")
    for name, mark in marks.items():
        check.check(not os.path.exists(mark), f"embedded git directory: {name} did not run")

    # The checkout's own configuration and attributes cannot start a program
    # either (a CI runner's checkout is the user's, but telework asks nothing
    # of git that needs one).
    scene = make()
    marks = plant_config(scene, scene.path(".git/config"))
    scene.write(".gitattributes", "*.yaml diff=planted\n")
    scene.write("agreements/good.yaml", record(1).replace("Ana Lima", "Ana M. Lima"))
    scene.write("agreements/new.yaml", record(4))
    for cwd in (scene.repo, scene.path("agreements")):
        outcome = scene.run(["validate", "--changed-since", "base", "--as-of", AS_OF, scene.path("agreements")],
                            cwd=cwd)
        expect(check, scene, outcome, f"planted git configuration (run from {os.path.basename(cwd)})", 0,
               out_has="checked 2 files")
    for name, mark in marks.items():
        check.check(not os.path.exists(mark), f"checkout configuration: {name} did not run")

    # A filter driver of the user's own configuration (git-lfs, say), chosen
    # by the pull request's .gitattributes, is not run either.
    scene = make()
    global_config = os.path.join(scene.top, ".gitconfig")  # HOME is scene.top
    ran = {name: os.path.join(scene.top, f"ran-filter-{name}") for name in ("process", "clean", "smudge")}
    with open(global_config, "w", encoding="utf-8") as handle:
        # Quoted: in a git configuration file ';' starts a comment.
        handle.write(f"""[filter "lfs"]
\tprocess = "sh -c 'touch {ran["process"]}; exit 1'"
\tclean = "sh -c 'touch {ran["clean"]}; cat'"
\tsmudge = "sh -c 'touch {ran["smudge"]}; cat'"
\trequired = true
[filter "with.dots"]
\tclean = "sh -c 'touch {ran["clean"]}; cat'"
""")
    scene.write(".gitattributes", "*.yaml filter=lfs\nagreements/b*.yaml filter=with.dots\n")
    scene.write("agreements/good.yaml", record(1).replace("Ana Lima", "Ana M. Lima"))
    scene.write("agreements/brand-new.yaml", record(6))
    outcome = scene.run(["validate", "--changed-since", "base", "agreements", "--as-of", AS_OF])
    expect(check, scene, outcome, "filter drivers chosen by .gitattributes", 0, out_has="checked 2 files")
    for name, mark in ran.items():
        check.check(not os.path.exists(mark), f"filter driver: {name} did not run")

    # Outside a checkout: our own words, with the directory.
    scene = make(git=False)
    outcome = scene.run(["validate", "--changed-since", "HEAD", "agreements/good.yaml", "--as-of", AS_OF])
    expect(check, scene, outcome, "--changed-since outside git", 2,
           err_has=f"--changed-since needs a git checkout: no directory at or above '{scene.path('agreements')}' "
                   "holds .git")


def group_costs(check, make):
    # 7. One-line flow sequence of 500,000 items (column lookups were quadratic).
    scene = make()
    scene.write("agreements/flow.yaml", "format: 1\nid: TW-2026-9\nitems: [" + "1," * 499_999 + "1]\n")
    outcome = scene.run(["validate", "agreements", "--as-of", AS_OF])
    expect(check, scene, outcome, "a flow sequence of 500,000 items", 1, out_has="unknown key 'items'")
    # 95,000 keys in one mapping, half of them duplicates (the check was
    # quadratic). Its output alone is 43 MB, whose cost depends on the machine:
    # the limit is 25 times a tenth of the input, measured in the same run
    # (linear work takes about 10 times as long, the quadratic check took 100).
    def keys_run(count):
        scene = make()
        keys = "".join(f"k{i % (count // 2):05d}: 1\n" for i in range(count))
        scene.write("agreements/keys.yaml", "format: 1\n" + keys)
        return scene, scene.run(["validate", "agreements", "--as-of", AS_OF, "--format", "json"], timeout=120)
    _, tenth = keys_run(9_500)
    scene, outcome = keys_run(95_000)
    expect(check, scene, outcome, "95,000 keys in one mapping", 1, max_output=60_000_000,
           time_limit=max(scene.time_limit, 25 * tenth.elapsed))
    if outcome.status == 1:
        findings = json.loads(outcome.out)["findings"]
        check.equal(sum(f["rule"] == "TW003" for f in findings), 47_500, "95,000 keys: each duplicate reported once")
    # The same id in 8,000 files: each names one other holder and a count.
    scene = make()
    os.remove(scene.path("agreements/good.yaml"))
    for number in range(8_000):
        scene.write(f"agreements/r{number:05d}.yaml", RECORD.format(id="TW-2026-SAME", employee=f"E{number:05d}"))
    outcome = scene.run(["validate", "agreements", "--as-of", AS_OF], timeout=120)
    expect(check, scene, outcome, "one id in 8,000 files", 1, max_output=8_000 * 400,
           out_has="id 'TW-2026-SAME' is also used by agreements/r00001.yaml and 7998 other files")
    # '**' patterns on a deep tree (glob matching was exponential in the stars).
    scene = make()
    deep = "agreements/" + "/".join(["d"] * 40)
    scene.write(f"{deep}/a.yaml", record(5))
    scene.write("telework.toml", '[telework]\nagreements = ["agreements"]\nexclude = ["' +
                "/".join(["**"] * 12) + '/b"]\n')
    outcome = scene.run(["validate", "--as-of", AS_OF], timeout=120)
    expect(check, scene, outcome, "exclude with 12 '**' on a 40-deep tree", 0, out_has="checked 2 files")
    # The same agreements entry 1,000 times is scanned once; a longer list is
    # refused (every file is matched against every glob).
    scene = make()
    for number in range(1_000):
        scene.write(f"agreements/many/r{number:04d}.yaml", record(100 + number))
    scene.write("telework.toml", "[telework]\nagreements = [" + ", ".join(['"agreements"'] * 1_000) + "]\n")
    outcome = scene.run(["validate", "--as-of", AS_OF], timeout=120)
    expect(check, scene, outcome, "one agreements entry 1,000 times", 0, out_has="checked 1001 files")
    for key in ("agreements", "exclude"):
        scene.write("telework.toml", f"[telework]\n{key} = [" + ", ".join(['"agreements/x*"'] * 5_000) + "]\n")
        outcome = scene.run(["validate", "--as-of", AS_OF], timeout=120)
        expect(check, scene, outcome, f"{key} with 5,000 entries", 2,
               err_has=f"telework.toml:2:{len(key) + 4}: '{key}' holds 5000 entries; at most 1000 are allowed")


def group_outputs(check, make):
    # 8. -o writes only regular files, keeps the mode, and says why it cannot.
    scene = make()
    pipe = os.path.join(scene.top, "fifo")
    os.mkfifo(pipe)
    outcome = scene.run(["report", "agreements", "--as-of", AS_OF, "-o", pipe], timeout=10)
    expect(check, scene, outcome, "-o to a FIFO", 2,
           err_has=f"cannot write '{pipe}': it is a FIFO; --output writes only regular files")
    check.check(stat.S_ISFIFO(os.lstat(pipe).st_mode), "-o to a FIFO: the FIFO is left alone")
    outcome = scene.run(["report", "agreements", "--as-of", AS_OF, "-o", scene.top])
    expect(check, scene, outcome, "-o to a directory", 2, err_has="it is a directory; --output writes only regular files")
    if os.geteuid() == 0:
        for name, minor in (("null", 3), ("full", 7)):
            node = os.path.join(scene.top, name)
            os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, minor))
            outcome = scene.run(["report", "agreements", "--as-of", AS_OF, "-o", node])
            expect(check, scene, outcome, f"-o to a copy of /dev/{name}", 2,
                   err_has="it is a character device; --output writes only regular files")
            check.check(stat.S_ISCHR(os.lstat(node).st_mode), f"-o to /dev/{name}: the device node is left alone")
    else:
        print("skip -o to a device node: creating one needs root")
    target = os.path.join(scene.top, "private.txt")
    with open(target, "w", encoding="utf-8") as handle:
        handle.write("old\n")
    os.chmod(target, 0o600)
    outcome = scene.run(["report", "agreements", "--as-of", AS_OF, "-o", target])
    expect(check, scene, outcome, "-o over a 0600 file", 0)
    check.equal(stat.S_IMODE(os.stat(target).st_mode), 0o600, "-o over a 0600 file: the mode stays 0600")
    check.check(open(target, encoding="utf-8").read() != "old\n", "-o over a 0600 file: the content is replaced")
    # A link planted where the output goes is replaced, never followed.
    victim = os.path.join(scene.outside, "victim.txt")
    with open(victim, "w", encoding="utf-8") as handle:
        handle.write("keep\n")
    link = os.path.join(scene.top, "out-link.txt")
    os.symlink(victim, link)
    outcome = scene.run(["report", "agreements", "--as-of", AS_OF, "-o", link])
    expect(check, scene, outcome, "-o to a link", 0)
    check.equal(open(victim, encoding="utf-8").read(), "keep\n", "-o to a link: the link's target is untouched")
    check.check(stat.S_ISREG(os.lstat(link).st_mode), "-o to a link: a regular file took the link's place")
    # A relative -o path through a planted directory link is refused.
    victim_dir = os.path.join(scene.outside, "victimdir")
    os.makedirs(victim_dir)
    scene.link("results", victim_dir)
    outcome = scene.run(["validate", "agreements", "--as-of", AS_OF, "--format", "sarif", "-o",
                         "results/report.sarif"])
    check.equal(outcome.status, 2, "-o through a directory link: exit status")
    check.check("'results' is a symbolic link; --output does not write through links" in outcome.err,
                "-o through a directory link: says so", outcome.err)
    check.equal(os.listdir(victim_dir), [], "-o through a directory link: nothing written there")
    # A link to something that is not a regular file (as /dev/stdout is) is left alone.
    fifo_link = os.path.join(scene.top, "to-fifo")
    os.symlink(pipe, fifo_link)
    outcome = scene.run(["report", "agreements", "--as-of", AS_OF, "-o", fifo_link], timeout=10)
    expect(check, scene, outcome, "-o to a link to a FIFO", 2, err_has="it is a symbolic link to a FIFO")
    check.check(os.path.islink(fifo_link), "-o to a link to a FIFO: the link is left alone")
    # A failed write: no usage hint, no temporary file left.
    missing = os.path.join(scene.top, "no-such-dir", "out.txt")
    outcome = scene.run(["report", "agreements", "--as-of", AS_OF, "-o", missing])
    expect(check, scene, outcome, "-o into a missing directory", 2, err_has=f"cannot write '{missing}'")
    check.check("--help" not in outcome.err, "a write failure gives no usage hint", outcome.err)
    leftovers = [name for name in os.listdir(scene.top) if name.startswith(".")]
    check.equal(leftovers, [], "no temporary file is left behind")


GROUPS = {"reads": group_reads, "config": group_config, "git": group_git, "costs": group_costs,
          "outputs": group_outputs}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--telework", required=True)
    parser.add_argument("--group", required=True, choices=sorted(GROUPS))
    parser.add_argument("--time-limit", type=float, default=2.0,
                        help="seconds a run may take (raise it for sanitizer builds)")
    options = parser.parse_args()
    telework = os.path.abspath(options.telework)
    check = Checker()
    with tempfile.TemporaryDirectory(prefix="telework-hostile-") as home:
        counter = [0]

        def make(git=True):
            counter[0] += 1
            return Scene(os.path.join(home, f"s{counter[0]}"), telework, options.time_limit, git)

        GROUPS[options.group](check, make)
    check.check(check.passed >= 20, "enough checks ran", f"only {check.passed}")
    print(f"{check.passed} passed, {check.failed} failed")
    return 1 if check.failed else 0


if __name__ == "__main__":
    sys.exit(main())
