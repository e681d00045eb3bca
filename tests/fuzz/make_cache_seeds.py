#!/usr/bin/python3
"""Makes the cache fuzzer's seed packs (tests/fuzz/corpus/cache/) with a real binary.

Run it again whenever the pack format changes:

    tests/fuzz/make_cache_seeds.py --telework build/src/telework

telework validates a scratch directory holding the two fixed records of
fixed_records.hpp (and, for the larger packs, an empty record, a record
that does not parse and a few examples) with a scratch cache directory; the
pack it writes is given the fuzzer's run key, then damaged in the ways a
restored CI cache can be. The regression inputs in tests/fuzz/regressions/
are made from the same packs.
"""
import argparse
import glob
import hashlib
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
FUZZER_KEY = b"telework cache fuzzer"  # cache_fuzzer.cpp's run_key
MAGIC = b"TWPACK02"
INDEX_RECORD = struct.Struct("<32sQIIII32s")  # digest, offset, agreement, findings, generation, keys, check


def fixed_records():
    text = open(os.path.join(HERE, "fixed_records.hpp"), encoding="utf-8").read()
    found = dict(re.findall(r'constexpr std::string_view (\w+) = R"\((.*?)\)";', text, re.S))
    return {"ct.yaml": found["ct_record"], "opm.yaml": found["opm_record"]}


def cache_of(telework, files, settle=False):
    """The pack (and, when the files are left to settle first, the stamps
    file) telework writes for a directory holding `files`."""
    with tempfile.TemporaryDirectory(prefix="telework-seeds.") as top:
        records = os.path.join(top, "records")
        os.makedirs(records)
        for name, text in files.items():
            with open(os.path.join(records, name), "w", encoding="utf-8") as out:
                out.write(text)
        if settle:
            time.sleep(2.5)  # stamps are kept only for files changed 2 s before a run
        env = dict(os.environ, TELEWORK_CACHE_DIR=os.path.join(top, "cache"), NO_COLOR="1")
        subprocess.run([telework, "validate", "--as-of", "2026-11-20", records], env=env, stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        packs = glob.glob(os.path.join(top, "cache", "v1", "*.pack"))
        stamps = glob.glob(os.path.join(top, "cache", "v1", "*.stamps"))
        if len(packs) != 1 or len(stamps) != (1 if settle else 0):
            sys.exit(f"make_cache_seeds: expected one pack (and stamps when settled), found {packs} {stamps}")
        return open(packs[0], "rb").read(), (open(stamps[0], "rb").read() if settle else None)


def pack_of(telework, files):
    return cache_of(telework, files)[0]


def with_key(pack, key):
    """The pack with another run key; the index offsets move with it."""
    if pack[:8] != MAGIC:
        sys.exit("make_cache_seeds: the binary writes another pack format; update MAGIC and INDEX_RECORD")
    (old_size,) = struct.unpack_from("<I", pack, 8)
    shift = len(key) - old_size
    rest = pack[12 + old_size:]
    generation, count = struct.unpack_from("<II", rest, 0)
    index = bytearray(rest[8:8 + count * INDEX_RECORD.size])
    for i in range(count):
        record = list(INDEX_RECORD.unpack_from(index, i * INDEX_RECORD.size))
        record[1] += shift
        INDEX_RECORD.pack_into(index, i * INDEX_RECORD.size, *record)
    return MAGIC + struct.pack("<I", len(key)) + key + rest[:8] + bytes(index) + rest[8 + count * INDEX_RECORD.size:]


def layout(pack):
    (key_size,) = struct.unpack_from("<I", pack, 8)
    at = 12 + key_size
    _, count = struct.unpack_from("<II", pack, at)
    index_at = at + 8
    return at, index_at, [INDEX_RECORD.unpack_from(pack, index_at + i * INDEX_RECORD.size) for i in range(count)]


def flipped_in_entry(pack, which):
    _, _, index = layout(pack)
    _, offset, a, f, _, k, _ = index[which]
    data = bytearray(pack)
    data[offset + (a + f + k) // 2] ^= 0x20
    return bytes(data)


def repeated_digest(pack):
    """The last index record names the digest of the first again, over a
    damaged copy of another entry: the case of the regression
    rewritten-pack-refused-entry."""
    count_at, index_at, index = layout(pack)
    first = list(index[0])
    other = list(index[-1])
    damaged = bytearray(pack[other[1]:other[1] + other[2] + other[3] + other[5]])
    damaged[len(damaged) // 2] ^= 0x20
    index = index + [(first[0], 0, other[2], other[3], other[4], other[5], other[6])]
    index.sort(key=lambda record: (record[0], record[1] != 0))  # the damaged copy first, where find() looks
    head = pack[:count_at] + struct.pack("<II", 1, len(index))
    body_at = index_at + len(index) * INDEX_RECORD.size
    old_body_at = index_at + (len(index) - 1) * INDEX_RECORD.size
    shift = body_at - old_body_at
    out_index = b""
    for record in index:
        record = list(record)
        record[1] = len(pack) + shift if record[1] == 0 else record[1] + shift
        out_index += INDEX_RECORD.pack(*record)
    return head + out_index + pack[old_body_at:] + bytes(damaged)


def entry_past_the_end(pack, loaded):
    """The agreement of an entry no record of the run loads runs 3.75 GiB
    past the end of the pack: the case of the regression entry-past-the-end
    (save() allocated that much to check it)."""
    _, index_at, index = layout(pack)
    which = next(i for i, record in enumerate(index) if record[0] not in loaded)
    record = list(index[which])
    record[2] = 0xF0000000
    data = bytearray(pack)
    INDEX_RECORD.pack_into(data, index_at + which * INDEX_RECORD.size, *record)
    return bytes(data)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--telework", required=True)
    args = parser.parse_args()
    fixed = fixed_records()
    examples = sorted(glob.glob(os.path.join(SOURCE, "examples", "connecticut", "agreements", "*", "*.yaml")))[:4]
    mixed_files = dict(fixed)
    mixed_files["empty.yaml"] = ""
    mixed_files["broken.yaml"] = "format: 1\nid: [unclosed\n"
    for path in examples:
        mixed_files[os.path.basename(path)] = open(path, encoding="utf-8").read()

    fixed_pack = with_key(pack_of(args.telework, fixed), FUZZER_KEY)
    mixed_pack = with_key(pack_of(args.telework, mixed_files), FUZZER_KEY)
    _, stamps = cache_of(args.telework, mixed_files, settle=True)
    key_end = 12 + len(FUZZER_KEY)
    seeds = {
        "fixed-records.pack": fixed_pack,
        "mixed.pack": mixed_pack,
        "entry-flipped.pack": flipped_in_entry(mixed_pack, 2),
        "foreign-key.pack": with_key(fixed_pack, b"telework another build"),
        "huge-count.pack": fixed_pack[:key_end + 4] + struct.pack("<I", 0xFFFFFFFF) + fixed_pack[key_end + 8:],
        "truncated-half.pack": mixed_pack[:len(mixed_pack) // 2],
        "truncated-header.pack": fixed_pack[:10],
        "magic-only.pack": MAGIC,
        "garbage.pack": bytes((i * 131 + 7) % 256 for i in range(600)),
        "mixed.stamps": stamps,
        "stamps-huge-count.stamps": stamps[:8] + struct.pack("<Q", 1 << 40) + stamps[16:],
        "stamps-truncated.stamps": stamps[:len(stamps) // 2],
    }
    corpus = os.path.join(HERE, "corpus", "cache")
    shutil.rmtree(corpus, ignore_errors=True)
    os.makedirs(corpus)
    for name, data in seeds.items():
        with open(os.path.join(corpus, name), "wb") as out:
            out.write(data)
    loaded = {hashlib.sha256(text.encode()).digest() for text in fixed.values()}
    regressions = {"rewritten-pack-refused-entry": repeated_digest(mixed_pack),
                   "entry-past-the-end": entry_past_the_end(mixed_pack, loaded)}
    for name, data in regressions.items():
        with open(os.path.join(HERE, "regressions", "cache", name), "wb") as out:
            out.write(data)
    print(f"make_cache_seeds: {len(seeds)} seeds in {corpus}, {len(regressions)} regression inputs")


if __name__ == "__main__":
    main()
