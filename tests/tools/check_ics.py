#!/usr/bin/env python3
"""Checks an iCalendar file written by `telework expire --format ics` against
RFC 5545: CRLF line ends, lines of at most 75 octets, folding that unfolds to
the original content lines, required properties, and one stable UID per event.
"""
import argparse
import subprocess
import sys


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--telework", required=True)
    parser.add_argument("--expect-events", type=int, required=True)
    parser.add_argument("args", nargs="+")
    options = parser.parse_args()
    raw = subprocess.run([options.telework, "expire", "--format", "ics"] + options.args, capture_output=True,
                         check=False).stdout
    checks = []

    def check(ok, text):
        checks.append(ok)
        print(f"{'ok  ' if ok else 'FAIL'} {text}")

    check(raw.endswith(b"\r\n"), "ends with CRLF")
    physical = raw.split(b"\r\n")[:-1]
    check(all(b"\n" not in line and b"\r" not in line for line in physical), "every line break is CRLF")
    check(all(len(line) <= 75 for line in physical), "no line longer than 75 octets")
    folded = sum(1 for line in physical if line.startswith(b" "))
    check(folded > 0, f"long lines are folded ({folded} continuation lines)")
    content = []
    for line in physical:
        if line.startswith(b" "):
            content[-1] += line[1:]
        else:
            content.append(line)
    text = [line.decode("utf-8") for line in content]  # folding must not split a UTF-8 sequence
    check(text[0] == "BEGIN:VCALENDAR" and text[-1] == "END:VCALENDAR", "one VCALENDAR")
    for prop in ("VERSION:2.0", "PRODID:"):
        check(any(line.startswith(prop) for line in text), f"calendar has {prop.rstrip(':')}")
    events, current = [], None
    for line in text:
        if line == "BEGIN:VEVENT":
            current = []
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            current.append(line)
    check(len(events) == options.expect_events, f"{len(events)} events, expected {options.expect_events}")
    uids = []
    for event in events:
        names = {line.split(":", 1)[0].split(";", 1)[0] for line in event}
        check({"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"} <= names, f"event has UID, DTSTAMP, DTSTART, DTEND, "
              f"SUMMARY: {sorted(names)}")
        start = next(line for line in event if line.startswith("DTSTART"))
        check(start.startswith("DTSTART;VALUE=DATE:") and len(start.split(":")[1]) == 8, f"all-day event: {start}")
        uids.extend(line[4:] for line in event if line.startswith("UID:"))
    check(len(uids) == len(set(uids)), "UIDs are unique")
    again = subprocess.run([options.telework, "expire", "--format", "ics"] + options.args, capture_output=True,
                           check=False).stdout
    check(again == raw, "output is stable from run to run (same UIDs, same stamps)")
    failed = checks.count(False)
    print(f"{len(checks) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
