#!/usr/bin/env python3
"""Checks the persistent cache of decoded records on the real binary.

Each scene is a scratch git checkout (the Connecticut example with a few
federal records beside it) with HOME and the cache directory in scratch
directories OUTSIDE the checkout. A run's standard output must never depend
on the cache: every output is compared byte for byte with a `--no-cache`
run on the same tree. Beyond that the checks read `-v` (records from the
cache, parsed anew, damaged entries) and the pack file itself (its header:
magic, run key, generation and entry count; its index of 88-byte records).

    check_cache.py --telework BIN --source DIR
"""
import argparse
import hashlib
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checker import Checker  # noqa: E402

AS_OF = "2026-11-20"
MAGIC = b"TWPACK02"
INDEX_RECORD = struct.Struct("<32sQIIII32s")  # digest, offset, agreement, findings, generation, keys, check
assert INDEX_RECORD.size == 88
VERBOSE = re.compile(r"telework: cache (\S+): (\d+) records from the cache \((\d+) of them not read[^)]*\), "
                     r"(\d+) parsed anew"
                     r"(?: \((\d+) damaged entries ignored\))?")
# A record that breaks a structure rule (an unknown type) in place of a good one.
BREAK = (b"type: routine", b"type: bogus-kind")
CHANGED = "agreements/audit/sullivan-patrick.yaml"
COMMANDS = {
    "validate text": ["validate", "--as-of", AS_OF],
    "validate json": ["validate", "--as-of", AS_OF, "--format", "json"],
    "validate sarif": ["validate", "--as-of", AS_OF, "--format", "sarif"],
    "expire json": ["expire", "--as-of", AS_OF, "--format", "json"],
    "report json": ["report", "--as-of", AS_OF, "--format", "json"],
}


class Pack:
    """A pack file as read: None fields when it is not a pack."""

    def __init__(self, path):
        self.path = path
        self.key = self.generation = None
        self.index = []
        self.data = b""
        self.ok = False
        try:
            with open(path, "rb") as handle:
                self.data = handle.read()
        except OSError:
            return
        data = self.data
        if data[:8] != MAGIC or len(data) < 12:
            return
        (key_size,) = struct.unpack_from("<I", data, 8)
        at = 12 + key_size
        if len(data) < at + 8:
            return
        self.key_offset = 12
        self.key = data[12:at]
        self.generation, count = struct.unpack_from("<II", data, at)
        at += 8
        if len(data) < at + count * INDEX_RECORD.size:
            return
        self.index_offset = at
        self.index = [INDEX_RECORD.unpack_from(data, at + i * INDEX_RECORD.size) for i in range(count)]
        self.ok = all(offset + a + f + k <= len(data)
                      and hashlib.sha256(data[offset:offset + a + f + k]).digest() == check
                      for _, offset, a, f, _, k, check in self.index)
        self.ok = self.ok and [r[0] for r in self.index] == sorted(r[0] for r in self.index)


class Scene:
    """A scratch checkout `repo` (git, one commit) with `home` and `cache`
    beside it, outside the checkout."""

    def __init__(self, top, telework, source):
        self.top = top
        self.telework = telework
        self.repo = os.path.join(top, "repo")
        self.home = os.path.join(top, "home")
        self.cache = os.path.join(top, "cache")
        os.makedirs(self.home)
        connecticut = os.path.join(source, "examples", "connecticut")
        os.makedirs(self.repo)
        shutil.copy(os.path.join(connecticut, "telework.toml"), self.repo)
        shutil.copytree(os.path.join(connecticut, "agreements"), os.path.join(self.repo, "agreements"))
        shutil.copytree(os.path.join(source, "examples", "federal", "agreements", "hyattsville"),
                        os.path.join(self.repo, "agreements", "federal"))
        self.git("init", "-q", "-b", "main")
        self.git("add", "-A")
        self.git("commit", "-q", "-m", "base")

    def env(self, cache="default", xdg=None):
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("GIT_") and k not in ("TELEWORK_CACHE_DIR", "XDG_CACHE_HOME")}
        env.update({"HOME": self.home, "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x",
                    "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@x", "NO_COLOR": "1"})
        if cache == "default":
            cache = self.cache
        if cache is not None:
            env["TELEWORK_CACHE_DIR"] = cache
        if xdg is not None:
            env["XDG_CACHE_HOME"] = xdg
        return env

    def git(self, *args):
        subprocess.run(["git", *args], cwd=self.repo, env=self.env(), check=True, stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL)

    def path(self, relative):
        return os.path.join(self.repo, relative)

    def read(self, relative):
        with open(self.path(relative), "rb") as handle:
            return handle.read()

    def write(self, relative, data):
        with open(self.path(relative), "wb") as handle:
            handle.write(data)

    def command(self, args, cache="default", xdg=None):
        return [self.telework, *args], self.env(cache, xdg)

    def run(self, args, cache="default", xdg=None, timeout=20):
        argv, env = self.command(args, cache, xdg)
        try:
            result = subprocess.run(argv, cwd=self.repo, env=env, stdin=subprocess.DEVNULL, capture_output=True,
                                    timeout=timeout)
            return Outcome(result.returncode, result.stdout, result.stderr.decode("utf-8", "replace"))
        except subprocess.TimeoutExpired as expired:
            return Outcome("timeout", expired.stdout or b"", (expired.stderr or b"").decode("utf-8", "replace"))

    def packs(self, cache=None):
        v1 = os.path.join(cache or self.cache, "v1")
        if not os.path.isdir(v1):
            return []
        return sorted(os.path.join(v1, name) for name in os.listdir(v1))

    def pack_path(self):
        """The one pack of the scene's cache (a warm-up run has made it)."""
        packs = [p for p in self.packs() if p.endswith(".pack")]
        return packs[0] if len(packs) == 1 else None


def leftovers(scene):
    """Files in the cache that are neither the pack nor its stamps (a
    temporary one is named after either, with a random suffix)."""
    return [p for p in scene.packs() if not p.endswith((".pack", ".stamps"))]


class Outcome:
    def __init__(self, status, out, err):
        self.status, self.out, self.err = status, out, err
        found = VERBOSE.search(err)
        self.hits = int(found.group(2)) if found else None
        self.unread = int(found.group(3)) if found else None
        self.misses = int(found.group(4)) if found else None
        self.damaged = int(found.group(5) or 0) if found else None
        self.pack = found.group(1) if found else None

    def counts(self):
        return (self.hits, self.misses, self.damaged)


def baseline(scene, args):
    """The run without a cache: what every cached run must print."""
    return scene.run([*args, "--no-cache"])


def same(check, outcome, expected, what):
    check.check(outcome.status == expected.status and outcome.out == expected.out,
                f"{what}: same exit status and output as without a cache",
                f"status {outcome.status!r} vs {expected.status!r}; stderr: {outcome.err.strip()[:400]}")


def group_hits(check, scene, n):
    for name, args in COMMANDS.items():
        expected = baseline(scene, args)
        check.check(expected.status in (0, 1) and expected.out, f"{name}: the run without a cache works",
                    expected.err[:300])
        first = scene.run([*args, "-v"])
        second = scene.run([*args, "-v"])
        same(check, first, expected, f"{name}, first cached run")
        same(check, second, expected, f"{name}, second cached run")
        check.equal(second.counts(), (n, 0, 0), f"{name}: the second run takes every record from the cache")
    pack = Pack(scene.pack_path() or "")
    check.check(pack.ok and len(pack.index) == n, "the pack holds one good entry per record",
                f"{pack.path}: ok={pack.ok} entries={len(pack.index)}")
    check.equal(oct(os.stat(scene.cache).st_mode & 0o777), oct(0o700), "the cache directory is private (0700)")


def group_invalidation(check, scene, n):
    args = COMMANDS["validate json"]
    original = baseline(scene, args)
    scene.run(args)  # warm
    good = scene.read(CHANGED)
    scene.write(CHANGED, good.replace(*BREAK))
    expected = baseline(scene, args)
    changed = scene.run([*args, "-v"])
    same(check, changed, expected, "one record changed")
    check.equal(changed.counts(), (n - 1, 1, 0), "one record changed: exactly one parsed anew")
    check.check(CHANGED.encode() in changed.out and b"bogus-kind" in changed.out and changed.out != original.out,
                "one record changed: its new finding appears", changed.out[-600:])
    scene.write(CHANGED, good)
    reverted = scene.run([*args, "-v"])
    same(check, reverted, original, "the record changed back")
    check.check(reverted.misses in (0, 1) and reverted.hits + reverted.misses == n,
                "the record changed back: found again", reverted.err)
    check.equal(reverted.misses, 0, "the record changed back: its old entry is still in the pack")


def corrupt_entry(scene, which=0, path=None):
    """Flips bytes in the middle of entry `which`'s data (in the scene's pack,
    or the one at `path`); returns its digest."""
    pack = Pack(path or scene.pack_path())
    digest, offset, a, f, _, k, _ = pack.index[which]
    data = bytearray(pack.data)
    middle = offset + (a + f + k) // 2
    for i in range(middle, min(middle + 4, offset + a + f + k)):
        data[i] ^= 0x5A
    with open(pack.path, "wb") as handle:
        handle.write(data)
    return digest


def group_corruption(check, scene, n):
    args = COMMANDS["validate json"]
    expected = baseline(scene, args)
    scene.run(args)  # warm
    path = scene.pack_path()
    # Damaged bytes inside an entry: that record is parsed anew, the rest come from the cache.
    corrupt_entry(scene, 3)
    outcome = scene.run([*args, "-v"])
    same(check, outcome, expected, "a damaged entry")
    check.equal(outcome.counts(), (n - 1, 1, 1), "a damaged entry: counted, and its record parsed anew")
    again = scene.run([*args, "-v"])
    check.equal(again.counts(), (n, 0, 0), "a damaged entry: the pack was rewritten without it")
    check.check(Pack(path).ok, "a damaged entry: the rewritten pack checks out")

    def wreck(what, make):
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path)
        elif os.path.lexists(path):
            os.unlink(path)
        make()
        outcome = scene.run([*args, "-v"], timeout=20)
        check.check(outcome.status != "timeout", f"{what}: the run ends", outcome.err)
        same(check, outcome, expected, what)
        if what == "a pack cut to half":
            # The index is whole; the entries past the cut are damaged, the others good.
            check.check(outcome.hits + outcome.misses == n and outcome.misses == outcome.damaged > 0,
                        f"{what}: the entries past the cut are counted damaged", outcome.err)
        else:
            check.check(outcome.hits == 0 and outcome.misses == n, f"{what}: nothing taken from it", outcome.err)
            check.check("telework: cache: " in outcome.err or what == "an empty file",
                        f"{what}: -v says why the pack was not used", outcome.err)
            if what == "entries over one another":
                check.check("its index names bytes outside its entries" in outcome.err,
                            f"{what}: refused whole, and said", outcome.err)
        after = scene.run([*args, "-v"], timeout=20)
        if what.startswith("a directory"):
            # A directory cannot be renamed over: left alone, and said.
            check.check(after.counts() == (0, n, 0) and "warning: cache: cannot write" in after.err
                        and os.path.isdir(os.path.join(path, "sub")),
                        f"{what}: left alone, with a warning, no cache", after.err)
        else:
            check.equal(after.counts(), (n, 0, 0), f"{what}: the next run takes every record from the cache")
        return outcome

    good = Pack(path).data
    # Every index record names the whole region of entries: each lookup would
    # read and hash all of it (n records x the pack), so the pack is refused.
    pack = Pack(path)
    overlapping = bytearray(good)
    start = pack.index[0][1]
    for i, record in enumerate(pack.index):
        whole = list(record)
        whole[1], whole[2], whole[3], whole[5] = start, len(good) - start, 0, 0
        INDEX_RECORD.pack_into(overlapping, pack.index_offset + i * INDEX_RECORD.size, *whole)
    for what, data in (("a pack cut to half", good[:len(good) // 2]), ("a pack cut to 10 bytes", good[:10]),
                       ("entries over one another", bytes(overlapping)),
                       ("an empty file", b""), ("garbage", bytes((i * 151 + 7) % 256 for i in range(5000))),
                       ("a huge count", good[:len(MAGIC) + 4 + struct.unpack_from("<I", good, 8)[0] + 4]
                        + struct.pack("<I", 0xFFFFFFFF) + good[len(MAGIC) + 4 + struct.unpack_from("<I", good, 8)[0] + 8:])):
        def make(data=data):
            with open(path, "wb") as handle:
                handle.write(data)
        wreck(what, make)
        replaced = Pack(path)
        check.check(replaced.ok and len(replaced.index) >= n, f"{what}: replaced by a good pack",
                    f"ok={replaced.ok} entries={len(replaced.index)}")
    wreck("a directory in the pack's place", lambda: os.makedirs(os.path.join(path, "sub")))
    shutil.rmtree(path)
    wreck("a link to /dev/zero in the pack's place", lambda: os.symlink("/dev/zero", path))
    check.check(not os.path.islink(path) and Pack(path).ok, "a link to /dev/zero: replaced by a good pack (the link, "
                "not its target)")
    fifo = path
    os.unlink(fifo)
    wreck("a FIFO in the pack's place", lambda: os.mkfifo(fifo))
    check.check(Pack(path).ok, "a FIFO: replaced by a good pack")
    check.equal(leftovers(scene), [], "no temporary pack is left behind")

    # A pack of another version or build: the key differs.
    pack = Pack(path)
    original_key = pack.key
    data = bytearray(pack.data)
    data[pack.key_offset + len(pack.key) // 2] ^= 0x01
    with open(path, "wb") as handle:
        handle.write(data)
    outcome = scene.run([*args, "-v"])
    same(check, outcome, expected, "a foreign pack")
    check.check(outcome.counts() == (0, n, 0) and "another build or configuration" in outcome.err,
                "a foreign pack: ignored, and -v says so", outcome.err)
    check.equal(Pack(path).key, original_key, "a foreign pack: rewritten with this build's key")


def group_concurrency(check, scene, n):
    # Two trees under the same root share one pack: `agreements` and a copy
    # with one record broken.
    shutil.copytree(scene.path("agreements"), scene.path("variant"))
    scene.write("variant/audit/sullivan-patrick.yaml", scene.read(CHANGED).replace(*BREAK))
    scene.git("add", "-A")
    scene.git("commit", "-q", "-m", "variant")
    args = COMMANDS["validate json"]
    expected = {tree: baseline(scene, [*args, tree]) for tree in ("agreements", "variant")}
    check.check(expected["agreements"].out != expected["variant"].out, "the variant tree has another finding")
    for round_ in ("cold", "warm", "warm again"):
        trees = ["agreements", "variant"] * 3
        processes = []
        for tree in trees:
            argv, env = scene.command([*args, "-v", tree])
            processes.append(subprocess.Popen(argv, cwd=scene.repo, env=env, stdin=subprocess.DEVNULL,
                                              stdout=subprocess.PIPE, stderr=subprocess.PIPE))
        for tree, process in zip(trees, processes):
            try:
                out, err = process.communicate(timeout=30)
                outcome = Outcome(process.returncode, out, err.decode("utf-8", "replace"))
            except subprocess.TimeoutExpired:
                process.kill()
                process.communicate()
                outcome = Outcome("timeout", b"", "")
            same(check, outcome, expected[tree], f"concurrent runs ({round_}, {tree})")
            check.equal(outcome.damaged, 0, f"concurrent runs ({round_}, {tree}): no damaged entry seen")
            check.check("warning" not in outcome.err, f"concurrent runs ({round_}, {tree}): no warning", outcome.err)
        paths = [p for p in scene.packs() if p.endswith(".pack")]
        check.equal(len(paths), 1, f"concurrent runs ({round_}): one pack for the two trees of one root")
        check.check(all(Pack(p).ok for p in paths), f"concurrent runs ({round_}): the pack checks out")
        check.equal(leftovers(scene), [], f"concurrent runs ({round_}): no temporary pack left behind")
    for tree in ("agreements", "variant"):
        after = scene.run([*args, "-v", tree])
        same(check, after, expected[tree], f"after the concurrent runs ({tree})")
        check.equal(after.damaged, 0, f"after the concurrent runs ({tree}): no damaged entry")


def forged_pack(scene, good_relative, bad_bytes):
    """The scene's pack with the entry of the good record filed under the
    digest of `bad_bytes`, its check left right (it is the entry's own)."""
    pack = Pack(scene.pack_path())
    good_digest = hashlib.sha256(scene.read(good_relative)).digest()
    bad_digest = hashlib.sha256(bad_bytes).digest()
    index = [(bad_digest if r[0] == good_digest else r[0], *r[1:]) for r in pack.index]
    assert any(r[0] == bad_digest for r in index)
    index.sort(key=lambda r: r[0])
    data = bytearray(pack.data)
    for i, record in enumerate(index):
        INDEX_RECORD.pack_into(data, pack.index_offset + i * INDEX_RECORD.size, *record)
    return bytes(data)


def group_poisoning(check, scene, n):
    args = COMMANDS["validate json"]
    expected = baseline(scene, args)
    # (a) cache directories inside the checked tree.
    inside = scene.path(".telework-cache")
    outcome = scene.run([*args, "--cache-dir", inside])
    check.equal(outcome.status, 2, "--cache-dir inside the repo: exit status 2")
    check.check("is inside the checked tree" in outcome.err and outcome.out == b"",
                "--cache-dir inside the repo: says so, and checks nothing", outcome.err)
    check.check(not os.path.exists(inside), "--cache-dir inside the repo: nothing written there")
    for what, cache, xdg, written in (("TELEWORK_CACHE_DIR", inside, None, inside),
                                      ("XDG_CACHE_HOME", None, scene.path(".xdg"), scene.path(".xdg"))):
        outcome = scene.run([*args, "-v"], cache=cache, xdg=xdg)
        same(check, outcome, expected, f"{what} inside the repo")
        check.check("warning: the cache directory" in outcome.err and "is inside the checked tree" in outcome.err
                    and "running without a cache" in outcome.err, f"{what} inside the repo: a warning", outcome.err)
        check.check("telework: no cache:" in outcome.err, f"{what} inside the repo: -v says no cache", outcome.err)
        check.check(not os.path.exists(written), f"{what} inside the repo: nothing written there")
    # Inside the tree through a link from outside: still refused.
    link = os.path.join(scene.top, "cache-link")
    os.symlink(scene.path("agreements"), link)
    outcome = scene.run([*args, "--cache-dir", link])
    check.equal(outcome.status, 2, "--cache-dir linking into the repo: refused")
    os.unlink(link)
    check.equal(sorted(os.listdir(scene.path("agreements"))), sorted(os.listdir(scene.path("agreements"))),
                "--cache-dir linking into the repo: nothing written")

    # (b) planted entries. Warm a cache outside the tree on the good records,
    # then forge a pack that files the good record's entry under the digest
    # of a bad version of it (the check stays right: it is the entry's own).
    scene.run(args)
    good = scene.read(CHANGED)
    bad = good.replace(*BREAK)
    forged = forged_pack(scene, CHANGED, bad)
    name = os.path.basename(scene.pack_path())
    scene.write(CHANGED, bad)
    with_bad = baseline(scene, args)
    check.check(b"bogus-kind" in with_bad.out, "the bad record has its finding without a cache")
    # The forged cache committed to the repo, as a pull request would, and
    # named by TELEWORK_CACHE_DIR (a CI job restoring a cache the tree chose).
    planted = scene.path("planted-cache")
    os.makedirs(os.path.join(planted, "v1"))
    with open(os.path.join(planted, "v1", name), "wb") as handle:
        handle.write(forged)
    scene.git("add", "-A")
    scene.git("commit", "-q", "-m", "a pull request")
    outcome = scene.run([*args, "-v"], cache=planted)
    same(check, outcome, with_bad, "a planted cache named by TELEWORK_CACHE_DIR")
    check.check("is inside the checked tree" in outcome.err, "a planted cache: refused with a warning", outcome.err)
    outcome = scene.run([*args, "-v", "--cache-dir", planted])
    check.equal(outcome.status, 2, "a planted cache named by --cache-dir: exit status 2")
    # Planted packs wherever a cache might be looked for: never read (the
    # real cache, outside the tree, is emptied so every record is a miss).
    for where in ("", "agreements", "v1", ".cache/telework/v1", "home/.cache/telework/v1"):
        os.makedirs(scene.path(where or "."), exist_ok=True)
        with open(os.path.join(scene.path(where or "."), name), "wb") as handle:
            handle.write(forged)
    shutil.rmtree(scene.cache)
    outcome = scene.run([*args, "-v"])
    same(check, outcome, with_bad, "*.pack files inside the repo")
    check.equal(outcome.counts(), (0, n, 0), "*.pack files inside the repo: never read as a cache")
    outcome = scene.run([*args, "-v"], cache=None)  # the default, ~/.cache/telework under the scratch HOME
    same(check, outcome, with_bad, "*.pack files inside the repo, default cache dir")
    check.check(outcome.pack and outcome.pack.startswith(os.path.join(scene.home, ".cache", "telework")),
                "the default cache is under HOME/.cache/telework", outcome.err)
    # The key is the content: with a warm cache outside the tree holding the
    # good record, its bad version is parsed anew and has its finding.
    scene.write(CHANGED, good)
    scene.run(args)
    bad = bad + b"# never seen before\n"
    scene.write(CHANGED, bad)
    with_bad = baseline(scene, args)
    outcome = scene.run([*args, "-v"])
    same(check, outcome, with_bad, "a bad version of a cached record")
    check.check(b"bogus-kind" in outcome.out, "a bad version of a cached record: its finding appears")
    check.equal(outcome.misses, 1, "a bad version of a cached record: parsed anew")
    scene.write(CHANGED, good)


def group_bounded(check, scene, n):
    args = COMMANDS["validate json"]
    scene.run(args)
    path = scene.pack_path()
    target = "agreements/federal/grant-eleanor.yaml"
    base = scene.read(target)
    counts = []
    for k in range(8):
        scene.write(target, base + f"# revision {k}\n".encode())
        outcome = scene.run([*args, "-v"])
        check.equal(outcome.counts(), (n - 1, 1, 0), f"bounded, run {k + 1}: one record parsed anew")
        counts.append(len(Pack(path).index))
    check.check(max(counts) <= n + 4 and min(counts) >= n, "bounded: the pack keeps at most the records + 4 entries",
                f"entry counts {counts}, records {n}")
    check.equal(counts[-1], n + 4, "bounded: entries unused for 4 runs are dropped, younger ones kept")
    check.check(Pack(path).ok, "bounded: the pack checks out")
    scene.write(target, base)


def group_no_cache(check, scene, n):
    empty = os.path.join(scene.top, "empty-cache")
    os.makedirs(empty)
    for extra in ([], ["--cache-dir", empty]):
        outcome = scene.run(["validate", "--as-of", AS_OF, "--no-cache", "-v", *extra], cache=empty)
        check.check(outcome.status in (0, 1), f"--no-cache {' '.join(extra)}: runs", outcome.err)
        check.check(f"telework: no cache: {n} records parsed" in outcome.err,
                    f"--no-cache {' '.join(extra)}: -v says no cache", outcome.err)
        check.equal(os.listdir(empty), [], f"--no-cache {' '.join(extra)}: nothing written")
    outcome = scene.run(["validate", "--as-of", AS_OF, "-v"], cache=None)
    check.check(outcome.pack is not None, "without TELEWORK_CACHE_DIR the default cache is used", outcome.err)


def group_changed_since(check, scene, n):
    args = COMMANDS["validate json"]
    scene.run(args)  # warm
    scene.write(CHANGED, scene.read(CHANGED).replace(*BREAK))
    full = baseline(scene, args)
    outcome = scene.run([*args, "-v", "--changed-since", "HEAD"])
    check.check(outcome.status in (0, 1), "--changed-since on a warm cache: runs", outcome.err)
    check.equal(outcome.misses, 1, "--changed-since on a warm cache: one record parsed anew")
    check.equal(outcome.damaged, 0, "--changed-since on a warm cache: no damaged entry")
    try:
        mine = [f for f in json.loads(outcome.out)["findings"] if f["file"] == CHANGED]
        everything = [f for f in json.loads(full.out)["findings"] if f["file"] == CHANGED]
        others = [f for f in json.loads(outcome.out)["findings"] if f["file"] != CHANGED]
    except (ValueError, KeyError) as error:
        mine, everything, others = None, [], [str(error)]
    check.check(mine == everything and mine, "--changed-since: the changed file's findings are those of a full run",
                f"{mine!r}\n     {everything!r}")
    check.equal(others, [], "--changed-since: no other file is reported")
    no_cache = scene.run([*args, "--changed-since", "HEAD", "--no-cache"])
    same(check, scene.run([*args, "--changed-since", "HEAD"]), no_cache, "--changed-since")
    scene.git("checkout", "-q", "--", CHANGED)


def group_reblessing(check, scene, n):
    """A damaged entry of a record a run does not load must not be carried
    into the pack that run writes with a fresh check: a later run would take
    the damaged bytes as that record's (a wrong record, or a miss at best)."""
    args = COMMANDS["validate json"]
    scene.run(args)  # warm
    path = scene.pack_path()
    pack = Pack(path)
    # Damage that still decodes: one character of a record's id in its entry
    # (a record whose id another record also has: TW004 depends on it).
    duplicate = hashlib.sha256(scene.read("agreements/audit/baptiste-jean-claude.yaml")).digest()
    which = next(i for i, r in enumerate(pack.index) if r[0] == duplicate)
    at = pack.data.find(b"DRS-TW-", pack.index[which][1], pack.index[which][1] + pack.index[which][2])
    damaged_digest = pack.index[which][0]
    data = bytearray(pack.data)
    data[at + 3] = ord("X")  # DRS-TW-... becomes DRSXTW-...
    with open(path, "wb") as handle:
        handle.write(data)
    expected = baseline(scene, args)
    # A run over the federal records only (the same root, the same pack) with one of them changed.
    one = "agreements/federal/park-jiyeon.yaml"
    scene.write(one, scene.read(one) + b"# touched\n")
    outcome = scene.run([*args, "-v", "agreements/federal"])
    check.equal(outcome.misses, 1, "a run over a part of the tree: one record parsed anew")
    rewritten = Pack(path)
    check.check(rewritten.generation == pack.generation + 1, "a run over a part of the tree: the pack is rewritten")
    kept = [r for r in rewritten.index if r[0] == damaged_digest]
    check.check(not kept or hashlib.sha256(rewritten.data[kept[0][1]:kept[0][1] + kept[0][2] + kept[0][3]]).digest()
                != kept[0][6], "a damaged entry another run did not load is not re-blessed by the rewrite",
                "the entry's damaged bytes were given a fresh check")
    scene.write(one, scene.read(one)[:-len(b"# touched\n")])
    outcome = scene.run([*args, "-v"])
    same(check, outcome, expected, "the whole tree after that")
    check.check(b"DRSXTW" not in outcome.out, "the whole tree after that: no id from the damaged entry")


def group_many(check, scene, n):
    """Enough records that the spill file is written in several chunks and a
    run reads its entries through several windows: every output still equals
    the run without a cache, and a pack written by one job holds its entries
    in the order the records were loaded (what lets the next run read them
    ahead)."""
    copies = 24
    for k in range(copies):
        for directory, _, names in os.walk(scene.path("agreements")):
            if "/copy-" in directory + "/":
                continue
            for name in sorted(n for n in names if n.endswith(".yaml")):
                source = os.path.join(directory, name)
                if os.path.relpath(source, scene.path("agreements")).startswith("archive/"):
                    continue  # excluded by the example's telework.toml
                target = os.path.join(scene.path(f"agreements/copy-{k:02}"), os.path.relpath(source, scene.path("agreements")))
                os.makedirs(os.path.dirname(target), exist_ok=True)
                with open(source, "rb") as handle:
                    data = handle.read()
                with open(target, "wb") as handle:
                    handle.write(data + f"# copy {k}\n".encode())
    scene.git("add", "-A")
    scene.git("commit", "-q", "-m", "copies")
    total = n * (copies + 1)
    args = COMMANDS["validate json"]
    expected = baseline(scene, args)
    fresh_cache = os.path.join(scene.top, "many-cache")
    cold = scene.run([*args, "-v", "-j", "1"], cache=fresh_cache, timeout=60)
    same(check, cold, expected, f"{total} records, cold")
    check.equal(cold.counts(), (0, total, 0), f"{total} records, cold: every record parsed")
    pack_path = [p for p in scene.packs(fresh_cache) if p.endswith(".pack")]
    pack = Pack(pack_path[0] if pack_path else "")
    check.check(pack.ok and len(pack.index) == total, f"{total} records: the pack holds one good entry per record",
                f"ok={pack.ok} entries={len(pack.index)}")
    check.check(len(pack.data) > 4 * 256 * 1024, f"{total} records: the pack spans several spill chunks",
                f"{len(pack.data)} bytes")
    files = sorted(os.path.relpath(os.path.join(d, f), scene.repo)
                   for d, _, fs in os.walk(scene.path("agreements")) for f in fs
                   if f.endswith(".yaml") and "/archive/" not in d + "/")
    in_load_order = [hashlib.sha256(scene.read(f)).digest() for f in files]
    in_pack_order = [r[0] for r in sorted(pack.index, key=lambda r: r[1])]
    check.check(in_pack_order == in_load_order, f"{total} records: the entries lie in the order their files were loaded",
                f"{sum(a == b for a, b in zip(in_pack_order, in_load_order))} of {total} in place")
    two_jobs_cache = os.path.join(scene.top, "many-cache-2")
    two_jobs = scene.run([*args, "-v", "-j", "2"], cache=two_jobs_cache, timeout=60)
    same(check, two_jobs, expected, f"{total} records, cold, two jobs appending to one spill file")
    two_jobs_pack = Pack(next(iter(p for p in scene.packs(two_jobs_cache) if p.endswith(".pack")), ""))
    check.check(two_jobs_pack.ok and len(two_jobs_pack.index) == total,
                f"{total} records, cold, two jobs: the pack holds one good entry per record",
                f"ok={two_jobs_pack.ok} entries={len(two_jobs_pack.index)}")
    again_two = scene.run([*args, "-v", "-j", "2"], cache=two_jobs_cache, timeout=60)
    same(check, again_two, expected, f"{total} records, warm, two jobs")
    check.equal(again_two.counts(), (total, 0, 0), f"{total} records, warm, two jobs: every record from the cache")
    warm = scene.run([*args, "-v"], cache=fresh_cache, timeout=60)
    same(check, warm, expected, f"{total} records, warm")
    check.equal(warm.counts(), (total, 0, 0), f"{total} records, warm: every record from the cache")
    corrupt_entry(scene, total // 2, pack_path[0] if pack_path else None)
    damaged = scene.run([*args, "-v"], cache=fresh_cache, timeout=60)
    same(check, damaged, expected, f"{total} records, one entry damaged")
    check.equal(damaged.counts(), (total - 1, 1, 1), f"{total} records, one entry damaged: it alone is parsed anew")
    again = scene.run([*args, "-v"], cache=fresh_cache, timeout=60)
    same(check, again, expected, f"{total} records, after the rewrite")
    check.equal(again.counts(), (total, 0, 0), f"{total} records, after the rewrite: every record from the cache")
    check.check(Pack(pack_path[0] if pack_path else "").ok, f"{total} records: the rewritten pack checks out")


def settle(scene):
    """Waits until every file of the checkout changed more than the cache's
    margin (2 s) ago: only then does a run keep the files' stamps."""
    newest = max(os.lstat(os.path.join(d, f)).st_ctime for d, _, fs in os.walk(scene.repo) for f in fs)
    time.sleep(max(0.0, newest + 2.2 - time.time()))


def group_stamps(check, scene, n):
    """A file whose stamp (inode, size, mtime, ctime) a run kept is not read
    again; any change to the file, or a damaged stamps file, makes it read."""
    args = COMMANDS["validate json"]
    fresh = scene.run([*args, "-v"])
    check.equal(fresh.unread, 0, "files changed within the margin are read (their stamps are not yet kept)")
    settle(scene)
    scene.run(args)
    stamps = [p for p in scene.packs() if p.endswith(".stamps")]
    check.equal(len(stamps), 1, "a run of settled files keeps their stamps beside the pack")
    expected = baseline(scene, args)
    unread = scene.run([*args, "-v"])
    same(check, unread, expected, "files known by their stamps")
    check.equal((unread.hits, unread.unread, unread.misses), (n, n, 0), "no file is read when every stamp is known")

    # The same size and modification time, other bytes: the change time tells.
    good = scene.read(CHANGED)
    before = os.stat(scene.path(CHANGED))
    scene.write(CHANGED, good.replace(b"type: routine", b"type: bogus-k"))
    os.utime(scene.path(CHANGED), ns=(before.st_atime_ns, before.st_mtime_ns))
    check.equal(os.stat(scene.path(CHANGED)).st_size, before.st_size, "the edit keeps the size")
    expected_changed = baseline(scene, args)
    changed = scene.run([*args, "-v"])
    same(check, changed, expected_changed, "a file rewritten under the same size and mtime")
    check.equal((changed.unread, changed.misses), (n - 1, 1), "only the rewritten file is read and parsed")
    check.check(b"bogus-k" in changed.out, "the rewritten file's new finding appears", changed.out[-400:])
    scene.write(CHANGED, good)

    # A run over one file keeps the other files' stamps for the next full run.
    settle(scene)
    scene.run(args)
    one = scene.run(["validate", "--as-of", AS_OF, "--format", "json", "-v", CHANGED])
    check.equal((one.hits, one.unread), (1, 1), "a run over one file: that file known by its stamp")
    full = scene.run([*args, "-v"])
    check.equal((full.hits, full.unread, full.misses), (n, n, 0), "after a run over one file, no file is read")

    # A stamps file damaged anywhere is no stamps at all.
    scene.run(args)
    path = [p for p in scene.packs() if p.endswith(".stamps")][0]
    data = bytearray(open(path, "rb").read())
    data[16 + 40] ^= 0x01  # the first record's digest
    open(path, "wb").write(bytes(data))
    damaged = scene.run([*args, "-v"])
    same(check, damaged, expected, "a damaged stamps file")
    check.equal((damaged.unread, damaged.hits), (0, n), "a damaged stamps file: every file read, every record a hit")


GROUPS = [group_hits, group_invalidation, group_corruption, group_concurrency, group_poisoning, group_bounded,
          group_no_cache, group_changed_since, group_many]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--telework", required=True)
    parser.add_argument("--source", required=True, help="the source tree (for examples/)")
    parser.add_argument("--group", help="run only this group (reblessing runs only when named)")
    options = parser.parse_args()
    groups = GROUPS if not options.group else [g for g in GROUPS + [group_reblessing, group_stamps]
                                               if g.__name__ == "group_" + options.group]
    if not groups:
        parser.error(f"no group {options.group!r}")
    telework = os.path.abspath(options.telework)
    check = Checker()
    with tempfile.TemporaryDirectory(prefix="telework-cache-") as top:
        for number, group in enumerate(groups):
            scene = Scene(os.path.join(top, f"s{number}"), telework, os.path.abspath(options.source))
            counted = scene.run(["validate", "--as-of", AS_OF, "--no-cache", "-v"])
            found = re.search(r"telework: no cache: (\d+) records parsed", counted.err)
            check.check(found is not None, f"{group.__name__}: -v without a cache says so", counted.err)
            if not found:
                continue
            before = check.failed
            group(check, scene, int(found.group(1)))
            print(f"{group.__name__}: {'ok' if check.failed == before else 'FAILED'}")
    check.check(check.passed >= (80 if len(groups) > 1 else 3), "enough checks ran", f"only {check.passed}")
    print(f"{check.passed} passed, {check.failed} failed")
    return 1 if check.failed else 0


if __name__ == "__main__":
    sys.exit(main())
