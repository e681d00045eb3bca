#!/usr/bin/env python3
"""Writes the hostile seeds of the fuzzing corpora (hostile-*.yaml, hostile-*.toml).

The other seeds are copies of the examples' and fixtures' files. These are
the shapes a fuzzer takes long to find by itself: nesting just past the
limits, anchors and aliases, flow style, control characters, CRLF and lone
CR line ends, byte-order marks, invalid UTF-8, odd scalars. Each stays small
(a few KB) so that libFuzzer's default input size keeps them whole.

    /usr/bin/python3 tests/fuzz/make_hostile_seeds.py   # rewrites the hostile-* seeds
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))

VALID = """format: 1
id: TW-2026-0001
status: approved
type: routine
policy: ct-gl32
agency: Bureau of the Fiscal Service
unit: Payments
employee: {id: E1001, name: Ana Lima, position: Accountant, supervises_staff: false, last_discipline: null}
supervisor: {id: E2, name: Robert Smith}
manager: {name: Alice Brown}
schedule:
  workweek_days: 5
  telework_days: [tue, thu]
  partial_days: []
  hours: {start: "08:00", end: "16:30"}
term:
  start: 2026-03-01
  end: 2026-11-30
signatures:
  employee: {name: Ana Lima, date: 2026-02-20}
  supervisor: {name: Robert Smith, date: 2026-02-21}
"""

RECORD = {
    # one level past the nesting limit of 64, in flow and in block style
    "hostile-deep-flow.yaml": "format: 1\nid: " + "[" * 65 + "x" + "]" * 65 + "\n",
    "hostile-deep-flow-maps.yaml": "employee: " + "{a: " * 65 + "b" + "}" * 65 + "\n",
    "hostile-deep-block.yaml": "format: 1\nemployee:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 66)),
    "hostile-deep-sequence.yaml": "duties:\n" + "".join("  " * i + "- \n" for i in range(0, 66)) + "  " * 66 + "- x\n",
    "hostile-anchors.yaml": VALID + "base: &base {name: Robert Smith}\nmanager2: *base\n",
    "hostile-merge-key.yaml": "defaults: &d {workweek_days: 5}\nschedule:\n  <<: *d\n  telework_days: [mon]\n",
    "hostile-anchor-on-scalar.yaml": "format: &f 1\nid: *f\n",
    "hostile-tags.yaml": "%YAML 1.2\n%TAG ! tag:example.com,2026:\n---\nformat: !!int 1\nid: !custom TW-1\nstatus: !!str approved\n",
    "hostile-flow-mapping.yaml": "{format: 1, id: TW-2026-0002, status: proposed, type: routine, policy: opm, "
                                 "agency: A, employee: {id: E1, name: N, position: P}, supervisor: {name: S}, "
                                 "manager: {name: M}, schedule: {workweek_days: 5, telework_days: [mon, \"tue\", 'wed']}, "
                                 "term: {start: 2026-01-01, end: 2026-12-31}}\n",
    "hostile-flow-edge.yaml": "{? complex : key, [a, b]: c, {x: y}: z, : empty, \"\": null, ~: ~}\n",
    "hostile-control-chars.yaml": VALID.replace("Payments", "Pay\x01ments\x7f").replace(
        "Ana Lima, position", "\"Ana\\u0000Lima\\x1b[31m\\t\", position") + "agency_head: \"\\u202e\\ufeff\\x00\"\n",
    "hostile-nul-byte.yaml": "format: 1\nid: TW\x00-2026\n",
    "hostile-crlf.yaml": VALID.replace("\n", "\r\n"),
    "hostile-lone-cr.yaml": VALID.replace("\n", "\r"),
    "hostile-mixed-eol.yaml": "".join(line + ("\r\n", "\r", "\n")[i % 3]
                                      for i, line in enumerate(VALID.splitlines())),
    "hostile-bom.yaml": "\ufeff" + VALID,
    "hostile-double-bom.yaml": "\ufeff\ufeff" + VALID,
    "hostile-bom-inside.yaml": VALID.replace("unit: Payments", "unit: \ufeffPayments\nid2\ufeff: x"),
    "hostile-tabs.yaml": VALID.replace("  workweek_days", "\tworkweek_days"),
    "hostile-unicode-keys.yaml": VALID + "émployée: x\n\U0001F600: y\nagency\u0301: z\n",
    "hostile-block-scalars.yaml": VALID + "duties:\n  - |2-\n      indented\n    text\n  - >+\n    folded\n\n  - |\n",
    "hostile-non-string-keys.yaml": "1: one\ntrue: two\nnull: three\n2026-01-01: four\n[a]: five\n",
    "hostile-odd-scalars.yaml": ("format: 0x1\nid: 1e999\nstatus: .nan\ntype: -.inf\nagency: 0o17\nunit: -0\n"
                                 "employee: {id: 00012, performance_rating: ~, last_discipline: 0000-00-00}\n"
                                 "term: {start: 2026-02-29, end: 9999-12-31}\n"
                                 "schedule: {workweek_days: 9223372036854775808, hours: {start: \"24:00\", end: \"99:99\"}}\n"
                                 "das_copy_sent: 2026-13-01\n"),
    "hostile-yes-no.yaml": VALID.replace("supervises_staff: false", "supervises_staff: yes") + "insurance_certificate_on_file: On\n",
    "hostile-duplicate-nested.yaml": VALID + "term: {start: 2026-01-01, start: 2026-01-02}\nid: again\n",
    "hostile-two-docs.yaml": VALID + "...\n---\n" + VALID,
    "hostile-long-line.yaml": "format: 1\nid: " + "x" * 3000 + "\n",
    "hostile-invalid-utf8.yaml": VALID.encode() + b"unit: \xc0\x80\xed\xa0\x80\xf4\x90\x80\x80\xe2\x82\n",
    "hostile-supersedes-self.yaml": VALID + "supersedes: TW-2026-0001\n",
    # SourceText and the UTF-8 check read eight bytes at a time: a NUL and a
    # character that straddles a word deep in long ASCII lines, and a last
    # line ended by a lone CR.
    "hostile-late-nul.yaml": VALID + "duties:\n  - " + "abcdefgh" * 40 + "x\x00yz\n",
    "hostile-word-straddle-trailing-cr.yaml": VALID + "duties:\n  - " + "abcdefg" * 9 + "\u00e9" + "h" * 13
    + "\u20ac\n  - last\r",
    "hostile-decision.yaml": VALID.replace("status: approved", "status: terminated") + (
        "decision: {date: 2026-06-01, by: M, reason_category: conduct, reason: r, reapply_after: 2026-01-01,\n"
        "  improvement_actions: i, copy_to_employee: 2026-06-02, copy_to_coordinator: 2026-06-03}\n"),
    # A policy that names no profile (judged by the structure rules only),
    # and answers that are null rather than absent.
    "hostile-unknown-policy.yaml": VALID.replace("policy: ct-gl32", "policy: ct-gl33"),
    "hostile-null-answers.yaml": VALID + "eligibility:\n  must_be_yes: {suitable_workspace: null}\n"
                                        "  must_be_no: {used_for_dependent_care: null}\n",
}

CONFIG = {
    "hostile-deep-array.toml": "[telework]\nagreements = " + "[" * 300 + "]" * 300 + "\n",
    "hostile-deep-inline-table.toml": "[thresholds]\nx = " + "{a = " * 300 + "1" + "}" * 300 + "\n",
    "hostile-deep-dotted.toml": "[" + ".".join(f"t{i}" for i in range(300)) + "]\nk = 1\n",
    "hostile-array-of-tables.toml": "[[telework]]\nprofile = \"opm\"\n[[rules]]\nCT209 = \"off\"\n",
    "hostile-redefined.toml": "[telework]\nprofile = \"opm\"\n[telework]\nprofile = \"ct-gl32\"\n",
    "hostile-dotted-keys.toml": "telework.profile = \"opm\"\nthresholds.max_term_months = 9\nrules.\"CT209\" = 'off'\n",
    "hostile-numbers.toml": ("[thresholds]\nmax_term_months = 9223372036854775807\ndas_copy_days = -0\n"
                             "renewal_months = 0x10\ndiscipline_lookback_months = 1_000\nrenewal_window_days = 3660\n"
                             "max_telework_share = 1e-300\n"),
    "hostile-floats.toml": "[thresholds]\nmax_term_months = 9.0\nmax_telework_share = nan\nrenewal_months = inf\n",
    "hostile-dates.toml": "[thresholds]\nmax_term_months = 2026-01-01\nrenewal_months = 07:32:00\ndas_copy_days = 1979-05-27T07:32:00Z\n",
    "hostile-strings.toml": ("[telework]\nprofile = \"\"\"\nopm\"\"\"\nagreements = ['''a\nb''', \"\\u0000\", \"\\U0010FFFF\"]\n"
                             "exclude = \"single\"\n"),
    "hostile-control-chars.toml": "[telework]\nprofile = \"opm\x01\"\nagreements = [\"a\x7f\"]\n",
    "hostile-bom-crlf.toml": "\ufeff[telework]\r\nprofile = \"ct-gl32\"\r\n\r\n[rules]\r\nCT209 = \"off\"\r\n",
    "hostile-invalid-utf8.toml": b"[telework]\nprofile = \"\xc0\x80\"\n# \xed\xa0\x80\n",
    "hostile-unicode-keys.toml": "[telework]\n\"profilé\" = \"opm\"\n[\"r\u0075les\"]\n\"CT209\" = \"warning\"\nct209 = 'info'\n",
    "hostile-all-rules.toml": "[rules]\n" + "".join(f"{rule} = \"{sev}\"\n" for rule, sev in [
        ("TW001", "off"), ("TW002", "warning"), ("TW003", "info"), ("TW004", "off"), ("TW005", "error"),
        ("TW006", "off"), ("TW007", "info"), ("OPM101", "off"), ("CT201", "info"), ("CT209", "warning")]),
    "hostile-thresholds-extreme.toml": ("[telework]\nprofile = \"ct-gl32\"\n[thresholds]\nmax_term_months = 0\n"
                                        "max_telework_share = 1\ndas_copy_days = 3660\nrenewal_months = 0\n"
                                        "discipline_lookback_months = 3660\nrenewal_window_days = 0\n"),
    "hostile-empty-tables.toml": "[telework]\n[thresholds]\n[rules]\n",
    "hostile-wrong-types.toml": "telework = 1\nthresholds = [1, 2]\nrules = \"off\"\n",
    # The pre-scan's edges: a multi-line string closed by a run of quotes,
    # then dotted keys; a bare word where a value goes; a long entry list.
    "hostile-quote-run.toml": 'x = [\"\"\"a\"\"\"\", {' + "a." * 40 + "a = 1}]\ny = \'\'\'b\'\'\'\'\n",
    "hostile-bare-word.toml": "[thresholds]\nmax_term_months = nine\n[telework]\nprofile = opm\n",
    "hostile-many-entries.toml": "[telework]\nexclude = [" + ", ".join(['"a/*"'] * 1001) + "]\n",
    "hostile-outside-paths.toml": '[telework]\nagreements = ["/etc", "../..", "a/../../b", ""]\n',
}


def write(directory, files):
    for name, content in files.items():
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        with open(os.path.join(HERE, "corpus", directory, name), "wb") as handle:
            handle.write(data)


def main():
    write("record", RECORD)
    write("config", CONFIG)


if __name__ == "__main__":
    main()
