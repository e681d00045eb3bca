#!/usr/bin/env python3
"""Builds the Debian package of a build directory with `cpack -G DEB` and
checks it as a user would meet it, installed in a scratch root (`dpkg -x`).

Checks: the file is telework_<version>_<arch>.deb; its control fields
(Package, Version, Architecture, Maintainer, Section, Homepage, Description)
are there, and Depends names the package of every shared library the binary
links (as dpkg -S finds them); everything lies under /usr; <root>/usr/bin/telework
--version prints the project's version; the three completion files are where
bash-completion, zsh and fish look, and each is what the packaged binary writes;
the manual page is there and `man -l` renders it, with the completion command.
Debian's /usr/bin/python3, standard library only; needs dpkg-dev, man-db, binutils.
"""
import argparse
import gzip
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checker import Checker  # noqa: E402

COMPLETIONS = {
    "bash": "usr/share/bash-completion/completions/telework",
    "zsh": "usr/share/zsh/vendor-completions/_telework",
    "fish": "usr/share/fish/vendor_completions.d/telework.fish",
}


def run(argv, **kwargs):
    return subprocess.run(argv, capture_output=True, text=True, check=False, **kwargs)


def needed_libraries(binary):
    """{soname: path} of the binary's direct dependencies (DT_NEEDED, resolved by ldd)."""
    dump = run(["objdump", "-p", binary]).stdout
    names = re.findall(r"^\s+NEEDED\s+(\S+)$", dump, re.MULTILINE)
    resolved = dict(re.findall(r"^\s*(\S+) => (\S+) \(", run(["ldd", binary]).stdout, re.MULTILINE))
    return {name: resolved.get(name) for name in names}


def owning_package(path):
    """The Debian package that installed `path` (trying its /usr-merged spellings)."""
    candidates = [path, os.path.realpath(path)]
    for candidate in list(candidates):
        if candidate.startswith("/usr/"):
            candidates.append(candidate[len("/usr"):])
        else:
            candidates.append("/usr" + candidate)
    for candidate in candidates:
        result = run(["dpkg", "-S", candidate])
        if result.returncode == 0 and result.stdout:
            return result.stdout.split(":", 1)[0].split(",")[0].strip()
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", required=True, help="the CMake build directory (with CPackConfig.cmake)")
    parser.add_argument("--cpack", default="cpack")
    parser.add_argument("--version", required=True, help="the project's version (project() in CMakeLists.txt)")
    parser.add_argument("--telework", required=True, help="the binary of the build, whose libraries the package must depend on")
    parser.add_argument("--scratch", required=True, help="a directory for the package and its root (emptied first)")
    options = parser.parse_args()
    check = Checker()

    shutil.rmtree(options.scratch, ignore_errors=True)
    os.makedirs(options.scratch)
    out_dir = os.path.join(options.scratch, "package")
    root = os.path.join(options.scratch, "root")

    built = run([options.cpack, "-G", "DEB", "--config", os.path.join(options.build_dir, "CPackConfig.cmake"),
                 "-B", out_dir])
    check.equal(built.returncode, 0, "cpack -G DEB: exit status")
    if built.returncode != 0:
        print(built.stdout + built.stderr)
        print(f"{check.passed} passed, {check.failed} failed")
        return 1

    arch = run(["dpkg", "--print-architecture"]).stdout.strip()
    name = f"telework_{options.version}_{arch}.deb"
    debs = sorted(entry for entry in os.listdir(out_dir) if entry.endswith(".deb"))
    check.equal(debs, [name], "cpack writes one package, named telework_<version>_<arch>.deb")
    deb = os.path.join(out_dir, name)
    if not os.path.exists(deb):
        print(f"{check.passed} passed, {check.failed} failed")
        return 1

    # The control fields.
    fields = {}
    for field in ("Package", "Version", "Architecture", "Maintainer", "Section", "Homepage", "Description", "Depends"):
        fields[field] = run(["dpkg-deb", "-f", deb, field]).stdout.strip()
    check.equal(fields["Package"], "telework", "Package")
    check.equal(fields["Version"], options.version, "Version is the project's")
    check.equal(fields["Architecture"], arch, "Architecture")
    check.equal(fields["Section"], "utils", "Section")
    check.check(re.search(r"<[^@>]+@[^>]+>", fields["Maintainer"]) is not None, "Maintainer has an address",
                fields["Maintainer"])
    check.check(fields["Homepage"].startswith("https://"), "Homepage", fields["Homepage"])
    description = fields["Description"].splitlines()
    check.check(len(description) >= 2 and description[0].strip(), "Description has a summary and a body",
                fields["Description"])
    depends = {re.split(r"[\s(]", item.strip(), maxsplit=1)[0].split(":")[0]
               for item in re.split(r"[,|]", fields["Depends"]) if item.strip()}
    libraries = needed_libraries(options.telework)
    check.check(len(libraries) >= 3, "the binary's shared libraries are found (objdump -p)", str(libraries))
    for soname, path in sorted(libraries.items()):
        package = owning_package(path) if path else None
        check.check(package is not None, f"{soname} belongs to a package", str(path))
        if package:
            check.check(package in depends, f"Depends names {package} (for {soname})", fields["Depends"])

    # Every file under /usr.
    listing = run(["dpkg-deb", "-c", deb]).stdout
    paths = [line.split()[-1] for line in listing.splitlines() if line.strip()]
    outside = [path for path in paths if path not in ("./", "./usr/") and not path.startswith("./usr/")]
    check.check(paths and not outside, "every file lies under /usr", str(outside))
    check.check(not any("/local/" in path for path in paths), "nothing under /usr/local", listing)

    # Installed into a scratch root.
    unpacked = run(["dpkg", "-x", deb, root])
    check.equal(unpacked.returncode, 0, "dpkg -x: exit status")
    binary = os.path.join(root, "usr/bin/telework")
    check.check(os.access(binary, os.X_OK), "usr/bin/telework is an executable")
    version = run([binary, "--version"])
    check.equal((version.returncode, version.stdout.strip()), (0, f"telework {options.version}"),
                "<root>/usr/bin/telework --version")

    for shell, path in COMPLETIONS.items():
        full = os.path.join(root, path)
        check.check(os.path.isfile(full), f"the {shell} completion is at /{path}")
        if os.path.isfile(full):
            with open(full, encoding="utf-8") as handle:
                shipped = handle.read()
            written = run([binary, "completion", shell]).stdout
            check.check(shipped == written and len(shipped) > 200,
                        f"/{path} is what `telework completion {shell}` writes")

    manual = None
    for candidate in ("usr/share/man/man1/telework.1", "usr/share/man/man1/telework.1.gz"):
        if os.path.isfile(os.path.join(root, candidate)):
            manual = os.path.join(root, candidate)
    check.check(manual is not None, "the manual page is in usr/share/man/man1")
    if manual:
        opener = gzip.open if manual.endswith(".gz") else open
        with opener(manual, "rt", encoding="utf-8") as handle:
            source = handle.read()
        check.check(source.startswith(".\\\"") or ".TH TELEWORK 1" in source, "the manual page is roff", source[:80])
        environment = dict(os.environ, MANPAGER="cat", PAGER="cat", MANWIDTH="80", LC_ALL="C.UTF-8",
                           MAN_KEEP_FORMATTING="0")
        rendered = run(["man", "-l", manual], env=environment)
        text = re.sub(r".\x08", "", rendered.stdout)
        check.equal(rendered.returncode, 0, "man -l renders the packaged page: exit status")
        check.check("NAME" in text and "telework" in text, "man -l shows the page", rendered.stderr[:500])
        check.check(re.search(r"^\s+completion\b", text, re.MULTILINE) is not None,
                    "the rendered page has the completion command", text[:300])
        check.check(not rendered.stderr.strip(), "man -l prints no warnings", rendered.stderr[:500])

    return check.finish(options.scratch)


if __name__ == "__main__":
    sys.exit(main())
