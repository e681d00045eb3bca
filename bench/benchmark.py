#!/usr/bin/python3
"""Benchmarks telework on a generated agency-sized repo, in one run, with ratios.

Usage: /usr/bin/python3 bench/benchmark.py --telework build/src/telework
           [--records 100000] [--jobs 2] [--peer-dir DIR] [--keep REPO] [--json FILE]
       /usr/bin/python3 bench/benchmark.py --telework build/src/telework --self-test

Generates a git repo (one commit) of N distinct records from an example, about
one in ten with a finding, and times, each as wall time, files per second, CPU
time (user+sys) and peak RSS of that one child process:

  telework validate, cold (empty --cache-dir) and with --no-cache
  telework validate, warm (the same cache directory again)
  telework expire and report (warm), check-eligibility on one unit's records
    (--all-eligibility: on all)
  telework validate --changed-since HEAD with one file changed (warm)
  telework validate of a single file (median of --single-runs runs)
  ajv-cli with the same JSON Schema (schemas/agreement.schema.json), one
    process over a glob; installed with npm into --peer-dir, never by CI
  the yaml-cpp event-parse floor (bench/yaml_floor.cpp, built with g++)

and prints the machine, every figure and every target of issue 14 with the
ratio and PASS/FAIL. A binary without the cache options (--cache-dir,
--no-cache) is run without them and its cache figures are marked n/a.

--self-test runs in seconds on a small repo: checks the generator (distinct
ids and employees, the expected findings, the size, the git commit) and that
every measurement runs; the ajv part is skipped when ajv-cli is not installed
in --peer-dir (the self-test never installs anything).

Runs on Debian's /usr/bin/python3 with the standard library only.
"""
import argparse
import datetime
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SCHEMA = os.path.join(ROOT, "schemas", "agreement.schema.json")
AJV_MODULE = os.path.join(HERE, "ajv_yaml12.js")
FLOOR_SOURCE = os.path.join(HERE, "yaml_floor.cpp")
LAUNCHER_SOURCE = os.path.join(HERE, "run_measured.cpp")
AJV_PACKAGES = ["ajv-cli@5.0.0", "ajv-formats@3.0.1"]
AS_OF = "2026-11-20"
PROFILE = "ct-gl32"
MiB = 1024 * 1024

# ---------------------------------------------------------------- generator

TEMPLATE_PATH = os.path.join(ROOT, "examples", "connecticut", "agreements", "audit", "okafor-adaeze.yaml")
TEMPLATE = open(TEMPLATE_PATH, encoding="utf-8").read()


def template_value(pattern):
    """The template's own value for a key, so a change of example cannot
    silently leave every generated record the same."""
    found = re.search(pattern, TEMPLATE, re.MULTILINE)
    if not found:
        raise SystemExit(f"benchmark: {TEMPLATE_PATH} has no match for {pattern!r}")
    return found.group(1)


ID = template_value(r"^id: (\S+)$")
EMPLOYEE_ID = template_value(r"^employee:\n  id: (\S+)$")
EMPLOYEE_NAME = template_value(r"^employee:\n  id: \S+\n  name: (.+)$")
SUPERVISOR = template_value(r"^supervisor: (\{id: \S+, name: [^}]+\})$")
SUPERVISOR_NAME = template_value(r"^supervisor: \{id: \S+, name: ([^}]+)\}$")
UNIT = template_value(r"^unit: (.+)$")
DATE = re.compile(r"\b(20\d\d)-(\d\d)-(\d\d)\b")
# One record in ten has a finding: four in five of those break a policy rule
# (CT202: three telework days of five), one in five the schema (TW002: a type
# outside the enum), which ajv-cli must report too.
POLICY_BREAK = ("telework_days: [tue, thu]", "telework_days: [mon, tue, thu]", "CT202")
SCHEMA_BREAK = ("\ntype: routine\n", "\ntype: remote\n", "TW002")
FIRST = ["Adaeze", "Brian", "Carmen", "Deepak", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jamal",
         "Katarzyna", "Luis", "Mei", "Nikolai", "Olga", "Pedro", "Quinn", "Rosa", "Samir", "Tamar"]
LAST = ["Okafor", "Brennan", "Castillo", "Dubois", "Eriksen", "Fitzgerald", "Gupta", "Haddad", "Ivanova",
        "Jensen", "Kowalski", "Larsen", "Moreau", "Nakamura", "Oyelaran", "Petrov", "Quintero", "Rossi",
        "Santos", "Takahashi", "Umarov", "Vasquez", "Wojcik", "Yilmaz", "Zhang"]
FIELDS = ("ID", "EMPLOYEE", "NAME", "SUPERVISOR", "SUPERVISOR_NAME", "UNIT")
DATE_SHIFTS = 61  # every date of a record moves by the same 0..60 days


def check_template():
    for text, _, rule in (POLICY_BREAK, SCHEMA_BREAK):
        if TEMPLATE.count(text) != 1:
            raise SystemExit(f"benchmark: {TEMPLATE_PATH} has {TEMPLATE.count(text)} of {text!r} (for {rule})")
    if TEMPLATE.count(UNIT) != 1 or not DATE.search(TEMPLATE):
        raise SystemExit(f"benchmark: {TEMPLATE_PATH} no longer has one unit and some dates")


def shifted(text, days):
    def move(match):
        day = datetime.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        return (day + datetime.timedelta(days=days)).isoformat()
    return DATE.sub(move, text)


def kind(i):
    """None, or the rule record i breaks."""
    if i % 10:
        return None
    return SCHEMA_BREAK[2] if i % 50 == 0 else POLICY_BREAK[2]


PER_UNIT = 100  # records a directory: agreements/division-NN/unit-NN/, 40 units a division


def record_path(i):
    unit = i // PER_UNIT
    return os.path.join("agreements", f"division-{unit // 40:02d}", f"unit-{unit % 40:02d}", f"r{i:07d}.yaml")


class Generator:
    """Record i: the template with its own id, employee (id and name), a
    supervisor of about 25 employees, a unit, all dates moved together by
    0..60 days (so about a third fall due within 30 days of the as-of day),
    and one record in ten broken as kind(i) says."""

    def __init__(self):
        check_template()
        self.templates = {}

    def template(self, days, rule):
        key = (days, rule)
        if key not in self.templates:
            text = shifted(TEMPLATE, days)
            for before, after, name in (POLICY_BREAK, SCHEMA_BREAK):
                if name == rule:
                    text = text.replace(before, after)
            text = text.replace(f"\nid: {ID}\n", "\nid: @ID@\n", 1)
            text = text.replace(f"employee:\n  id: {EMPLOYEE_ID}\n", "employee:\n  id: @EMPLOYEE@\n", 1)
            text = text.replace(EMPLOYEE_NAME, "@NAME@")
            text = text.replace(SUPERVISOR, "{id: @SUPERVISOR@, name: @SUPERVISOR_NAME@}", 1)
            text = text.replace(SUPERVISOR_NAME, "@SUPERVISOR_NAME@")
            text = text.replace(f"unit: {UNIT}", "unit: @UNIT@", 1)
            if "@" in TEMPLATE or any(text.count(f"@{k}@") == 0 for k in FIELDS):
                raise SystemExit(f"benchmark: {TEMPLATE_PATH} no longer fits the generator")
            text = text.replace("{", "{{").replace("}", "}}")
            for field in FIELDS:
                text = text.replace(f"@{field}@", "{" + field.lower() + "}")
            self.templates[key] = text
        return self.templates[key]

    def text(self, i):
        supervisor = i // 25
        return self.template(i % DATE_SHIFTS, kind(i)).format(
            id=f"DRS-TW-2026-{i:07d}", employee=f"E{1000000 + i:07d}",
            name=f"{FIRST[i % 20]} {chr(65 + i // 20 % 26)}. {LAST[i // 520 % 25]}-{i}",
            supervisor=f"S{supervisor:06d}", supervisor_name=f"{FIRST[supervisor % 20]} {LAST[supervisor % 25]}",
            unit=f"Audit Unit {i // PER_UNIT % 40 + 1}")


def generate(repo, count):
    """Writes count records and telework.toml into a new git repo and commits
    them once. The commit is streamed to git fast-import as the files are
    written (one pack; a 100,000-file `git add` writes as many loose objects
    and takes several times as long), then `git reset` builds the index, so
    `git status` and --changed-since find a clean tree."""
    generator = Generator()
    git = ["git", "-c", "core.autocrlf=false", "-c", "core.hooksPath=/dev/null", "-C", repo]
    os.makedirs(repo, exist_ok=True)
    subprocess.run(["git", "-c", "init.defaultBranch=main", "init", "-q", repo], check=True)
    importer = subprocess.Popen(git + ["fast-import", "--quiet", "--done"], stdin=subprocess.PIPE)
    stream = importer.stdin
    stream.write(b"commit refs/heads/main\ncommitter telework bench <bench@localhost> 1767225600 +0000\n")
    message = f"{count} records generated by bench/benchmark.py\n".encode()
    stream.write(b"data %d\n%s" % (len(message), message))

    def put(name, data):
        path = os.path.join(repo, name)
        with open(path, "wb") as handle:
            handle.write(data)
        stream.write(b"M 100644 inline %s\ndata %d\n%s\n" % (name.encode(), len(data), data))

    made = set()
    total = 0
    for i in range(count):
        name = record_path(i)
        directory = os.path.dirname(name)
        if directory not in made:
            os.makedirs(os.path.join(repo, directory), exist_ok=True)
            made.add(directory)
        data = generator.text(i).encode("utf-8")
        total += len(data)
        put(name, data)
    put("telework.toml", f'# Generated by bench/benchmark.py: {count} records.\n[telework]\nprofile = "{PROFILE}"\n'
        'agreements = ["agreements"]\n'.encode())
    stream.write(b"\ndone\n")
    stream.close()
    if importer.wait() != 0:
        raise SystemExit("benchmark: git fast-import failed")
    subprocess.run(git + ["reset", "-q"], check=True)
    return total, len(made)


def expected_findings(count):
    rules = [kind(i) for i in range(count)]
    return {rule: rules.count(rule) for rule in (POLICY_BREAK[2], SCHEMA_BREAK[2])}


def generator_source():
    """This section of the script: a repo kept with --keep is reused only
    while the template and the generator are unchanged (a change to the
    measuring does not make a new repo)."""
    text = open(__file__, encoding="utf-8").read()
    start = text.index("\n# " + "-" * 64 + " generator\n")
    return text[start:text.index("\n# " + "-" * 66 + " running\n")]


# ------------------------------------------------------------------ running

class Run:
    """One child process: its exit status, output, wall time, CPU time
    (user+sys) and peak RSS. The figures come from bench/run_measured.cpp,
    which forks the command and wait4()s that one child: a child forked from
    this Python directly would report Python's own RSS as its peak, since
    Linux carries ru_maxrss across exec."""

    launcher = None  # set by build_tools()

    def __init__(self, argv, cwd=None, env=None):
        self.argv = argv
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
                tempfile.NamedTemporaryFile(mode="r", prefix="telework-bench-", suffix=".rusage") as figures:
            process = subprocess.run([Run.launcher, figures.name] + argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                     stdout=out, stderr=err, check=False)
            out.seek(0)
            err.seek(0)
            self.stdout, self.stderr = out.read(), err.read()
            line = figures.read()
        found = re.fullmatch(r"exit (-?\d+) wall (\S+) user (\S+) sys (\S+) maxrss_kib (\d+)\n", line)
        if not found:
            raise SystemExit(f"benchmark: {' '.join(argv)}: no figures from run_measured (exit "
                             f"{process.returncode}): {self.stderr[-500:]!r}")
        self.returncode = int(found.group(1))
        self.wall = float(found.group(2))
        self.cpu = float(found.group(3)) + float(found.group(4))
        self.rss = int(found.group(5)) / 1024  # MiB

    def json(self):
        try:
            return json.loads(self.stdout)
        except ValueError as error:
            raise SystemExit(f"benchmark: {' '.join(self.argv)} printed no JSON ({error}): "
                             f"{self.stdout[:300]!r} {self.stderr[:300]!r}")

    def check(self, label, codes=(0, 1)):
        if self.returncode not in codes:
            raise SystemExit(f"benchmark: {label}: {' '.join(self.argv)} exited {self.returncode}:\n"
                             f"{self.stderr.decode(errors='replace')[:2000]}")
        return self


def unknown_option(run, option):
    text = run.stderr.decode(errors="replace")
    return run.returncode == 2 and option in text and re.search(r"unexpected|unknown|not an option|unrecognized",
                                                                text, re.IGNORECASE)


class Telework:
    def __init__(self, binary, repo, jobs, scratch):
        self.binary, self.repo, self.jobs = binary, repo, jobs
        # The default cache must never be the user's: every run sees a scratch
        # XDG_CACHE_HOME and no TELEWORK_CACHE_DIR.
        self.env = dict(os.environ, XDG_CACHE_HOME=os.path.join(scratch, "xdg-cache"))
        self.env.pop("TELEWORK_CACHE_DIR", None)
        help_text = subprocess.run([binary, "validate", "--help"], capture_output=True, text=True).stdout
        self.has_cache = "--cache-dir" in help_text and "--no-cache" in help_text
        self.cache_dir = os.path.join(scratch, "cache")
        version = subprocess.run([binary, "--version"], capture_output=True, text=True)
        self.version = (version.stdout or version.stderr).strip().splitlines()[0] if version.returncode == 0 else "?"

    def argv(self, command, *extra, cache=True, fmt="json"):
        argv = [self.binary, command, "--as-of", AS_OF, "-j", str(self.jobs)]
        if fmt:
            argv += ["--format", fmt]
        if cache is None or not self.has_cache:
            pass
        elif cache:
            argv += ["--cache-dir", self.cache_dir]
        else:
            argv += ["--no-cache"]
        return argv + list(extra)

    def run(self, label, command, *extra, cache=True, fmt="json", codes=(0, 1)):
        run = Run(self.argv(command, *extra, cache=cache, fmt=fmt), cwd=self.repo, env=self.env)
        if self.has_cache and cache is not None and (unknown_option(run, "--cache-dir")
                                                     or unknown_option(run, "--no-cache")):
            print(f"note: {self.binary} refused the cache options; running without them", file=sys.stderr)
            self.has_cache = False
            run = Run(self.argv(command, *extra, cache=cache, fmt=fmt), cwd=self.repo, env=self.env)
        return run.check(label, codes)


def scratch_default():
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "telework-bench")


def work_dir_default(records):
    """/dev/shm when it is a tmpfs with room for the repo (the benchmark
    measures telework, not the disk: creating 100,000 files on a loaded
    virtual disk can take longer than all the runs), else the temp dir."""
    try:
        with open("/proc/mounts", encoding="utf-8") as handle:
            tmpfs = any(line.split()[1:3] == ["/dev/shm", "tmpfs"] for line in handle)
        room = os.statvfs("/dev/shm")
        if tmpfs and os.access("/dev/shm", os.W_OK) and room.f_bavail * room.f_frsize > records * 16384 + 512 * MiB:
            return "/dev/shm"
    except (OSError, IndexError):
        pass
    return tempfile.gettempdir()


def ajv_entry(peer_dir):
    return os.path.join(peer_dir, "node_modules", "ajv-cli", "dist", "index.js")


def install_ajv(peer_dir):
    """ajv-cli and ajv-formats, pinned, into peer_dir (once)."""
    if os.path.exists(ajv_entry(peer_dir)) and os.path.isdir(os.path.join(peer_dir, "node_modules", "ajv-formats")):
        return True
    if not shutil.which("npm"):
        print("note: npm not found; ajv-cli is skipped", file=sys.stderr)
        return False
    os.makedirs(peer_dir, exist_ok=True)
    if not os.path.exists(os.path.join(peer_dir, "package.json")):
        with open(os.path.join(peer_dir, "package.json"), "w", encoding="utf-8") as handle:
            json.dump({"name": "telework-bench-peer", "private": True}, handle)
    print(f"installing {' '.join(AJV_PACKAGES)} into {peer_dir} ...", file=sys.stderr)
    result = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--save-exact", "--prefix", peer_dir]
                            + AJV_PACKAGES, capture_output=True, text=True)
    if result.returncode != 0 or not os.path.exists(ajv_entry(peer_dir)):
        print(f"note: npm install failed; ajv-cli is skipped:\n{result.stderr[-1500:]}", file=sys.stderr)
        return False
    return True


def run_ajv(peer_dir, repo):
    """ajv-cli in one process over a glob of every record (it globs itself,
    so no command line grows with the repo); returns the Run and the numbers
    of files it called valid and invalid."""
    if not shutil.which("node"):
        raise SystemExit("benchmark: node not found")
    run = Run(["node", ajv_entry(peer_dir), "validate", "--spec=draft2020", "-s", SCHEMA, "-c", AJV_MODULE,
               "-d", "agreements/**/*.yaml", "--errors=line"], cwd=repo).check("ajv-cli")
    valid = sum(1 for line in run.stdout.decode().splitlines() if line.endswith(" valid"))
    invalid = sum(1 for line in run.stderr.decode().splitlines() if line.endswith(" invalid"))
    return run, valid, invalid


def build_tool(directory, source, libraries=()):
    """A bench/*.cpp program built once per source text into directory."""
    text = open(source, "rb").read()
    name = os.path.splitext(os.path.basename(source))[0]
    binary = os.path.join(directory, f"{name}-{hashlib.sha256(text).hexdigest()[:12]}")
    if not os.path.exists(binary):
        os.makedirs(directory, exist_ok=True)
        partial = f"{binary}.{os.getpid()}"
        subprocess.run([os.environ.get("CXX", "g++"), "-O2", "-std=c++20", source, "-o", partial, *libraries],
                       check=True)
        os.replace(partial, binary)
    return binary


def build_tools(directory):
    """The launcher that measures every run, and the yaml-cpp floor."""
    Run.launcher = build_tool(directory, LAUNCHER_SOURCE)
    return build_tool(directory, FLOOR_SOURCE, ["-lyaml-cpp"])


def run_floor(binary, repo):
    run = Run([binary, os.path.join(repo, "agreements")]).check("yaml-cpp floor", codes=(0,))
    found = re.match(rb"(\d+) files (\d+) events (\d+) errors", run.stdout)
    if not found:
        raise SystemExit(f"benchmark: the floor printed {run.stdout[:200]!r}")
    return run, int(found.group(1))


def machine():
    model = "?"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count()
    try:
        with open("/proc/meminfo", encoding="utf-8") as handle:
            memory = int(handle.readline().split()[1]) // 1024 // 1024
    except (OSError, ValueError, IndexError):
        memory = "?"
    return {"cpu": model, "cores": cores, "memory_gib": memory, "kernel": platform.release(),
            "load_average": list(os.getloadavg()),
            "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds")}


def files_judged(run):
    return run.json().get("files")


def modify_one(repo):
    """An uncommitted change to one record that keeps it valid; returns its path."""
    path = os.path.join(repo, record_path(1))
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    changed = text.replace("Answer taxpayer and practitioner calls", "Answer taxpayer and practitioner e-mail", 1)
    if changed == text:
        raise SystemExit(f"benchmark: cannot change {path}")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(changed)
    return record_path(1)


# --------------------------------------------------------------- measuring

def measure(options, telework_binary, repo, scratch, peer_dir, install_peer, count):
    """Every measurement on the generated repo; returns (rows, notes, facts)."""
    floor_binary = build_tools(os.path.join(scratch, "tools") if options.self_test
                               else os.path.join(peer_dir, "tools"))
    tw = Telework(telework_binary, repo, options.jobs, scratch)
    rows = {}  # name -> dict(label, wall, cpu, rss, files, code)
    notes = []

    def row(name, label, run, files):
        rows[name] = {"label": label, "wall_s": run.wall, "cpu_s": run.cpu, "peak_rss_mib": run.rss,
                      "files": files, "files_per_s": files / run.wall if run.wall else None,
                      "exit": run.returncode}
        return run

    suffix = " (warm)" if tw.has_cache else ""
    if os.path.exists(tw.cache_dir):
        shutil.rmtree(tw.cache_dir)
    os.makedirs(tw.cache_dir)
    cold = row("validate_cold", "validate, cold" + (" (empty --cache-dir)" if tw.has_cache else " (no cache)"),
               tw.run("validate cold", "validate"), count)
    report = cold.json()
    if tw.has_cache:
        warm = row("validate_warm", "validate, warm (same --cache-dir)", tw.run("validate warm", "validate"), count)
        if warm.json().get("findings") != report.get("findings"):
            notes.append("warm validate's findings differ from cold validate's")
        row("validate_no_cache", "validate --no-cache", tw.run("validate --no-cache", "validate", cache=False), count)
    else:
        notes.append("no warm or --no-cache run: the binary has no cache, a second run would repeat the cold one")
    row("expire", "expire" + suffix, tw.run("expire", "expire"), count)
    row("report", "report" + suffix, tw.run("report", "report"), count)
    # check-eligibility decides each record anew and is not cheap (today
    # about 60 KiB a record): one unit's records unless --all-eligibility.
    sample = "agreements" if options.all_eligibility else os.path.dirname(record_path(count - 1))
    judged = count if options.all_eligibility else sum(1 for i in range(count) if record_path(i).startswith(sample + "/"))
    eligibility = tw.run("check-eligibility", "check-eligibility", sample, codes=(0, 1, 2))
    if eligibility.returncode == 2:
        notes.append("check-eligibility refused the agreements (exit 2): "
                     + eligibility.stderr.decode(errors="replace").strip()[:200])
    else:
        row("check_eligibility", "check-eligibility" + suffix + ("" if options.all_eligibility else
                                                                 f", one unit ({judged} files)"), eligibility, judged)

    changed = modify_one(repo)
    since = row("changed_since", "validate --changed-since HEAD, 1 changed" + suffix,
                tw.run("--changed-since", "validate", "--changed-since", "HEAD"), 1)
    judged = files_judged(since)
    subprocess.run(["git", "-C", repo, "checkout", "-q", "--", changed], check=True)
    if judged != 1:
        notes.append(f"--changed-since HEAD with one changed file judged {judged} files")

    single = [Run(tw.argv("validate", record_path(2), cache=None, fmt=None), cwd=repo, env=tw.env)
              .check("single-file validate") for _ in range(options.single_runs)]
    middle = sorted(single, key=lambda r: r.wall)[len(single) // 2]
    row("single_file", f"validate one file (median of {len(single)})", middle, 1)
    rows["single_file"]["wall_s"] = statistics.median(r.wall for r in single)
    rows["single_file"]["files_per_s"] = 1 / rows["single_file"]["wall_s"]
    rows["single_file"]["cpu_s"] = statistics.median(r.cpu for r in single)
    rows["single_file"]["peak_rss_mib"] = max(r.rss for r in single)

    ajv = None
    if install_peer(peer_dir):
        run, valid, invalid = run_ajv(peer_dir, repo)
        row("ajv", "ajv-cli, schema only (1 process)", run, valid + invalid)
        ajv = (valid, invalid)
    else:
        notes.append(f"ajv-cli skipped: not installed in {peer_dir}")
    # Like for like with the floor, and next to it in time: one thread, an
    # empty cache. On a machine whose cores share a physical core, each of
    # two busy threads runs slower (two floors side by side took about a
    # fifth more CPU each on the 2-core VM), which the two-job cold run pays
    # and the one-thread floor does not. The target keeps the two-job run.
    if os.path.exists(tw.cache_dir):
        shutil.rmtree(tw.cache_dir)
    os.makedirs(tw.cache_dir)
    jobs, tw.jobs = tw.jobs, 1
    try:
        row("validate_cold_1_job", "validate, cold, 1 job" + (" (empty --cache-dir)" if tw.has_cache else ""),
            tw.run("validate cold, 1 job", "validate"), count)
    finally:
        tw.jobs = jobs
    floor, floor_files = run_floor(floor_binary, repo)
    row("floor", "yaml-cpp event parse, 1 thread (floor)", floor, floor_files)
    # Two floors at once, each over the whole repo: what a thread of yaml-cpp
    # costs when both cores are busy, as they are in the two-job cold run. It
    # measures the machine, not telework; the target keeps the one floor.
    side_by_side = [None, None]

    def floor_beside(slot):
        try:
            side_by_side[slot] = run_floor(floor_binary, repo)
        except BaseException as error:  # a thread cannot raise to its joiner
            side_by_side[slot] = error
    threads = [threading.Thread(target=floor_beside, args=(slot,)) for slot in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for outcome in side_by_side:
        if not isinstance(outcome, tuple):
            raise SystemExit(f"benchmark: a floor run beside another failed: {outcome}")
    for slot, (run, files) in enumerate(side_by_side):
        row(f"floor_beside_{slot + 1}", f"floor, two at once ({slot + 1} of 2)", run, files)
    # More pairs of a cold run and the floor, side by side in time and in
    # alternating order: this VM's speed drifts by a fifth over minutes, and
    # the first cold run and the floor are minutes apart. The target takes
    # the median ratio of all pairs.
    for pair in range(2, options.pairs + 1):
        def cold_again():
            if os.path.exists(tw.cache_dir):
                shutil.rmtree(tw.cache_dir)
            os.makedirs(tw.cache_dir)
            row(f"validate_cold_pair_{pair}", f"validate, cold, pair {pair}", tw.run("validate cold", "validate"), count)
            if tw.has_cache:
                # And warm at once on the cache it filled, for the speed-up's median.
                row(f"validate_warm_pair_{pair}", f"validate, warm, pair {pair}", tw.run("validate warm", "validate"),
                    count)
        def floor_again():
            again, files = run_floor(floor_binary, repo)
            row(f"floor_pair_{pair}", f"floor, pair {pair}", again, files)
        for step in ((floor_again, cold_again) if pair % 2 == 0 else (cold_again, floor_again)):
            step()
    return tw, rows, notes, {"report": report, "ajv": ajv, "floor_files": floor_files}


def repeats(rows, name, figure):
    """A figure of a run and of its repeats in the pairs (name_pair_2, ...)."""
    out = [rows[name][figure]]
    pair = 2
    while f"{name}_pair_{pair}" in rows:
        out.append(rows[f"{name}_pair_{pair}"][figure])
        pair += 1
    return out


def cold_floor_ratios(rows):
    """Cold validate CPU / floor CPU for each pair measured: the first cold run with the floor, then the pairs."""
    return [cold / floor for cold, floor in zip(repeats(rows, "validate_cold", "cpu_s"), repeats(rows, "floor", "cpu_s"))]


def walls(rows, name):
    """Wall times of a run and of its repeats in the pairs (cold and warm validate)."""
    return repeats(rows, name, "wall_s")


def verdicts(tw, rows):
    """Issue 14's targets: (figure, measured text, target text, ratio to the target, verdict)."""
    out = []
    no_cache = "n/a (binary has no cache)"
    budget = 250

    def add(figure, measured, target, ratio, passed, na=None):
        out.append((figure, measured, target, f"{ratio:.2f}" if ratio is not None else "-",
                    na if na else ("PASS" if passed else "FAIL")))

    for name, data in rows.items():
        if name in ("ajv", "floor") or "_pair_" in name or name.startswith("floor_beside") or (
                name == "check_eligibility" and data["files"] != rows["validate_cold"]["files"]
                and data["peak_rss_mib"] <= budget):
            continue
        add(f"peak RSS, {data['label']}", f"{data['peak_rss_mib']:.0f} MiB", f"<= {budget:.0f} MiB",
            data["peak_rss_mib"] / budget, data["peak_rss_mib"] <= budget)
    cold, warm = rows["validate_cold"], rows.get("validate_warm")
    if warm:
        colds, warms = walls(rows, "validate_cold"), walls(rows, "validate_warm")
        speed = statistics.median(colds) / statistics.median(warms)
        add("warm validate speed-up over cold" + (f" (medians of {len(colds)} runs each)" if len(colds) > 1 else ""),
            f"{speed:.1f}x", ">= 20x", speed / 20, speed >= 20)
    else:
        add("warm validate speed-up over cold", "-", ">= 20x", None, False, no_cache)
    if warm and "ajv" in rows:
        over_ajv = rows["ajv"]["wall_s"] / statistics.median(walls(rows, "validate_warm"))
        add("warm validate speed-up over ajv-cli", f"{over_ajv:.1f}x", ">= 10x", over_ajv / 10, over_ajv >= 10)
    else:
        add("warm validate speed-up over ajv-cli", "-", ">= 10x", None, False,
            no_cache if not warm else "n/a (ajv-cli not installed)")
    since = rows["changed_since"]["wall_s"]
    add("--changed-since HEAD, one changed file, warm", f"{since:.2f} s", "< 1.5 s", since / 1.5, since < 1.5,
        None if tw.has_cache else no_cache)
    pairs = cold_floor_ratios(rows)
    cpu = statistics.median(pairs)
    add("cold validate CPU / yaml-cpp floor CPU" + (f" (median of {len(pairs)} pairs)" if len(pairs) > 1 else ""),
        f"{cpu:.2f}x", "<= 1.15x", cpu / 1.15, cpu <= 1.15)
    single = rows["single_file"]["wall_s"] * 1000
    add("single-file validate (median)", f"{single:.1f} ms", "< 10 ms", single / 10, single < 10)
    return out


def ratios(rows):
    """Other ratios worth reading beside the targets."""
    out = []
    cold, warm = rows["validate_cold"], rows.get("validate_warm")
    if warm:
        out.append(("cold validate CPU / warm validate CPU", cold["cpu_s"] / warm["cpu_s"]))
        if "ajv" in rows:
            out.append(("ajv-cli CPU / warm validate CPU", rows["ajv"]["cpu_s"] / warm["cpu_s"]))
    if "ajv" in rows:
        out.append(("ajv-cli CPU / cold validate CPU", rows["ajv"]["cpu_s"] / cold["cpu_s"]))
        out.append(("ajv-cli wall / cold validate wall", rows["ajv"]["wall_s"] / cold["wall_s"]))
        out.append(("ajv-cli peak RSS / cold validate peak RSS", rows["ajv"]["peak_rss_mib"] / cold["peak_rss_mib"]))
    out.append(("cold validate wall / floor wall", cold["wall_s"] / rows["floor"]["wall_s"]))
    if "floor_beside_2" in rows:
        beside = statistics.mean(rows[f"floor_beside_{slot}"]["cpu_s"] for slot in (1, 2))
        out.append(("floor CPU, two at once (mean) / floor CPU alone (the machine's cost of both cores busy)",
                    beside / rows["floor"]["cpu_s"]))
        out.append(("cold validate CPU / floor CPU two at once (both cores busy in each)", cold["cpu_s"] / beside))
    if "validate_cold_1_job" in rows:
        out.append(("cold validate CPU, 1 job / floor CPU (like for like)",
                    rows["validate_cold_1_job"]["cpu_s"] / rows["floor"]["cpu_s"]))
    pairs = cold_floor_ratios(rows)
    if len(pairs) > 1:
        out.append(("cold validate CPU / floor CPU, each pair", " ".join(f"{r:.2f}" for r in pairs)))
    if warm and len(walls(rows, "validate_warm")) > 1:
        speeds = [c / w for c, w in zip(walls(rows, "validate_cold"), walls(rows, "validate_warm"))]
        out.append(("cold validate wall / warm validate wall, each pair", " ".join(f"{r:.1f}" for r in speeds)))
    out.append(("cold validate CPU / cold validate wall (cores busy)", cold["cpu_s"] / cold["wall_s"]))
    out.append(("--changed-since wall / cold validate wall", rows["changed_since"]["wall_s"] / cold["wall_s"]))
    if "validate_no_cache" in rows:
        out.append(("--no-cache wall / cold validate wall", rows["validate_no_cache"]["wall_s"] / cold["wall_s"]))
    return out


def table(header, lines, right):
    widths = [max(len(str(x)) for x in column) for column in zip(header, *lines)]
    def fmt(cells):
        return "  ".join(str(c).rjust(w) if i in right else str(c).ljust(w)
                         for i, (c, w) in enumerate(zip(cells, widths))).rstrip()
    return "\n".join([fmt(header), fmt(["-" * w for w in widths])] + [fmt(line) for line in lines])


def print_results(info, tw, rows, targets, notes):
    info["load_average_after"] = list(os.getloadavg())
    print(f"machine: {info['cpu']}, {info['cores']} cores, {info['memory_gib']} GiB, Linux {info['kernel']}, "
          f"{info['date']}, load average {info['load_average'][0]:.2f} before, {info['load_average_after'][0]:.2f} after"
          + (" (a busy machine: wall times are inflated, CPU times less so)"
             if max(info["load_average"][0], info["load_average_after"][0]) > info["cores"] else ""))
    print(f"telework: {tw.binary} ({tw.version}), -j {tw.jobs}, cache: "
          f"{'yes' if tw.has_cache else 'n/a (binary has no cache options)'}")
    print(f"repo: {info['records']:,} records, {info['bytes'] / MiB:.0f} MiB ({info['bytes'] / info['records']:.0f}"
          f" bytes a record), {info['directories']} directories, {info['findings']}; generated and committed in "
          f"{info['generate_s']:.1f} s, in {info['repo']}")
    print()
    lines = [[data["label"], f"{data['wall_s']:.3f}" if data["wall_s"] < 1 else f"{data['wall_s']:.2f}",
              f"{data['files_per_s']:,.0f}", f"{data['cpu_s']:.3f}" if data["cpu_s"] < 1 else f"{data['cpu_s']:.2f}", f"{data['peak_rss_mib']:.1f}", data["exit"]]
             for data in rows.values()]
    print(table(["measurement", "wall s", "files/s", "CPU s", "peak RSS MiB", "exit"], lines, {1, 2, 3, 4, 5}))
    print()
    print(table(["target (issue 14)", "measured", "target", "ratio", "verdict"], targets, {1, 3}))
    print()
    for label, value in ratios(rows):
        print(f"{label}: {value:.2f}" if isinstance(value, float) else f"{label}: {value}")
    passed = sum(1 for t in targets if t[4] == "PASS")
    failed = sum(1 for t in targets if t[4] == "FAIL")
    print(f"targets: {passed} pass, {failed} fail, {len(targets) - passed - failed} n/a")
    for note in notes:
        print(f"note: {note}")


# ---------------------------------------------------------------- self-test

def self_test(options, telework):
    """The generator, and every measurement once on a small repo."""
    count = 200
    problems = []
    scratch = tempfile.mkdtemp(prefix="telework-bench-selftest-", dir=options.work_dir or work_dir_default(count))
    try:
        repo = os.path.join(scratch, "repo")
        info = machine()
        start = time.perf_counter()
        total, directories = generate(repo, count)
        generate_s = time.perf_counter() - start
        generator = Generator()
        texts = [generator.text(i) for i in range(count)]
        for label, pattern in (("ids", r"^id: (\S+)$"), ("employee ids", r"^employee:\n  id: (\S+)$"),
                               ("employee names", r"^employee:\n  id: \S+\n  name: (.+)$")):
            values = {re.search(pattern, t, re.MULTILINE).group(1) for t in texts}
            if len(values) != count:
                problems.append(f"{count - len(values)} records share {label}")
        if not 2000 <= total / count <= 3000:
            problems.append(f"{total / count:.0f} bytes a record, not about 2.5 KB")
        if directories != -(-count // PER_UNIT):
            problems.append(f"{directories} directories, not {-(-count // PER_UNIT)}")
        status = subprocess.run(["git", "-C", repo, "status", "--porcelain"], capture_output=True, text=True)
        commits = subprocess.run(["git", "-C", repo, "rev-list", "--count", "HEAD"], capture_output=True, text=True)
        if status.stdout or commits.stdout.strip() != "1":
            problems.append(f"the repo is not one clean commit: {commits.stdout.strip()} commits, {status.stdout[:200]}")

        tw, rows, notes, facts = measure(options, telework, repo, scratch, options.peer_dir,
                                         lambda d: os.path.exists(ajv_entry(d)), count)
        report = facts["report"]
        rules = [f["rule"] for f in report["findings"]]
        if report["files"] != count:
            problems.append(f"{report['files']} files judged, not {count}")
        expected = expected_findings(count)
        others = sorted(set(rules) - set(expected))
        if others:
            problems.append(f"unexpected findings: {others}")
        for rule, number in expected.items():
            if rules.count(rule) != number:
                problems.append(f"{rules.count(rule)} {rule} findings, not {number}")
        if any(data["files"] != count for name, data in rows.items() if name.startswith("floor_pair_")):
            problems.append("a floor of the pairs did not parse every file")
        if facts["floor_files"] != count:
            problems.append(f"the floor parsed {facts['floor_files']} files, not {count}")
        if any(rows.get(f"floor_beside_{slot}", {}).get("files") != count for slot in (1, 2)):
            problems.append("the two floors run at once did not both parse every file")
        if tw.has_cache and len(walls(rows, "validate_warm")) != options.pairs:
            problems.append(f"{len(walls(rows, 'validate_warm'))} warm validate runs, not one per pair ({options.pairs})")
        if len(cold_floor_ratios(rows)) != options.pairs:
            problems.append(f"{len(cold_floor_ratios(rows))} pairs of cold validate and the floor, not {options.pairs}")
        if facts["ajv"] is not None and facts["ajv"] != (count - expected["TW002"], expected["TW002"]):
            problems.append(f"ajv-cli: {facts['ajv'][0]} valid, {facts['ajv'][1]} invalid; expected "
                            f"{count - expected['TW002']} and {expected['TW002']} (dates read as YAML 1.2 strings, "
                            "the schema breaks caught)")
        problems += [note for note in notes if "differ" in note or "judged" in note or "refused" in note]
        info.update(repo=repo, records=count, bytes=total, directories=directories, generate_s=generate_s,
                    findings=", ".join(f"{n} {r}" for r, n in expected.items()))
        print_results(info, tw, rows, verdicts(tw, rows), [note for note in notes if note not in problems])
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print()
    for problem in problems:
        print(f"FAIL {problem}")
    print("self-test: " + ("failed" if problems else "passed"))
    return 1 if problems else 0


# --------------------------------------------------------------------- main

def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="\n".join(__doc__.splitlines()[1:]))
    parser.add_argument("--telework", required=True, help="the telework binary to measure")
    parser.add_argument("--records", type=int, default=100000, help="records to generate (default 100000)")
    parser.add_argument("--jobs", type=int, default=2, help="telework -j (default 2)")
    parser.add_argument("--peer-dir", default=scratch_default(),
                        help="where ajv-cli is installed and the floor is built (default: %(default)s)")
    parser.add_argument("--work-dir", metavar="DIR", help="where the repo (unless --keep), the cache and other "
                        "scratch files go (default: /dev/shm when it is a tmpfs with room, else the temp dir)")
    parser.add_argument("--keep", metavar="REPO", help="generate the repo into REPO and keep it; a REPO this "
                        "script generated with the same number of records is reused")
    parser.add_argument("--all-eligibility", action="store_true", help="run check-eligibility over every record "
                        f"(default: one unit's, {PER_UNIT}; it is the costliest command)")
    parser.add_argument("--json", metavar="FILE", help="also write every figure to FILE")
    parser.add_argument("--single-runs", type=int, default=20, help="runs of the single-file validate (median)")
    parser.add_argument("--pairs", type=int, default=1, help="pairs of a cold validate and the floor run side by "
                        "side; the cold-CPU target takes their median ratio (default 1: the first cold run and "
                        "the floor; 3 or more on a machine whose speed drifts)")
    parser.add_argument("--self-test", action="store_true", help="check the generator and every measurement "
                        "on a small repo, in seconds; installs nothing")
    options = parser.parse_args()
    telework = os.path.abspath(options.telework)
    options.peer_dir = os.path.abspath(options.peer_dir)
    if not os.access(telework, os.X_OK):
        raise SystemExit(f"benchmark: {telework} is not an executable")
    if options.self_test:
        options.single_runs = min(options.single_runs, 3)
        options.pairs = max(options.pairs, 2)  # so that the self-test runs the pairs too
        return self_test(options, telework)

    scratch = tempfile.mkdtemp(prefix="telework-bench-", dir=options.work_dir or work_dir_default(options.records))
    try:
        generator_id = hashlib.sha256((TEMPLATE + generator_source()).encode()).hexdigest()[:16]
        marker_text = f"{options.records} {generator_id}\n"
        if options.keep:
            repo = os.path.abspath(options.keep)
            marker = os.path.join(repo, ".git", "telework-bench")
            reuse = os.path.exists(marker) and open(marker, encoding="utf-8").read() == marker_text
            if reuse:
                subprocess.run(["git", "-C", repo, "checkout", "-q", "--", "."], check=True)
            elif os.path.exists(repo) and os.listdir(repo):
                raise SystemExit(f"benchmark: {repo} exists and is not a repo this benchmark generated "
                                 f"with {options.records} records")
        else:
            repo, reuse, marker = os.path.join(scratch, "repo"), False, None
        info = machine()
        start = time.perf_counter()
        if reuse:
            total = sum(os.path.getsize(os.path.join(repo, record_path(i))) for i in range(options.records))
            directories = len({os.path.dirname(record_path(i)) for i in range(options.records)})
        else:
            total, directories = generate(repo, options.records)
            if marker:
                with open(marker, "w", encoding="utf-8") as handle:
                    handle.write(marker_text)
        generate_s = time.perf_counter() - start
        tw, rows, notes, facts = measure(options, telework, repo, scratch, options.peer_dir, install_ajv,
                                         options.records)
        expected = expected_findings(options.records)
        rules = [f["rule"] for f in facts["report"]["findings"]]
        for rule, number in expected.items():
            if rules.count(rule) != number:
                notes.append(f"cold validate found {rules.count(rule)} {rule}, the generator made {number}")
        if facts["ajv"] is not None and facts["ajv"][1] != expected["TW002"]:
            notes.append(f"ajv-cli called {facts['ajv'][1]} files invalid, the generator broke {expected['TW002']}")
        info.update(repo=repo, records=options.records, bytes=total, directories=directories, generate_s=generate_s,
                    findings=f"{sum(expected.values())} with findings ("
                    + ", ".join(f"{n} {r}" for r, n in expected.items()) + ")")
        targets = verdicts(tw, rows)
        if options.records != 100000:
            notes.append(f"the targets are for 100,000 records; this run has {options.records:,}")
        print_results(info, tw, rows, targets, notes)
        if options.json:
            with open(options.json, "w", encoding="utf-8") as handle:
                json.dump({"machine": info, "telework": {"binary": tw.binary, "version": tw.version,
                                                         "jobs": tw.jobs, "cache": tw.has_cache},
                           "runs": rows, "targets": [dict(zip(("figure", "measured", "target", "ratio", "verdict"), t))
                                                     for t in targets],
                           "ratios": dict(ratios(rows)), "notes": notes}, handle, indent=2)
                handle.write("\n")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
