#!/usr/bin/env python3
"""Checks profiles as data from the outside (issue 12 item 7): for every rule
kind of docs/profiles.md, a trigger and a near miss at each boundary, judged
by the real binary on real files; profile-file errors word for word; and
`extends` chains through `profile show`, `explain` and a record's `policy:`.

Each case is a fresh repository in a temporary directory: a .git, a
telework.toml naming policy/test.toml, that profile and the records. A
finding's position is written as a needle in the record: "das_copy_sent:
^2026-03-10" is the place of the caret in the first line holding that text."""
import argparse
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checker import Checker  # noqa: E402

AS_OF = "2026-11-20"
START = (1, 1)  # a fact of an absent top-level block is reported at the record's start

PROFILE_HEAD = """id = "test-kinds"
title = "Kinds under test"
source = "policy/test.txt"
approval_signatures = ["employee", "manager"]
"""

# The approval date of a record with SIGNATURES is 2026-03-02 (the later of the two).
SIGNATURES = """signatures:
  employee: {name: Ana Lima, date: 2026-03-01}
  manager: {name: Alice Brown, date: 2026-03-02}
"""


def rule(rule_id, then, judges='["approved"]', eligibility=False, extra=""):
    """One [[rules]] entry whose checks are `then` (the body of [[rules.then]] entries)."""
    bodies = [then] if isinstance(then, str) else then
    checks = "".join("  [[rules.then]]\n" + "".join(f"{line.strip()}\n" for line in body.strip().splitlines())
                     for body in bodies)
    return (f'\n[[rules]]\nid = "{rule_id}"\nname = "rule-{rule_id.lower()}"\nseverity = "error"\n'
            f'judges = {judges}\neligibility = {"true" if eligibility else "false"}\ncitation = "Test {rule_id}"\n'
            f'summary = "the kind under test"\nquote = "A sentence of the policy."\n{extra}{checks}')


_numbers = iter(range(1, 10000))


def record(body="", employee="", signatures=SIGNATURES, status="approved", kind="routine", policy=None,
           manager="Alice Brown"):
    """An agreement: the required keys, `employee` lines inside the employee
    block, the signatures, then `body` at the top level. Each has its own id
    and employee id."""
    number = next(_numbers)
    return (f"format: 1\nid: TW-2026-{number:04}\nstatus: {status}\ntype: {kind}\n"
            + (f"policy: {policy}\n" if policy else "")
            + f"agency: Test Agency\nsupervisor: {{name: Robert Smith}}\nmanager: {{name: {manager}}}\n"
            + f"employee:\n  id: E{number}\n  name: Ana Lima\n  position: Accountant\n{employee}"
            + signatures + body)


def position(text, where):
    """(line, column) of `where` in `text`: a tuple as it is, or a needle with an optional caret."""
    if isinstance(where, tuple):
        return where
    needle = where.replace("^", "")
    offset = where.find("^") if "^" in where else 0
    index = text.find(needle)
    if index < 0:
        raise AssertionError(f"needle {needle!r} is not in the record:\n{text}")
    index += offset
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def run(telework, args, cwd):
    result = subprocess.run([telework, *args], cwd=cwd, capture_output=True, stdin=subprocess.DEVNULL, check=False)
    return result.returncode, result.stdout.decode("utf-8", "replace"), result.stderr.decode("utf-8", "replace")


def make_repo(home, name, files):
    """A checkout under `home` holding `files` ({relative path: text}); its path."""
    repo = os.path.join(home, name)
    os.makedirs(os.path.join(repo, ".git"))
    for path, text in files.items():
        full = os.path.join(repo, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8") as handle:
            handle.write(text)
    return repo


def config(profile="policy/test.toml", more=""):
    return f'[telework]\nprofile = "{profile}"\n{more}'


def validate(check, telework, repo, what):
    """validate --format json; the findings as {file name: [(rule, line, column, message)]}."""
    status, out, err = run(telework, ["validate", "--format", "json", "--as-of", AS_OF], repo)
    check.check(status in (0, 1) and err == "", f"{what}: validate runs (exit 0 or 1, nothing on stderr)",
                f"exit {status}: {err}")
    found = {}
    if status in (0, 1):
        for finding in json.loads(out)["findings"]:
            name = os.path.basename(finding["file"])
            found.setdefault(name, []).append((finding["rule"], finding["line"], finding["column"], finding["message"]))
    return status, found


# ---------------------------------------------------------------- the kinds

DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def week_lines(workweek, telework, partial):
    lines = [f"workweek_days: {workweek}", f"telework_days: [{', '.join(DAYS[:telework])}]"]
    if partial is not None:
        lines.append(f"partial_days: [{', '.join(DAYS[telework:telework + partial])}]")
    return lines


def schedule(workweek, telework, partial=None, extra=""):
    """A weekly schedule: the first `telework` days of the week teleworked, the next `partial` in part."""
    return "schedule:\n" + "".join(f"  {line}\n" for line in week_lines(workweek, telework, partial)) + extra


def pay_period(*weeks):
    """A biweekly schedule.pay_period of (workweek_days, telework days[, partial days]) per week."""
    out = "schedule:\n  pay_period:\n"
    for week in weeks:
        lines = week_lines(week[0], week[1], week[2] if len(week) > 2 else None)
        out += f"    - {lines[0]}\n" + "".join(f"      {line}\n" for line in lines[1:])
    return out


def term(start, end):
    return f"term:\n  start: {start}\n  end: {end}\n"


def case(name, rules, records, thresholds="", settings=""):
    """A kind case: a profile of `rules` (with [thresholds] `thresholds`), the
    telework.toml lines `settings`, and records as (label, text, [(rule, where, message)])."""
    return {"name": name, "rules": rules if isinstance(rules, list) else [rules], "records": records,
            "thresholds": thresholds, "settings": settings}


def kind_cases():
    cases = []

    # required-facts: a block and a fact inside it; null_ok; an empty list; judges.
    facts = rule("TST001", """
  kind = "required-facts"
  facts = [
    { fact = "term", why = "GL32 IV.E" },
    { fact = "term.end", why = "GL32 IV.E" },
    "duties",
    { fact = "request.date", null_ok = true, message = "{status} record lacks '{fact}': {missing}" },
  ]""")
    full = "duties: [Reconcile ledgers]\nrequest: {kind: new, date: null}\n"
    cases.append(case("required-facts", facts, [
        ("near-miss", record(term("2026-03-01", "2026-11-30") + full), []),
        ("no-term-end", record("term:\n  start: 2026-03-01\n" + full),
         [("TST001", "^term:", "approved agreement lacks 'term.end' (GL32 IV.E)")]),
        ("term-end-null", record("term:\n  start: 2026-03-01\n  end: null\n" + full),
         [("TST001", "^end: null", "approved agreement lacks 'term.end' (GL32 IV.E)")]),
        ("no-term", record(full),
         [("TST001", START, "approved agreement lacks 'term' (GL32 IV.E)")]),
        ("empty-duties", record(term("2026-03-01", "2026-11-30") + "duties: []\nrequest: {kind: new, date: null}\n"),
         [("TST001", "^duties: []", "approved agreement lacks 'duties'")]),
        ("no-request-date", record(term("2026-03-01", "2026-11-30") + "duties: [Reconcile ledgers]\n"
                                   "request: {kind: new}\n"),
         [("TST001", "^request: {", "approved record lacks 'request.date': 'request.date' is not recorded")]),
        ("proposed-not-judged", record(status="proposed"), []),
    ]))

    # some-items: when the first list is given, the lists hold an item.
    cases.append(case("some-items", rule("TST001", """
  kind = "some-items"
  lists = ["schedule.telework_days", "schedule.partial_days"]"""), [
        ("trigger", record(schedule(5, 0, 0, "  field_work: true\n")),
         [("TST001", "^telework_days: []", "approved agreement lists no item in 'schedule.telework_days'")]),
        ("near-miss-partial", record(schedule(5, 0, 1, "  field_work: true\n")), []),
        ("near-miss-whole", record(schedule(5, 1)), []),
        ("no-schedule", record(), []),
    ]))

    # fact-equals: a boolean, an integer, a group of eligibility questions, `when`.
    cases.append(case("fact-equals", [
        rule("TST001", """
  kind = "fact-equals"
  fact = "employee.working_test_period"
  equals = false""", eligibility=True),
        rule("TST003", """
  kind = "fact-equals"
  when = { fact = "location.kind", equals = "home" }
  fact = "insurance_certificate_on_file"
  equals = true
  fail = "from home: '{fact}' is {value}, not {expected}"
  missing = "from home: {missing}" """),
        rule("TST004", """
  kind = "fact-equals"
  fact = "schedule.workweek_days"
  equals = 5
  when = { fact = "schedule", given = true }""", judges='"every"'),
    ], [
        ("near-miss", record(employee="  working_test_period: false\n"), []),
        ("trigger", record(employee="  working_test_period: true\n"),
         [("TST001", "working_test_period: ^true", "'employee.working_test_period' is true; it must be false")]),
        ("null", record(employee="  working_test_period: null\n"),
         [("TST001", "^working_test_period: null", "'employee.working_test_period' is not yet answered (null)")]),
        ("absent", record(), [("TST001", "^employee:", "'employee.working_test_period' is not recorded")]),
        ("proposed-absent", record(status="proposed"), []),
        ("when-home-false", record("location: {kind: home, phone: '1'}\ninsurance_certificate_on_file: false\n",
                                   employee="  working_test_period: false\n"),
         [("TST003", "insurance_certificate_on_file: ^false",
           "from home: 'insurance_certificate_on_file' is false, not true")]),
        ("when-home-absent", record("location: {kind: home, phone: '1'}\n", employee="  working_test_period: false\n"),
         [("TST003", START, "from home: 'insurance_certificate_on_file' is not recorded")]),
        ("when-home-true", record("location: {kind: home, phone: '1'}\ninsurance_certificate_on_file: true\n",
                                  employee="  working_test_period: false\n"), []),
        ("when-not-home", record("location: {kind: telework_center, phone: '1'}\n"
                                 "insurance_certificate_on_file: false\n",
                                 employee="  working_test_period: false\n"), []),
        ("integer", record(schedule(4, 1), employee="  working_test_period: false\n", status="proposed"),
         [("TST004", "workweek_days: ^4", "'schedule.workweek_days' is 4; it must be 5")]),
        ("integer-near-miss", record(schedule(5, 1), status="proposed"), []),
    ]))

    # fact-equals on a group of eligibility questions: each question on its own.
    def must_be_no(impairs="false", combined="false", care="false", leave="false"):
        return ("eligibility:\n  must_be_no:\n"
                f"    impairs_group_productivity: {impairs}\n    combined_schedules_impair_service: {combined}\n"
                f"    used_for_dependent_care: {care}\n    used_in_lieu_of_leave: {leave}\n")
    cases.append(case("fact-equals-group", rule("TST002", """
  kind = "fact-equals"
  fact = "eligibility.must_be_no"
  equals = false""", eligibility=True), [
        ("near-miss", record(must_be_no()), []),
        ("trigger", record(must_be_no(impairs="true", leave="null")),
         [("TST002", "impairs_group_productivity: ^true",
           "'eligibility.must_be_no.impairs_group_productivity' is true; it must be false"),
          ("TST002", "^used_in_lieu_of_leave: null",
           "'eligibility.must_be_no.used_in_lieu_of_leave' is not yet answered (null)")]),
        ("absent", record(), [("TST002", START, "'eligibility.must_be_no' is not recorded")]),
    ]))

    # required-signatures: roles of the format and a role of signatures.others.
    hr = "  hr: {name: Carol White, date: 2026-03-02}\n"
    commissioner = "  others:\n    - {role: assistant_commissioner, name: Lee Park, date: 2026-03-02}\n"
    lacks = "approved agreement lacks the {} signature ('signatures.{}' with name and date)"
    cases.append(case("required-signatures", rule("TST001", """
  kind = "required-signatures"
  roles = ["employee", "manager", "hr", "assistant_commissioner"]"""), [
        ("near-miss", record(signatures=SIGNATURES + hr + commissioner), []),
        ("no-hr", record(signatures=SIGNATURES + commissioner), [("TST001", "^signatures:", lacks.format("hr", "hr"))]),
        ("no-others", record(signatures=SIGNATURES + hr),
         [("TST001", "^signatures:", lacks.format("assistant_commissioner", "assistant_commissioner"))]),
        ("other-role", record(signatures=SIGNATURES + hr + commissioner.replace("assistant", "regional")),
         [("TST001", "^others:", lacks.format("assistant_commissioner", "assistant_commissioner"))]),
        ("no-signatures", record(signatures=""),
         [("TST001", START, lacks.format(role, role))
          for role in ("employee", "manager", "hr", "assistant_commissioner")]),
    ]))

    # signer-is-current: names compare without regard to case and spacing.
    cases.append(case("signer-is-current", rule("TST001", """
  kind = "signer-is-current"
  signed = "signatures.manager.name"
  current = "manager.name" """), [
        ("near-miss", record(), []),
        ("case-and-spacing", record(manager="alice  BROWN"), []),
        ("trigger", record(manager="Alice Browne"),
         [("TST001", "  manager: {name: ^Alice Brown, date",
           "signed by 'Alice Brown', but the record now names 'Alice Browne'")]),
        ("not-signed", record(manager="Dan Green", signatures=SIGNATURES.split("  manager:")[0]), []),
    ]))

    # dated-before-approval (approval 2026-03-02): on the day passes, the day
    # after fails; exactly 12 months before passes, a day more fails; the
    # month-end clamp (approval 2026-03-31, 1 month: 2026-02-28).
    march_31 = SIGNATURES.replace("2026-03-02", "2026-03-31")
    cases.append(case("dated-before-approval", [rule("TST001", """
  kind = "dated-before-approval"
  fact = "training.supervisor"
  what = "supervisor telework training"
  max_age_months = 12"""), rule("TST002", """
  kind = "dated-before-approval"
  when = { fact = "training.telework", given = true }
  fact = "training.telework"
  max_age_months = "training_age" """)], [
        ("on-approval", record("training: {supervisor: 2026-03-02}\n"), []),
        ("day-after", record("training: {supervisor: 2026-03-03}\n"),
         [("TST001", "supervisor: ^2026",
           "supervisor telework training completed 2026-03-03, after the approval date 2026-03-02")]),
        ("exactly-12-months", record("training: {supervisor: 2025-03-02}\n"), []),
        ("a-day-more", record("training: {supervisor: 2025-03-01}\n"),
         [("TST001", "supervisor: ^2025",
           "supervisor telework training completed 2025-03-01, more than 12 months before the approval date "
           "2026-03-02")]),
        ("no-training", record(),
         [("TST001", START,
           "approved agreement lacks 'training.supervisor': supervisor telework training not recorded")]),
        ("training-without-it", record("training: {it_security: 2026-01-01}\n"),
         [("TST001", "^training:",
           "approved agreement lacks 'training.supervisor': supervisor telework training not recorded")]),
        ("clamped-near-miss", record("training: {supervisor: 2026-03-01, telework: "
                                     "2026-02-28}\n", signatures=march_31), []),
        ("clamped-trigger", record("training: {supervisor: 2026-03-01, telework: 2026-02-27}\n", signatures=march_31),
         [("TST002", "telework: ^2026",
           "training.telework completed 2026-02-27, more than 1 month before the approval date 2026-03-31")]),
    ], thresholds="training_age = 1"))

    # within-days: from approval (2026-03-02, 7 days by the threshold
    # copy_days) and from request.date (30 days); a missing date is late
    # only once the as-of date (2026-11-20) is past the deadline.
    within = [rule("TST001", """
  kind = "within-days"
  fact = "das_copy_sent"
  days = "copy_days" """), rule("TST002", """
  kind = "within-days"
  fact = "decision.date"
  after = "request.date"
  days = 30""", judges='["denied"]')]

    def signed_on(date):
        return SIGNATURES.replace("2026-03-01", date).replace("2026-03-02", date)

    def denied(request_date, decision=None):
        return record(f"request: {{kind: new, date: {request_date}}}\n"
                      + (f"decision: {{date: {decision}, reason_category: business_need, reason: Coverage}}\n"
                         if decision else ""), status="denied", signatures="")
    cases.append(case("within-days", within, [
        ("day-7", record("das_copy_sent: 2026-03-09\n"), []),
        ("day-8", record("das_copy_sent: 2026-03-10\n"),
         [("TST001", "das_copy_sent: ^2026",
           "'das_copy_sent' is 2026-03-10, 8 days after 2026-03-02; at most 7 allowed")]),
        ("missing-late", record(signatures=signed_on("2026-11-12")),
         [("TST001", START, "no 'das_copy_sent' recorded; it was due by 2026-11-19")]),
        ("missing-not-yet-late", record(signatures=signed_on("2026-11-13")), []),
        ("request-day-30", denied("2026-02-10", "2026-03-12"), []),
        ("request-day-31", denied("2026-02-10", "2026-03-13"),
         [("TST002", "decision: {date: ^2026",
           "'decision.date' is 2026-03-13, 31 days after 2026-02-10; at most 30 allowed")]),
        ("request-missing-late", denied("2026-10-20"),
         [("TST002", START, "no 'decision.date' recorded; it was due by 2026-11-19")]),
        ("request-missing-not-yet-late", denied("2026-10-21"), []),
        ("no-request-date", record("request: {kind: new}\n", status="denied", signatures=""), []),
    ], thresholds="copy_days = 7"))
    # telework.toml's [thresholds] moves the boundary of a rule that names the threshold.
    cases.append(case("within-days-threshold-8", within, [
        ("day-8", record("das_copy_sent: 2026-03-10\n"), []),
        ("day-9", record("das_copy_sent: 2026-03-11\n"),
         [("TST001", "das_copy_sent: ^2026",
           "'das_copy_sent' is 2026-03-11, 9 days after 2026-03-02; at most 8 allowed")]),
        ("missing-not-yet-late", record(signatures=signed_on("2026-11-12")), []),
        ("missing-late", record(signatures=signed_on("2026-11-11")),
         [("TST001", START, "no 'das_copy_sent' recorded; it was due by 2026-11-19")]),
    ], thresholds="copy_days = 7", settings="[thresholds]\ncopy_days = 8\n"))

    # no-recent-event: add_months(reference, -6) < date <= reference; the
    # reference is the approval date (2026-03-02), or the as-of date without one.
    def disciplined(date, **more):
        return record(employee=f"  last_discipline: {date}\n", **more)
    cases.append(case("no-recent-event", [rule("TST001", """
  kind = "no-recent-event"
  fact = "employee.last_discipline"
  months = 6"""), rule("TST002", """
  kind = "no-recent-event"
  fact = "employee.last_discipline"
  months = 6""", judges='["proposed"]')], [
        ("exactly-6-months", disciplined("2025-09-02"), []),
        ("a-day-inside", disciplined("2025-09-03"),
         [("TST001", "last_discipline: ^2025", "'employee.last_discipline' is 2025-09-03, within the 6 months up to "
           "approval on 2026-03-02 (after 2025-09-02)")]),
        ("on-approval", disciplined("2026-03-02"),
         [("TST001", "last_discipline: ^2026", "'employee.last_discipline' is 2026-03-02, within the 6 months up to "
           "approval on 2026-03-02 (after 2025-09-02)")]),
        ("after-approval", disciplined("2026-03-03"), []),
        ("never", disciplined("null"), []),
        ("absent", record(), [("TST001", "^employee:", "'employee.last_discipline' is not recorded (null means "
                                                       "never)")]),
        ("as-of-exactly-6-months", disciplined("2026-05-20", status="proposed", signatures=""), []),
        ("as-of-a-day-inside", disciplined("2026-05-21", status="proposed", signatures=""),
         [("TST002", "last_discipline: ^2026", "'employee.last_discipline' is 2026-05-21, within the 6 months up to "
           "the as-of date 2026-11-20 (after 2026-05-20)")]),
        ("proposed-absent", record(status="proposed", signatures=""), []),
    ]))

    # min-rating: the format page's order of ratings.
    def rated(rating):
        return record(employee=f"  performance_rating: {rating}\n")
    below = "'employee.performance_rating' is '{}'; satisfactory or better is required"
    cases.append(case("min-rating", rule("TST001", """
  kind = "min-rating"
  minimum = "satisfactory" """, eligibility=True), [
        ("satisfactory", rated("satisfactory"), []),
        ("outstanding", rated("outstanding"), []),
        ("minimally-satisfactory", rated("minimally_satisfactory"),
         [("TST001", "performance_rating: ^minimally", below.format("minimally_satisfactory"))]),
        ("unsatisfactory", rated("unsatisfactory"),
         [("TST001", "performance_rating: ^unsatisfactory", below.format("unsatisfactory"))]),
        ("null", rated("null"),
         [("TST001", "^performance_rating: null", "'employee.performance_rating' is not yet answered (null)")]),
        ("absent", record(), [("TST001", "^employee:", "'employee.performance_rating' is not recorded")]),
    ]))

    # max-term-months: term.end <= add_months(term.start, 9) - 1 day, clamped at a month's end.
    cases.append(case("max-term-months", rule("TST001", """
  kind = "max-term-months"
  months = 9""", judges='["approved", "proposed"]'), [
        ("near-miss", record(term("2026-03-01", "2026-11-30")), []),
        ("trigger", record(term("2026-03-01", "2026-12-01")),
         [("TST001", "end: ^2026", "term runs 9 months 1 day (2026-03-01 to 2026-12-01); at most 9 months allowed, "
           "so it must end by 2026-11-30")]),
        ("clamped-near-miss", record(term("2026-05-31", "2027-02-27"), status="proposed"), []),
        ("clamped-trigger", record(term("2026-05-31", "2027-02-28"), status="proposed"),
         [("TST001", "end: ^2027",
           "term runs 9 months 1 day (2026-05-31 to 2027-02-28); at most 9 months allowed, so it must end by "
           "2027-02-27")]),
        ("no-end", record("term:\n  start: 2026-03-01\n"), []),
    ]))

    # ends-by-date: term.end on or before the first 07-01 on or after term.start.
    cases.append(case("ends-by-date", rule("TST001", """
  kind = "ends-by-date"
  by = "07-01" """), [
        ("day-before", record(term("2026-06-30", "2026-06-30")), []),
        ("at", record(term("2026-06-30", "2026-07-01")), []),
        ("day-after", record(term("2026-06-30", "2026-07-02")),
         [("TST001", "end: ^2026",
           "term ends on 2026-07-02; it must end by 2026-07-01, the first July 1 on or after its start")]),
        ("next-year-at", record(term("2026-07-02", "2027-07-01")), []),
        ("next-year-after", record(term("2026-07-02", "2027-07-02")),
         [("TST001", "end: ^2027",
           "term ends on 2027-07-02; it must end by 2027-07-01, the first July 1 on or after its start")]),
        ("starts-on-the-day", record(term("2026-07-01", "2026-07-02")),
         [("TST001", "end: ^2026",
           "term ends on 2026-07-02; it must end by 2026-07-01, the first July 1 on or after its start")]),
    ]))

    # max-telework-share, per week (each week of a pay period) and per pay
    # period (its sums); exactly 50% passes.
    field = "  field_work: true\n"
    cases.append(case("max-telework-share", [rule("TST001", """
  kind = "max-telework-share"
  share = 0.5"""), rule("TST002", """
  kind = "max-telework-share"
  share = "max_share"
  per = "pay-period" """)], [
        ("weekly-50", record(schedule(4, 2)), []),
        ("weekly-60", record(schedule(5, 3)),
         [("TST001", "^telework_days: [",
           "telework share is 60% (3 telework days of 5 workweek days); at most 50% allowed"),
          ("TST002", "^telework_days: [",
           "telework share per pay period is 60% (6 telework days of 10 workdays); at most "
           "50% allowed")]),
        ("weekly-partial-60", record(schedule(5, 2, 1, field)),
         [("TST001", "^telework_days: [",
           "telework share is 60% (3 telework and partial days, 1 partial, of 5 workweek days); at most 50% allowed"),
          ("TST002", "^telework_days: [",
           "telework share per pay period is 60% (6 telework and partial days, 2 partial, "
           "of 10 workdays); at most 50% allowed")]),
        ("biweekly-40-50", record(pay_period((5, 2), (4, 2))), []),
        ("biweekly-60-40", record(pay_period((5, 3), (5, 2))),
         [("TST001", "^telework_days: [mon, tue, wed]", "telework share in week 1 of the pay period is 60% (3 telework "
           "days of 5 workdays); at most 50% allowed")]),
        ("biweekly-40-75", record(pay_period((5, 2), (4, 3))),
         [("TST002", "^telework_days: [mon, tue]", "telework share per pay period is 55.6% (5 telework days of 9 "
           "workdays); at most 50% allowed"),
          ("TST001", "^telework_days: [mon, tue, wed]", "telework share in week 2 of the pay period is 75% (3 telework "
           "days of 4 workdays); at most 50% allowed")]),
    ], thresholds="max_share = 0.5"))

    # min-onsite-days: per pay period (the default; a weekly form counts
    # twice) and per week; partial days count as on site; exactly 2 passes.
    cases.append(case("min-onsite-days", [rule("TST001", """
  kind = "min-onsite-days"
  days = 2"""), rule("TST002", """
  kind = "min-onsite-days"
  days = 2
  per = "week" """)], [
        ("weekly-3-of-5", record(schedule(5, 3)), []),
        ("weekly-4-of-5", record(schedule(5, 4)),
         [("TST002", "^telework_days: [",
           "schedule leaves 1 day per week at the official worksite (4 of 5 workweek days "
           "teleworked); at least 2 required")]),
        ("weekly-partial", record(schedule(5, 4, 1, field)),
         [("TST002", "^telework_days: [",
           "schedule leaves 1 day per week at the official worksite (4 of 5 workweek days "
           "teleworked); at least 2 required")]),
        ("weekly-5-of-5", record(schedule(5, 5)),
         [("TST001", "^telework_days: [", "schedule leaves 0 days per pay period at the official worksite (5 of 5 "
           "workweek days teleworked); at least 2 required"),
          ("TST002", "^telework_days: [", "schedule leaves 0 days per week at the official worksite (5 of 5 workweek "
           "days teleworked); at least 2 required")]),
        ("biweekly-2", record(pay_period((5, 3), (5, 5))),
         [("TST002", "^telework_days: [mon, tue, wed, thu, fri]", "schedule leaves 0 days per week at the official "
           "worksite (8 of 10 workdays of the pay period teleworked); at least 2 required")]),
        ("biweekly-1", record(pay_period((5, 4), (5, 5))),
         [("TST001", "^telework_days: [mon, tue, wed, thu]", "schedule leaves 1 day per pay period at the official "
           "worksite (9 of 10 workdays of the pay period teleworked); at least 2 required"),
          ("TST002", "^telework_days: [mon, tue, wed, thu]", "schedule leaves 1 day per week at the official worksite "
           "(9 of 10 workdays of the pay period teleworked); at least 2 required"),
          ("TST002", "^telework_days: [mon, tue, wed, thu, fri]", "schedule leaves 0 days per week at the official "
           "worksite (9 of 10 workdays of the pay period teleworked); at least 2 required")]),
        ("biweekly-3-3", record(pay_period((5, 3), (5, 3))), []),
    ]))

    # max-telework-days: whole and partial days; 8 of 10 passes, 9 fails.
    cases.append(case("max-telework-days", [rule("TST001", """
  kind = "max-telework-days"
  days = 8"""), rule("TST002", """
  kind = "max-telework-days"
  days = 4
  per = "week" """)], [
        ("biweekly-8", record(pay_period((5, 4), (5, 4))), []),
        ("biweekly-9", record(pay_period((5, 5), (5, 4))),
         [("TST001", "^telework_days: [mon, tue, wed, thu, fri]",
           "schedule has 9 days of telework per pay period (9 of 10 workdays of the pay period teleworked); at most 8 "
           "allowed"),
          ("TST002", "^telework_days: [mon, tue, wed, thu, fri]", "schedule has 5 days of telework per week (9 of 10 "
           "workdays of the pay period teleworked); at most 4 allowed")]),
        ("weekly-4", record(schedule(5, 4)), []),
        ("weekly-4-and-partial", record(schedule(5, 4, 1, field)),
         [("TST001", "^telework_days: [", "schedule has 10 days of telework per pay period (4 of 5 workweek days "
           "teleworked); at most 8 allowed"),
          ("TST002", "^telework_days: [", "schedule has 5 days of telework per week (4 of 5 workweek days teleworked); "
           "at most 4 allowed")]),
    ]))

    # whole-days (built in): partial days only with field_work: true.
    cases.append(case("whole-days", rule("TST001", 'kind = "whole-days"'), [
        ("field-work", record(schedule(5, 1, 1, "  field_work: true\n")), []),
        ("no-partial", record(schedule(5, 1, 0, "  field_work: false\n")), []),
        ("trigger", record(schedule(5, 1, 1, "  field_work: false\n")),
         [("TST001", "^partial_days: [",
           "partial telework days (tue) need 'field_work: true': telework days are whole days")]),
        ("field-work-absent", record(schedule(5, 1, 2)),
         [("TST001", "^partial_days: [", "partial telework days (tue, wed) need 'field_work: true': telework days are "
           "whole days")]),
    ]))

    # personal-computer (built in): a personal computer needs an exception.
    exception = ("personal computer used for state work without an exception: set 'computer.basis' to "
                 "no_computer_needed, webmail_only, secure_web_app or it_authorized")
    cases.append(case("personal-computer", rule("TST001", 'kind = "personal-computer"', eligibility=True), [
        ("webmail", record("computer: {personal_computer: true, basis: webmail_only}\n"), []),
        ("state-computer", record("computer: {personal_computer: false, basis: none}\n"), []),
        ("no-computer", record(), []),
        ("basis-none", record("computer: {personal_computer: true, basis: none}\n"),
         [("TST001", "basis: ^none", exception)]),
        ("no-basis", record("computer: {personal_computer: true}\n"), [("TST001", "^computer:", exception)]),
    ]))
    return cases


def profile_text(rules, thresholds=""):
    return PROFILE_HEAD + (f"\n[thresholds]\n{thresholds.strip()}\n" if thresholds else "") + "".join(rules)


def check_kind_case(check, telework, home, spec):
    """One repository per case; each record's findings, exactly and in order. Returns the repository."""
    files = {"telework.toml": config(more=spec["settings"]),
             "policy/test.toml": profile_text(spec["rules"], spec["thresholds"])}
    for label, text, _ in spec["records"]:
        files[f"agreements/{label}.yaml"] = text
    repo = make_repo(home, spec["name"], files)
    _, found = validate(check, telework, repo, spec["name"])
    for label, text, expected in spec["records"]:
        want = [(rule_id, *position(text, where), message) for rule_id, where, message in expected]
        check.equal(found.get(f"{label}.yaml", []), want, f"{spec['name']}: {label}")
    return repo


def check_eligibility(check, telework, repos):
    """check-eligibility judges a record by the profile's criteria (eligibility = true): pass, fail or unknown,
    each question of a group on its own."""
    def question(name, status, value, expected=None):
        words = f"'eligibility.must_be_no.{name}' is {value}"
        return ("TST002", status, name, words + (f"; it must be {expected}" if expected else ""))
    exception = ("personal computer used for state work without an exception: set 'computer.basis' to "
                 "no_computer_needed, webmail_only, secure_web_app or it_authorized")
    rating = "'employee.performance_rating'"
    expected = {
        "fact-equals-group": {
            "absent.yaml": ("incomplete", [("TST002", "unknown", None, "'eligibility.must_be_no' is not recorded")]),
            "near-miss.yaml": ("eligible", [question(q, "pass", "false") for q in (
                "impairs_group_productivity", "combined_schedules_impair_service", "used_for_dependent_care",
                "used_in_lieu_of_leave")]),
            "trigger.yaml": ("ineligible", [
                question("impairs_group_productivity", "fail", "true", "false"),
                question("combined_schedules_impair_service", "pass", "false"),
                question("used_for_dependent_care", "pass", "false"),
                ("TST002", "unknown", "used_in_lieu_of_leave",
                 "'eligibility.must_be_no.used_in_lieu_of_leave' is not yet answered (null)")]),
        },
        "min-rating": {
            "absent.yaml": ("incomplete", [("TST001", "unknown", None, rating + " is not recorded")]),
            "null.yaml": ("incomplete", [("TST001", "unknown", None, rating + " is not yet answered (null)")]),
            "minimally-satisfactory.yaml": ("ineligible", [
                ("TST001", "fail", None, rating + " is 'minimally_satisfactory'; satisfactory or better is required")]),
            "unsatisfactory.yaml": ("ineligible", [
                ("TST001", "fail", None, rating + " is 'unsatisfactory'; satisfactory or better is required")]),
            "satisfactory.yaml": ("eligible", [("TST001", "pass", None, rating + " is 'satisfactory'")]),
            "outstanding.yaml": ("eligible", [("TST001", "pass", None, rating + " is 'outstanding'")]),
        },
        "personal-computer": {
            "basis-none.yaml": ("ineligible", [("TST001", "fail", None, exception)]),
            "no-basis.yaml": ("ineligible", [("TST001", "fail", None, exception)]),
            "no-computer.yaml": ("eligible", [("TST001", "pass", None, "no personal computer is used for state work")]),
            "state-computer.yaml": ("eligible", [("TST001", "pass", None,
                                                  "no personal computer is used for state work")]),
            "webmail.yaml": ("eligible", [("TST001", "pass", None,
                                           "personal computer used under the 'webmail_only' exception")]),
        },
    }
    for name, files in expected.items():
        status, out, err = run(telework, ["check-eligibility", "--format", "json", "--as-of", AS_OF], repos[name])
        check.check(status in (0, 1) and err == "", f"check-eligibility {name}: runs", f"exit {status}: {err}")
        got = {}
        if status in (0, 1):
            for result in json.loads(out)["results"]:
                got[os.path.basename(result["file"])] = (result["verdict"], [
                    (c["rule"], c["status"], c.get("question"), c["message"]) for c in result["criteria"]])
        for file, want in files.items():
            check.equal(got.get(file), want, f"check-eligibility {name}: {file}")


# ---------------------------------------------------------------- extends chains

BASE = """id = "agency-base"
title = "Agency X telework policy"
source = "policy/agency-x.txt"
extends = "opm"

[thresholds]
renewal_months = 6
training_age_months = 24

[[rules]]
id = "AGY001"
name = "supervisor-training"
severity = "error"
citation = "Agency X policy 4.2"
summary = "approved record lacks the supervisor's telework training"
quote = "Supervisors complete telework training before approving."
  [[rules.then]]
  kind = "dated-before-approval"
  fact = "training.supervisor"
  what = "supervisor telework training"
  max_age_months = "training_age_months"
"""

# Extends the first file by path; changes its threshold, replaces OPM111 in
# its place, adds a rule.
PILOT = """id = "agency-pilot"
title = "Agency X pilot"
extends = "base.toml"

[thresholds]
training_age_months = 12

[[rules]]
id = "OPM111"
override = true
name = "official-worksite"
severity = "warning"
citation = "Agency X pilot 2"
summary = "the pilot keeps 4 days per pay period on site"
quote = "Pilot teleworkers report to the office at least four days each pay period."
  [[rules.then]]
  kind = "min-onsite-days"
  days = 4
  message = "pilot schedule leaves {onsite_days} per {per} on site; at least {min}"

[[rules]]
id = "AGY002"
name = "work-plan"
severity = "warning"
citation = "Agency X pilot 3"
summary = "approved pilot record lacks a work plan"
quote = "Each pilot teleworker has a written work plan."
  [[rules.then]]
  kind = "required-facts"
  facts = ["work_plan.date"]
"""


def opm_record(policy=None, supervisor_training=None, telework_days=2, work_plan=True):
    """An approved routine record that meets every rule of opm (approval 2026-03-02)."""
    training = "training: {telework: 2026-01-20, it_security: 2026-01-15"
    training += f", supervisor: {supervisor_training}}}\n" if supervisor_training else "}\n"
    return record(
        "location: {kind: home, phone: '+1-202-555-0100'}\nequipment: [{item: laptop, provided_by: agency}]\n"
        "duties: [Reconcile ledgers]\n" + schedule(5, telework_days)
        + "safety_checklist: {completed: true, date: 2026-02-20}\n"
        + "emergency: {coop: true, pandemic: true, weather: false}\n"
        + training + ("work_plan: {date: 2026-02-20}\n" if work_plan else ""),
        employee="  disciplined_awol: false\n  disciplined_prohibited_content: false\n", policy=policy)


def opm_rules(*more):
    return [(f"OPM{n}", "opm", "warning" if n in (105, 111) else "error") for n in range(101, 112)] + list(more)


def check_extends(check, telework, home, built_in):
    policy = {"policy/base.toml": BASE, "policy/pilot.toml": PILOT}
    records = {
        "pilot-stale": opm_record(supervisor_training="2025-03-01"),
        "pilot-fresh": opm_record(supervisor_training="2025-03-02"),
        "base-stale": opm_record("agency-base", "2024-03-01", work_plan=False),
        "base-fresh": opm_record("agency-base", "2024-03-02", work_plan=False),
        "opm": opm_record("opm", telework_days=4, work_plan=False),
        "pilot-onsite-4": opm_record(supervisor_training="2026-01-05", telework_days=3),
        "pilot-onsite-2": opm_record(supervisor_training="2026-01-05", telework_days=4, work_plan=False),
    }
    repo = make_repo(home, "extends", {
        "telework.toml": config("policy/pilot.toml", 'profiles = ["policy/base.toml"]\n'), **policy,
        **{f"agreements/{name}.yaml": text for name, text in records.items()}})

    # The effective profiles: thresholds and rules after extends.
    pilot_thresholds = {"renewal_months": 6, "renewal_window_days": 30, "training_age_months": 12}
    pilot_rules = opm_rules(("AGY001", "agency-base", "error"), ("AGY002", "agency-pilot", "warning"))
    pilot_rules[10] = ("OPM111", "agency-pilot", "warning")

    def show(target, cwd, what):
        status, out, err = run(telework, ["profile", "show", target, "--format", "json"], cwd)
        check.equal((status, err), (0, ""), f"{what}: exit 0")
        if status != 0:
            return {}
        shown = json.loads(out)["profile"]
        return {"id": shown["id"], "origin": shown["origin"], "extends": shown["extends"],
                "source": shown["source"], "thresholds": shown["thresholds"],
                "rules": [(r["rule"], r["declared_by"], r["severity"]) for r in shown["rules"]]}

    check.equal(show("agency-pilot", repo, "profile show agency-pilot"),
                {"id": "agency-pilot", "origin": "policy/pilot.toml", "extends": "agency-base",
                 "source": "policy/agency-x.txt", "thresholds": pilot_thresholds, "rules": pilot_rules},
                "profile show agency-pilot: the second file inherits the first's rule and threshold")
    check.equal(show("agency-base", repo, "profile show agency-base"),
                {"id": "agency-base", "origin": "policy/base.toml", "extends": "opm", "source": "policy/agency-x.txt",
                 "thresholds": {"renewal_months": 6, "renewal_window_days": 30, "training_age_months": 24},
                 "rules": opm_rules(("AGY001", "agency-base", "error"))},
                "profile show agency-base: opm's rules, then its own; a changed and an added threshold")
    # By file, from a checkout whose telework.toml does not name the file.
    other = make_repo(home, "extends-by-file", {"telework.toml": config("opm"), **policy})
    check.equal(show("policy/pilot.toml", other, "profile show policy/pilot.toml"),
                {"id": "agency-pilot", "origin": "policy/pilot.toml", "extends": "agency-base",
                 "source": "policy/agency-x.txt", "thresholds": pilot_thresholds, "rules": pilot_rules},
                "profile show FILE: the file after extends")

    status, out, err = run(telework, ["profile", "list", "--format", "json"], repo)
    listed = ([(p["id"], p["extends"], p["default"], p["rules"]) for p in json.loads(out)["profiles"]]
              if status == 0 else err)
    check.equal(listed, [(name, extends, False, rules) for name, (extends, rules) in built_in.items()]
                + [("agency-base", "opm", False, 12), ("agency-pilot", "agency-base", True, 13)],
                "profile list: the built-in profiles, then the files; the default marked")

    # explain: the custom rule's citation and quote.
    status, out, err = run(telework, ["explain", "AGY001", "--format", "json"], repo)
    entry = json.loads(out) if status == 0 else {}
    check.equal({key: entry.get(key) for key in ("rule", "name", "profiles", "citation", "source", "quote")},
                {"rule": "AGY001", "name": "supervisor-training", "profiles": ["agency-base", "agency-pilot"],
                 "citation": "Agency X policy 4.2", "source": "policy/agency-x.txt",
                 "quote": "Supervisors complete telework training before approving."},
                "explain AGY001 --format json: its citation, source and quote")
    status, out, err = run(telework, ["explain", "AGY001"], repo)
    check.check(status == 0 and "Agency X policy 4.2" in out and
                "Supervisors complete telework training before approving." in out,
                "explain AGY001: the citation and the quote", out + err)

    # validate: each record by its own policy; the default is the pilot.
    _, found = validate(check, telework, repo, "extends")
    stale = "supervisor telework training completed {}, more than {} months before the approval date 2026-03-02"
    expected = {
        "pilot-stale": [("AGY001", "supervisor: ^2025", stale.format("2025-03-01", 12))],
        "pilot-fresh": [],
        "base-stale": [("AGY001", "supervisor: ^2024", stale.format("2024-03-01", 24))],
        "base-fresh": [],
        "opm": [],
        "pilot-onsite-4": [],
        "pilot-onsite-2": [("AGY002", START, "approved agreement lacks 'work_plan.date'"),
                           ("OPM111", "^telework_days: [", "pilot schedule leaves 2 days per pay period on site; at "
                            "least 4")],
    }
    for name, want in expected.items():
        text = records[name]
        check.equal(found.get(f"{name}.yaml", []), [(r, *position(text, w), m) for r, w, m in want],
                    f"extends: {name} judged by its profile")
    # expire: the renewal months that the first file sets, inherited by the second; opm's 12 months are not due.
    status, out, err = run(telework, ["expire", "--format", "json", "--as-of", AS_OF], repo)
    rows = [(os.path.basename(a["file"]), a["state"], a["reason"], a["date"], a["days"])
            for a in json.loads(out)["agreements"]] if status in (0, 1) else err
    check.equal(rows, [(f"{name}.yaml", "expired", "annual-renewal", "2026-09-02", -79) for name in sorted(records)
                       if name != "opm"], "expire: add_months(approval, renewal_months = 6) in both files")


def check_renewal(check, telework, home):
    """expire by a profile's [renewal]: term-end, a fixed last day, a rule whose failure needs renewal now."""
    renewal = ('\n[renewal]\nends = "term-end"\nlast_day = "07-01"\n'
               'required = [{ rule = "TST001", reason = "new-manager" }]\n')
    profile = profile_text([rule("TST001", 'kind = "signer-is-current"\nsigned = "signatures.manager.name"\n'
                                           'current = "manager.name"')]) + renewal
    records = {
        "fixed-date": record(term("2026-01-01", "2026-12-31")),
        "ends-before-the-day": record(term("2026-07-02", "2027-06-30")),
        "term-end-due": record(term("2026-11-01", "2026-12-15")),
        "new-manager": record(term("2026-11-01", "2027-06-30"), manager="Dan Green"),
    }
    repo = make_repo(home, "renewal", {"telework.toml": config(), "policy/test.toml": profile,
                                       **{f"agreements/{name}.yaml": text for name, text in records.items()}})
    status, out, err = run(telework, ["expire", "--format", "json", "--as-of", AS_OF], repo)
    rows = [(os.path.basename(a["file"]), a["state"], a["reason"], a["date"], a["days"])
            for a in json.loads(out)["agreements"]] if status in (0, 1) else err
    check.equal(rows, [("new-manager.yaml", "renewal-required", "new-manager", None, None),
                       ("fixed-date.yaml", "expired", "fixed-date", "2026-07-01", -142),
                       ("term-end-due.yaml", "due", "term-end", "2026-12-15", 25)],
                "expire: [renewal] term-end, last_day and required")


# ---------------------------------------------------------------- profile-file errors

def extending(base, rules="", profile_id="agy", more=""):
    """A profile that extends `base` (an id or a file)."""
    return f'id = "{profile_id}"\ntitle = "Agency"\nextends = "{base}"\n{more}' + rules


def error_cases(home, built_in):
    """Each case: files of the repository (telework.toml names policy/test.toml unless given; a tuple
    ("symlink", target) is a link) and the one line telework prints on standard error, where {repo} is the
    repository's path; the exit status is 2."""
    def one(then, thresholds=""):
        return {"policy/test.toml": profile_text([rule("TST001", then)], thresholds)}

    outside = os.path.join(home, "outside.toml")
    with open(outside, "w", encoding="utf-8") as handle:
        handle.write(PROFILE_HEAD)
    return [
        ("unknown top-level key", {"policy/test.toml": PROFILE_HEAD + 'titel = "x"\n'},
         "policy/test.toml:5:1: unknown key 'titel' in [profile] (did you mean 'title'?)"),
        ("unknown kind", one('kind = "fact-equal"'),
         "policy/test.toml:16:8: unknown kind 'fact-equal' (did you mean 'fact-equals'?); docs/profiles.md lists the "
         "kinds"),
        ("unknown parameter, near spelling", one('kind = "required-signatures"\nroles = ["hr"]\nmessag = "{role}"'),
         "policy/test.toml:18:1: unknown parameter 'messag' for kind 'required-signatures' (did you mean 'message'?)"),
        ("a required parameter misspelt",
         one('kind = "fact-equals"\nfact = "employee.training_class"\nequal = false'),
         "policy/test.toml:18:1: unknown parameter 'equal' for kind 'fact-equals' (did you mean 'equals'?)"),
        ("unknown parameter",
         one('kind = "fact-equals"\nfact = "employee.training_class"\nequals = false\nmessages = "x"'),
         "policy/test.toml:19:1: unknown parameter 'messages' for kind 'fact-equals'; it takes when, fact, equals, "
         "fail, pass, missing"),
        ("unknown key path", one('kind = "fact-equals"\nfact = "employee.trainng_class"\nequals = false'),
         "policy/test.toml:17:8: unknown key path 'employee.trainng_class' in 'fact' (did you mean "
         "'employee.training_class'?)"),
        ("unknown key path in when", one('kind = "whole-days"\nwhen = { fact = "location.knd", equals = "home" }'),
         "policy/test.toml:17:17: unknown key path 'location.knd' in 'when.fact' (did you mean 'location.kind'?)"),
        ("equals of the wrong type", one('kind = "fact-equals"\nfact = "employee.training_class"\nequals = "no"'),
         "policy/test.toml:18:10: 'employee.training_class' is a boolean; the value must be that too"),
        ("enumeration value", one('kind = "fact-equals"\nfact = "location.kind"\nequals = "hom"'),
         "policy/test.toml:18:10: 'location.kind' is one of home, telework_center, other (did you mean 'home'?)"),
        ("choice value", one('kind = "min-onsite-days"\ndays = 2\nper = "weak"'),
         "policy/test.toml:18:7: 'per' must be one of week, pay-period (did you mean 'week'?)"),
        ("status in judges", {"policy/test.toml": profile_text([rule("TST001", 'kind = "whole-days"',
                                                                    judges='["aproved"]')])},
         "policy/test.toml:10:11: unknown status in 'judges'; expected one of proposed, approved, denied, terminated "
         "(did you mean 'approved'?)"),
        ("role", one('kind = "required-signatures"\nroles = ["manger"]'),
         "policy/test.toml:17:10: unknown role 'manger' (did you mean 'manager'?); a role of signatures.others must "
         "not be a near spelling of a format role"),
        ("unknown threshold", one('kind = "max-term-months"\nmonths = "max_term_month"', "max_term_months = 9"),
         "policy/test.toml:20:10: 'max_term_month' names no threshold of this profile (did you mean "
         "'max_term_months'?)"),
        ("a share for a whole number", one('kind = "max-term-months"\nmonths = "max_share"', "max_share = 0.5"),
         "policy/test.toml:20:10: 'months' needs a whole number; threshold 'max_share' is a share"),
        ("unknown placeholder", one('kind = "fact-equals"\nfact = "employee.training_class"\nequals = false\n'
                                    'fail = "{fact} is {valeu}"'),
         "policy/test.toml:19:8: unknown placeholder '{valeu}' in a message of kind 'fact-equals' (did you mean "
         "'{value}'?); it fills fact, value, expected, missing, status"),
        ("a day of every year", one('kind = "ends-by-date"\nby = "02-29"'),
         "policy/test.toml:17:6: 'by' must be a day of every year as MM-DD, such as \"06-30\"; got '02-29'"),
        ("rule id twice", {"policy/test.toml": profile_text([rule("TST001", 'kind = "whole-days"')] * 2)},
         "policy/test.toml:19:6: rule id TST001 is used twice in this profile"),
        ("inherited id without override", {"policy/test.toml": extending("opm", rule("OPM107", 'kind = "whole-days"'))},
         "policy/test.toml:6:6: rule OPM107 is inherited from 'opm'; say 'override = true' to replace it"),
        ("override of nothing", {"policy/test.toml": extending("opm", rule("AGY001", 'kind = "whole-days"',
                                                                           extra="override = true\n"))},
         "policy/test.toml:6:6: rule AGY001 overrides nothing: no inherited rule has that id"),
        ("extends an unknown profile", {"policy/test.toml": extending("opn")},
         "policy/test.toml:3:11: 'extends' names no known profile 'opn' (did you mean 'opm'?)"),
        ("extends a missing file", {"policy/test.toml": extending("base.toml")},
         "policy/test.toml:3:11: cannot extend 'base.toml': cannot read the profile: no such file or directory"),
        ("extends cycle", {"telework.toml": config("policy/a.toml"),
                           "policy/a.toml": extending("b.toml", profile_id="a"),
                           "policy/b.toml": extending("a.toml", profile_id="b")},
         "policy/a.toml:1:1: 'extends' goes round in a cycle: policy/a.toml -> policy/b.toml -> policy/a.toml"),
        ("a profile id already known", {"policy/test.toml": PROFILE_HEAD.replace("test-kinds", "opm")},
         "policy/test.toml:1:1: profile id 'opm' is already defined (built-in)"),
        ("a profile file out of the directory", {"telework.toml": config("../x.toml")},
         "{repo}/telework.toml:2:11: '../x.toml' in 'profile' leads out of the directory of telework.toml; paths stay "
         "inside it"),
        ("a profile file that links out of the checkout", {"policy/test.toml": ("symlink", outside)},
         "policy/test.toml:1:1: cannot read the profile: it is a symbolic link that leads outside {repo}; telework "
         "does not follow links out of the tree"),
        ("a profile file over 1 MiB", {"policy/test.toml": PROFILE_HEAD + "#" * (1024 * 1024) + "\n"},
         "policy/test.toml:1:1: the file is larger than the limit of 1048576 bytes"),
        ("unknown threshold in telework.toml", {"telework.toml": config(more="[thresholds]\ncopy_day = 8\n"),
                                                "policy/test.toml": profile_text([], "copy_days = 7")},
         "telework.toml:4:1: unknown key 'copy_day' in [thresholds] (did you mean 'copy_days'?)"),
    ]


def check_error_case(check, telework, home, spec):
    name, files, expected = spec
    files = {"telework.toml": config(), **files}
    links = {path: text[1] for path, text in files.items() if isinstance(text, tuple)}
    repo = make_repo(home, "error-" + name.replace(" ", "-").replace(",", ""),
                     {p: t for p, t in files.items() if not isinstance(t, tuple)})
    for path, target in links.items():
        os.makedirs(os.path.dirname(os.path.join(repo, path)), exist_ok=True)
        os.symlink(target, os.path.join(repo, path))
    status, out, err = run(telework, ["validate", "--as-of", AS_OF], repo)
    expected = expected.replace("{repo}", repo)
    check.equal((status, err, out), (2, f"telework: error: {expected}\n", ""), f"profile error: {name}")


def built_in_profiles(check, telework, repo):
    """{id: number of rules} of the profiles compiled in, in their order, as a checkout without telework.toml
    lists them."""
    status, out, err = run(telework, ["profile", "list", "--format", "json"], repo)
    check.equal((status, err), (0, ""), "profile list: exit 0")
    listed = json.loads(out)["profiles"] if status == 0 else []
    built_in = {p["id"]: (p["extends"], p["rules"]) for p in listed if p["origin"] == "built-in"}
    check.equal(list(built_in)[:2], ["opm", "ct-gl32"], "profile list: opm and ct-gl32 are built in")
    check.equal((built_in.get("opm"), built_in.get("ct-gl32")), ((None, 11), (None, 19)),
                "profile list: opm has 11 rules, ct-gl32 19")
    return built_in


def check_hostile_texts(check, telework, home):
    """A profile is repository content: its free texts reach explain's text output escaped, never raw."""
    hostile = ('\n[[rules]]\nid = "TST900"\nname = "hostile-texts"\nseverity = "error"\n'
               'citation = "Sec \\u001b[2J 1"\nsummary = "clears \\u001b]0;title\\u0007 the screen"\n'
               'description = "first line\\n::error file=x::forged\\r\\nend"\n'
               'source = "policy/\\u0000nul.txt"\nquote = "A \\u202e reversed sentence."\n'
               '  [[rules.then]]\n  kind = "required-facts"\n  facts = ["duties"]\n')
    repo = make_repo(home, "hostile-texts", {"telework.toml": config(), "policy/test.toml": PROFILE_HEAD + hostile})
    for args in (["explain", "TST900"], ["explain"]):
        status, out, err = run(telework, args, repo)
        raw = [c for c in out if (ord(c) < 32 and c != "\n") or c in "\x7f\u202e"]
        check.check(status == 0 and not raw, f"{' '.join(args)}: no control character of the profile printed raw",
                    repr(out[-600:]) + err)
        check.check(not any(line.startswith("::") for line in out.splitlines()),
                    f"{' '.join(args)}: no line starts a workflow command", out[-600:])
    status, out, _ = run(telework, ["explain", "TST900"], repo)
    check.check("\\x1b[2J" in out and "\\n::error" in out, "explain: the escapes are shown as text", out[-600:])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--telework", required=True)
    options = parser.parse_args()
    telework = os.path.abspath(options.telework)
    check = Checker()
    with tempfile.TemporaryDirectory(prefix="telework-profiles-") as home:
        built_in = built_in_profiles(check, telework, make_repo(home, "empty", {}))
        repos = {spec["name"]: check_kind_case(check, telework, home, spec) for spec in kind_cases()}
        check_eligibility(check, telework, repos)
        check_extends(check, telework, home, built_in)
        check_renewal(check, telework, home)
        check_hostile_texts(check, telework, home)
        for spec in error_cases(home, built_in):
            check_error_case(check, telework, home, spec)
    check.check(check.passed >= 180, "enough checks ran", f"only {check.passed}")
    print(f"{check.passed} passed, {check.failed} failed")
    return 1 if check.failed else 0


if __name__ == "__main__":
    sys.exit(main())
