#!/usr/bin/env python3
"""Checks an iCalendar file written by `telework expire --format ics` against
RFC 5545: CRLF line ends, lines of at most 75 octets, folding that unfolds to
the original content lines, required properties, at least one component in
the calendar, one stable UID per event, a VALARM reminder in each agreement's
event, a note per skipped record, and DTSTAMP the time the file is made (UTC;
SOURCE_DATE_EPOCH when set).
"""
import argparse
import datetime
import os
import subprocess
import sys

EPOCH = 1795156200  # 2026-11-20T06:30:00Z


def stamp(seconds):
    return datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def run(telework, args, epoch):
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = str(epoch)
    return subprocess.run([telework, "expire", "--format", "ics"] + args, capture_output=True, check=False, env=env)


def unfold(raw):
    content = []
    for line in raw.split(b"\r\n")[:-1]:
        if line.startswith(b" "):
            content[-1] += line[1:]
        else:
            content.append(line)
    return [line.decode("utf-8") for line in content]  # folding must not split a UTF-8 sequence


def components(text):
    """(name, own property lines, nested components) of each component of the VCALENDAR."""
    found, stack = [], []
    for line in text[1:-1]:
        if line.startswith("BEGIN:"):
            stack.append((line[6:], [], []))
        elif line.startswith("END:") and stack:
            done = stack.pop()
            (stack[-1][2] if stack else found).append(done)
        elif stack:
            stack[-1][1].append(line)
    return found


def names_of(lines):
    return {line.split(":", 1)[0].split(";", 1)[0] for line in lines}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--telework", required=True)
    parser.add_argument("--expect-events", type=int, required=True, help="events for agreements")
    parser.add_argument("--expect-skipped", type=int, default=0, help="notes for skipped records")
    parser.add_argument("--expect-trigger", default="-P7D", help="the TRIGGER of each agreement's VALARM")
    parser.add_argument("args", nargs="+")
    options = parser.parse_args()
    raw = run(options.telework, options.args, EPOCH).stdout
    checks = []

    def check(ok, text):
        checks.append(ok)
        print(f"{'ok  ' if ok else 'FAIL'} {text}")

    check(raw.endswith(b"\r\n"), "ends with CRLF")
    physical = raw.split(b"\r\n")[:-1]
    check(all(b"\n" not in line and b"\r" not in line for line in physical), "every line break is CRLF")
    check(all(len(line) <= 75 for line in physical), "no line longer than 75 octets")
    if options.expect_events:
        folded = sum(1 for line in physical if line.startswith(b" "))
        check(folded > 0, f"long lines are folded ({folded} continuation lines)")
    text = unfold(raw)
    check(bool(text) and text[0] == "BEGIN:VCALENDAR" and text[-1] == "END:VCALENDAR", "one VCALENDAR")
    if not text:
        print(f"0 passed, {checks.count(False)} failed: no calendar was written")
        return 1
    check("VERSION:2.0" in text, "calendar has VERSION:2.0")
    for prop in ("PRODID:", "X-WR-CALNAME:"):
        check(any(line.startswith(prop) and len(line) > len(prop) for line in text), f"calendar has {prop[:-1]}")
    parts = components(text)
    check(len(parts) >= 1, f"the calendar holds at least one component (RFC 5545 3.6): {[p[0] for p in parts]}")
    events = [p for p in parts if p[0] == "VEVENT"]
    skipped = [p for p in events if any(line.startswith("UID:") and line.endswith("@skipped.telework.agreements")
                                        for line in p[1])]
    agreements = [p for p in events if p not in skipped]
    check(len(agreements) == options.expect_events, f"{len(agreements)} agreement events, "
          f"expected {options.expect_events}")
    check(len(skipped) == options.expect_skipped, f"{len(skipped)} skipped-record notes, "
          f"expected {options.expect_skipped}")
    uids = []
    for name, lines, nested in parts:
        names = names_of(lines)
        check({"UID", "DTSTAMP"} <= names, f"{name} has UID and DTSTAMP: {sorted(names)}")
        check(f"DTSTAMP:{stamp(EPOCH)}" in lines, f"{name}: DTSTAMP is SOURCE_DATE_EPOCH in UTC")
        uids.extend(line[4:] for line in lines if line.startswith("UID:"))
        if name != "VEVENT":
            check(name == "VJOURNAL" and not events, f"{name}: a journal note only in a calendar without events")
            continue
        check({"DTSTART", "DTEND", "SUMMARY"} <= names, f"event has DTSTART, DTEND, SUMMARY: {sorted(names)}")
        start = next(line for line in lines if line.startswith("DTSTART"))
        check(start.startswith("DTSTART;VALUE=DATE:") and len(start.split(":")[1]) == 8, f"all-day event: {start}")
        alarms = [n for n in nested if n[0] == "VALARM"]
        if (name, lines, nested) in skipped:
            check(not alarms and any(line.startswith("SUMMARY:Telework record skipped: ") for line in lines),
                  "a skipped record's note names it and has no reminder")
            continue
        check(len(alarms) == 1, f"event has one VALARM ({len(alarms)})")
        for _, alarm, _ in alarms:
            check("ACTION:DISPLAY" in alarm and f"TRIGGER:{options.expect_trigger}" in alarm
                  and any(line.startswith("DESCRIPTION:") and len(line) > 12 for line in alarm),
                  f"VALARM: ACTION:DISPLAY, TRIGGER:{options.expect_trigger}, a DESCRIPTION: {alarm}")
    check(len(uids) == len(set(uids)), "UIDs are unique")
    again = run(options.telework, options.args, EPOCH).stdout
    check(again == raw, "output is stable from run to run (same UIDs, same stamps)")

    # Without SOURCE_DATE_EPOCH, DTSTAMP is the time the file is made, in UTC.
    before = int(datetime.datetime.now(datetime.timezone.utc).timestamp())
    now = unfold(run(options.telework, options.args, None).stdout)
    after = int(datetime.datetime.now(datetime.timezone.utc).timestamp())
    allowed = {f"DTSTAMP:{stamp(t)}" for t in range(before, after + 1)}
    stamps = {line for line in now if line.startswith("DTSTAMP:")}
    check(stamps and stamps <= allowed, f"without SOURCE_DATE_EPOCH, DTSTAMP is the current UTC time: {sorted(stamps)}")
    bad = run(options.telework, options.args, "yesterday")
    check(bad.returncode == 2 and b"SOURCE_DATE_EPOCH" in bad.stderr and not bad.stdout,
          "a SOURCE_DATE_EPOCH that is not a number is a usage error")
    failed = checks.count(False)
    print(f"{len(checks) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
