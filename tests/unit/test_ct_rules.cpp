#include "finding_expectations.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

using namespace telework;
using namespace telework::testing;

namespace {

const char* const as_of = "2026-11-20";

std::vector<Finding> judge_ct(const std::string& yaml, RunSettings settings = settings_as_of(as_of)) {
    return judge(yaml, settings);
}


std::string proposed(const std::string& yaml) { return replace(yaml, "status: approved", "status: proposed"); }

const std::string& ct = valid_ct_record;

const std::string signatures_block = "signatures:\n"
                                     "  employee: {name: Jane Q. Doe, date: 2026-02-25}\n"
                                     "  supervisor: {name: Robert Smith, date: 2026-02-25}\n"
                                     "  manager: {name: Alice Brown, date: 2026-02-26}\n"
                                     "  hr: {name: Carol White, date: 2026-02-27}\n"
                                     "  agency_head: {name: Dan Green, date: 2026-02-28}\n";
const std::string location_block = "location:\n  kind: home\n  address: 12 Elm Street, Hartford, CT 06106\n"
                                   "  phone: \"+1-860-555-0142\"\n";
const std::string schedule_block = "schedule:\n  workweek_days: 5\n  telework_days: [tue, thu]\n  partial_days: []\n"
                                   "  field_work: false\n  hours: {start: \"08:00\", end: \"16:30\"}\n"
                                   "  alternate_schedule: false\n";
const std::string term_block = "term:\n  start: 2026-03-01\n  end: 2026-11-30\n";

// hr signs last, on 2026-03-02: the ct-gl32 approval date moves to 2026-03-02.
std::string hr_signs_late(const std::string& yaml) {
    return replace(yaml, "hr: {name: Carol White, date: 2026-02-27}", "hr: {name: Carol White, date: 2026-03-02}");
}

std::string with_term(const std::string& yaml, const char* start, const char* end) {
    return replace(replace(yaml, "start: 2026-03-01", std::string("start: ") + start), "end: 2026-11-30",
                   std::string("end: ") + end);
}

} // namespace

TEST_CASE("CT fixtures: the valid ct record has no findings, approved or proposed") {
    expect(judge_ct(ct), "");
    expect(judge_ct(proposed(ct)), "");
}

// ---------------------------------------------------------------------------
// CT201 max-term

TEST_CASE("CT201 max-term: 9 months passes, 9 months + 1 day fails") {
    expect(judge_ct(ct), "");
    const auto findings = judge_ct(with_term(ct, "2026-03-01", "2026-12-01"));
    expect(findings, "CT201@38:8",
           {"term runs 9 months 1 day", "2026-03-01 to 2026-12-01", "at most 9 months", "must end by 2026-11-30"});
    CHECK(sev(findings.at(0)) == "error");
    expect(judge_ct(with_term(ct, "2026-03-01", "2027-03-01")), "CT201@38:8", {"term runs 12 months 1 day"});
}

TEST_CASE("CT201 max-term: month-end clamping makes late-month starts one day shorter") {
    for (const char* start : {"2026-05-28", "2026-05-29", "2026-05-30", "2026-05-31"}) {
        INFO("start ", start);
        expect(judge_ct(with_term(ct, start, "2027-02-27")), "");
        expect(judge_ct(with_term(ct, start, "2027-02-28")), "CT201@38:8", {"must end by 2027-02-27"});
    }
    expect(judge_ct(with_term(ct, "2026-06-01", "2027-02-28")), "");
    expect(judge_ct(with_term(ct, "2026-06-01", "2027-03-01")), "CT201@38:8",
           {"term runs 9 months 1 day", "must end by 2027-02-28"});
}

TEST_CASE("CT201 max-term: judges proposed records too") {
    expect(judge_ct(proposed(with_term(ct, "2026-03-01", "2026-12-01"))), "CT201@38:8", {"at most 9 months"});
    // Not denied or terminated ones.
    expect(judge_ct(replace(with_term(ct, "2026-03-01", "2026-12-01"), "status: approved", "status: terminated")), "");
}

TEST_CASE("CT201 max-term: the max_term_months threshold") {
    RunSettings six = settings_as_of(as_of);
    set_threshold(six, "max_term_months", 6);
    expect(judge_ct(ct, six), "CT201@38:8", {"term runs 9 months", "at most 6 months", "must end by 2026-08-31"});
    expect(judge_ct(with_term(ct, "2026-03-01", "2026-08-31"), six), "");
    RunSettings twelve = settings_as_of(as_of);
    set_threshold(twelve, "max_term_months", 12);
    expect(judge_ct(with_term(ct, "2026-03-01", "2027-02-28"), twelve), "");
    RunSettings one = settings_as_of(as_of);
    set_threshold(one, "max_term_months", 1);
    expect(judge_ct(ct, one), "CT201@38:8", {"at most 1 month allowed", "must end by 2026-03-31"});
}

TEST_CASE("CT201 max-term: skipped when the term is absent (CT219) or reversed (TW006)") {
    expect(judge_ct(replace(ct, term_block, "")), "CT219@1:1", {"lacks 'term'"});
    expect(judge_ct(replace(ct, "  end: 2026-11-30\n", "")), "CT219@36:1", {"lacks 'term.end'"});
    expect(judge_ct(with_term(ct, "2026-03-01", "2026-02-01")), "TW006@38:8", {"before term.start"});
}

// ---------------------------------------------------------------------------
// CT202 max-share

TEST_CASE("CT202 max-share: exactly 50% passes, above fails") {
    const auto half = replace(ct, "workweek_days: 5", "workweek_days: 4");
    expect(judge_ct(half), "");
    const auto sixty = replace(ct, "telework_days: [tue, thu]", "telework_days: [mon, tue, thu]");
    const auto findings = judge_ct(sixty);
    expect(findings, "CT202@31:3", {"telework share is 60%", "3 telework days of 5 workweek days", "at most 50%"});
    CHECK(sev(findings.at(0)) == "error");
    // 3 of 4 = 75%.
    expect(judge_ct(replace(half, "telework_days: [tue, thu]", "telework_days: [mon, tue, thu]")), "CT202@31:3",
           {"75%"});
}

TEST_CASE("CT202 max-share: the share is shown rounded to a tenth of a percent") {
    auto yaml = replace(ct, "workweek_days: 5", "workweek_days: 3");
    expect(judge_ct(yaml), "CT202@31:3", {"telework share is 66.7%", "2 telework days of 3 workweek days"});
}

TEST_CASE("CT202 max-share: partial days count toward the share") {
    auto yaml = replace(ct, "partial_days: []", "partial_days: [fri]");
    yaml = replace(yaml, "field_work: false", "field_work: true");
    expect(judge_ct(yaml), "CT202@31:3", {"60%", "1 partial"});
    // 2 telework + 1 partial of 6 = 50%.
    expect(judge_ct(replace(yaml, "workweek_days: 5", "workweek_days: 6")), "");
}

TEST_CASE("CT202 max-share: the max_telework_share threshold") {
    const auto sixty = replace(ct, "telework_days: [tue, thu]", "telework_days: [mon, tue, thu]");
    RunSettings loose = settings_as_of(as_of);
    set_threshold(loose, "max_telework_share", 0.6);
    expect(judge_ct(sixty, loose), "");
    RunSettings strict = settings_as_of(as_of);
    set_threshold(strict, "max_telework_share", 0.3);
    expect(judge_ct(ct, strict), "CT202@31:3", {"40%", "at most 30%"});
}

TEST_CASE("CT202 max-share: judges proposed records; skipped without a schedule") {
    expect(judge_ct(proposed(replace(ct, "telework_days: [tue, thu]", "telework_days: [mon, tue, thu]"))),
           "CT202@31:3");
    expect(judge_ct(replace(ct, schedule_block, "")), "CT219@1:1", {"lacks 'schedule'"});
    expect(judge_ct(proposed(replace(ct, schedule_block, ""))), "");
}

// ---------------------------------------------------------------------------
// CT203 whole-days

TEST_CASE("CT203 whole-days: partial days without field work") {
    // No whole days and two partial days: 40%, within CT202 and CT219.
    const auto base = replace(ct, "telework_days: [tue, thu]", "telework_days: []");
    const auto yaml = replace(base, "partial_days: []", "partial_days: [mon, fri]");
    const auto findings = judge_ct(yaml);
    expect(findings, "CT203@32:3", {"partial telework days (mon, fri)", "'field_work: true'"});
    CHECK(sev(findings.at(0)) == "error");
    // Absent field_work means false.
    const auto no_field_work = replace(yaml, "  field_work: false\n", "");
    expect(judge_ct(no_field_work), "CT203@32:3", {"(mon, fri)"});
}

TEST_CASE("CT203 whole-days: field work allows partial days; empty partial_days passes") {
    auto yaml = replace(ct, "telework_days: [tue, thu]", "telework_days: [tue]");
    yaml = replace(yaml, "partial_days: []", "partial_days: [fri]");
    expect(judge_ct(replace(yaml, "field_work: false", "field_work: true")), "");
    expect(judge_ct(ct), "");
    expect(judge_ct(replace(ct, "  partial_days: []\n", "")), "");
}

TEST_CASE("CT203 whole-days: judges proposed records") {
    auto yaml = replace(ct, "telework_days: [tue, thu]", "telework_days: [tue]");
    yaml = replace(yaml, "partial_days: []", "partial_days: [fri]");
    expect(judge_ct(proposed(yaml)), "CT203@32:3", {"fri"});
}

// ---------------------------------------------------------------------------
// CT204 signatures

TEST_CASE("CT204 signatures: each of the five is required") {
    expect(judge_ct(replace(ct, "  hr: {name: Carol White, date: 2026-02-27}\n", "")), "CT204@78:1",
           {"lacks the hr signature", "'signatures.hr'", "all five"});
    expect(judge_ct(replace(ct, "  supervisor: {name: Robert Smith, date: 2026-02-25}\n", "")), "CT204@78:1",
           {"lacks the supervisor signature"});
    expect(judge_ct(replace(ct, "  agency_head: {name: Dan Green, date: 2026-02-28}", "  agency_head: null")),
           "CT204@83:3", {"lacks the agency_head signature"});
}

TEST_CASE("CT204 signatures: no signatures block fails five times, at the top") {
    const auto findings = judge_ct(replace(ct, signatures_block, ""));
    expect(findings, "CT204@1:1 CT204@1:1 CT204@1:1 CT204@1:1 CT204@1:1");
    REQUIRE(findings.size() == 5);
    CHECK(mentions(findings[0], "employee signature"));
    CHECK(mentions(findings[1], "supervisor signature"));
    CHECK(mentions(findings[2], "manager signature"));
    CHECK(mentions(findings[3], "hr signature"));
    CHECK(mentions(findings[4], "agency_head signature"));
}

TEST_CASE("CT204 signatures: a proposed record needs no signatures") {
    expect(judge_ct(proposed(replace(ct, signatures_block, ""))), "");
}

// ---------------------------------------------------------------------------
// CT205 das-copy

TEST_CASE("CT205 das-copy: sent on day 7 after approval passes, day 8 fails") {
    expect(judge_ct(replace(ct, "das_copy_sent: 2026-03-03", "das_copy_sent: 2026-03-07")), "");
    const auto findings = judge_ct(replace(ct, "das_copy_sent: 2026-03-03", "das_copy_sent: 2026-03-08"));
    expect(findings, "CT205@84:16",
           {"copy sent to DAS on 2026-03-08", "8 days after approval on 2026-02-28", "at most 7"});
    CHECK(sev(findings.at(0)) == "error");
}

TEST_CASE("CT205 das-copy: missing passes until the as-of date is past day 7") {
    const auto missing = replace(ct, "das_copy_sent: 2026-03-03\n", "");
    expect(judge_ct(missing, settings_as_of("2026-02-28")), "");
    expect(judge_ct(missing, settings_as_of("2026-03-07")), "");
    expect(judge_ct(missing, settings_as_of("2026-03-08")), "CT205@1:1",
           {"no 'das_copy_sent' recorded", "approval was on 2026-02-28", "due at DAS by 2026-03-07"});
    expect(judge_ct(missing), "CT205@1:1");
    const auto null_copy = replace(ct, "das_copy_sent: 2026-03-03", "das_copy_sent: null");
    expect(judge_ct(null_copy, settings_as_of("2026-03-07")), "");
    expect(judge_ct(null_copy), "CT205@84:1", {"no 'das_copy_sent' recorded"});
}

TEST_CASE("CT205 das-copy: the approval date is the latest of all five signatures") {
    // hr signs last (2026-03-02), after the agency head: the copy is due by 2026-03-09.
    const auto late_hr = hr_signs_late(ct);
    expect(judge_ct(replace(late_hr, "das_copy_sent: 2026-03-03", "das_copy_sent: 2026-03-09")), "");
    expect(judge_ct(replace(late_hr, "das_copy_sent: 2026-03-03", "das_copy_sent: 2026-03-10")), "CT205@84:16",
           {"8 days after approval on 2026-03-02"});
    const auto missing = replace(late_hr, "das_copy_sent: 2026-03-03\n", "");
    expect(judge_ct(missing, settings_as_of("2026-03-09")), "");
    expect(judge_ct(missing, settings_as_of("2026-03-10")), "CT205@1:1", {"due at DAS by 2026-03-09"});
}

TEST_CASE("CT205 das-copy: the das_copy_days threshold") {
    RunSettings ten = settings_as_of(as_of);
    set_threshold(ten, "das_copy_days", 10);
    expect(judge_ct(replace(ct, "das_copy_sent: 2026-03-03", "das_copy_sent: 2026-03-10"), ten), "");
    expect(judge_ct(replace(ct, "das_copy_sent: 2026-03-03", "das_copy_sent: 2026-03-11"), ten), "CT205@84:16",
           {"11 days after approval", "at most 10"});
}

TEST_CASE("CT205 das-copy: not judged on proposed records or without an approval date") {
    expect(judge_ct(proposed(replace(ct, "das_copy_sent: 2026-03-03\n", ""))), "");
    // No signatures at all: CT204 reports them, CT205 has no approval date to count from.
    const auto findings = judge_ct(replace(replace(ct, signatures_block, ""), "das_copy_sent: 2026-03-03\n", ""));
    CHECK(with_rule(findings, "CT205").empty());
    CHECK(with_rule(findings, "CT204").size() == 5);
}

// ---------------------------------------------------------------------------
// CT206 insurance-certificate

TEST_CASE("CT206 insurance-certificate: home telework without a certificate") {
    const auto no = replace(ct, "insurance_certificate_on_file: true", "insurance_certificate_on_file: false");
    expect(judge_ct(no), "CT206@52:32", {"insurance certificate", "'insurance_certificate_on_file: true'"});
    expect(judge_ct(replace(ct, "insurance_certificate_on_file: true\n", "")), "CT206@1:1", {"insurance"});
    expect(judge_ct(replace(ct, "insurance_certificate_on_file: true", "insurance_certificate_on_file: null")),
           "CT206@52:1");
}

TEST_CASE("CT206 insurance-certificate: not needed away from home, nor on a proposed record") {
    const auto no = replace(ct, "insurance_certificate_on_file: true", "insurance_certificate_on_file: false");
    expect(judge_ct(replace(no, "kind: home", "kind: telework_center")), "");
    expect(judge_ct(replace(no, "kind: home", "kind: other")), "");
    expect(judge_ct(proposed(no)), "");
}

// ---------------------------------------------------------------------------
// CT207 dependent-care

TEST_CASE("CT207 dependent-care: dependents without arrangements on file") {
    const auto no = replace(ct, "arrangements_on_file: true", "arrangements_on_file: false");
    expect(judge_ct(no), "CT207@" + at(no, "arrangements_on_file: ", "false"),
           {"dependents", "'dependent_care.arrangements_on_file: true'"});
    const auto absent = replace(ct, "{dependents: true, arrangements_on_file: true}", "{dependents: true}");
    expect(judge_ct(absent), "CT207@51:1", {"no proof of care arrangements"});
}

TEST_CASE("CT207 dependent-care: no dependents, no block, or a proposed record pass") {
    expect(judge_ct(replace(ct, "{dependents: true, arrangements_on_file: true}",
                            "{dependents: false, arrangements_on_file: false}")),
           "");
    expect(judge_ct(replace(ct, "dependent_care: {dependents: true, arrangements_on_file: true}\n", "")), "");
    expect(judge_ct(proposed(replace(ct, "arrangements_on_file: true", "arrangements_on_file: false"))), "");
}

// ---------------------------------------------------------------------------
// CT208 personal-computer

TEST_CASE("CT208 personal-computer: a personal computer without an exception") {
    const auto none = replace(ct, "personal_computer: false", "personal_computer: true");
    const auto findings = judge_ct(none);
    expect(findings, "CT208@45:10", {"personal computer used for state work without an exception", "computer.basis"});
    CHECK(sev(findings.at(0)) == "error");
    expect(judge_ct(replace(none, "  basis: none\n", "")), "CT208@43:1");
    expect(judge_ct(replace(none, "basis: none", "basis: null")), "CT208@45:3");
}

TEST_CASE("CT208 personal-computer: an exception basis, or no personal computer, passes") {
    const auto personal = replace(ct, "personal_computer: false", "personal_computer: true");
    for (const char* basis : {"no_computer_needed", "webmail_only", "secure_web_app", "it_authorized"}) {
        INFO("basis ", basis);
        expect(judge_ct(replace(personal, "basis: none", std::string("basis: ") + basis)), "");
    }
    expect(judge_ct(replace(ct, "computer:\n  personal_computer: false\n  basis: none\n", "")), "");
}

TEST_CASE("CT208 personal-computer: judges proposed records") {
    expect(judge_ct(proposed(replace(ct, "personal_computer: false", "personal_computer: true"))), "CT208@45:10");
}

// ---------------------------------------------------------------------------
// CT209 position-fit

TEST_CASE("CT209 position-fit: a false position answer is a warning") {
    const auto yaml = replace(ct, "measurable_output: true", "measurable_output: false");
    const auto findings = judge_ct(yaml);
    expect(findings, "CT209@" + at(yaml, "measurable_output: ", "false"),
           {"'eligibility.position.measurable_output' is false", "must be true"});
    CHECK(sev(findings.at(0)) == "warning");
    const auto two = replace(yaml, "independent_work: true", "independent_work: false");
    expect(judge_ct(two), "CT209@" + at(two, "independent_work: ", "false") + " CT209@" +
                              at(two, "measurable_output: ", "false"));
}

TEST_CASE("CT209 position-fit: null or absent answers are not findings in validate") {
    expect(judge_ct(replace(ct, "measurable_output: true", "measurable_output: null")), "");
    expect(judge_ct(replace(ct, "    measurable_output: true\n", "")), "");
    expect(judge_ct(replace(ct,
                            "  position:\n    independent_work: true\n    minimal_face_to_face: true\n"
                            "    measurable_output: true\n    portable_materials: true\n",
                            "")),
           "");
    expect(judge_ct(proposed(replace(ct, "measurable_output: true", "measurable_output: null"))), "");
}

TEST_CASE("CT209 position-fit: judges proposed records") {
    const auto yaml = proposed(replace(ct, "portable_materials: true", "portable_materials: false"));
    const auto findings = judge_ct(yaml);
    expect(findings, "CT209@" + at(yaml, "portable_materials: ", "false"), {"portable_materials"});
    CHECK(sev(findings.at(0)) == "warning");
}

TEST_CASE("CT209 position-fit: severity overrides turn it off or change it") {
    const auto yaml = replace(ct, "measurable_output: true", "measurable_output: false");
    RunSettings off = settings_as_of(as_of);
    off.severity_overrides["CT209"] = std::nullopt;
    expect(judge_ct(yaml, off), "");
    RunSettings error = settings_as_of(as_of);
    error.severity_overrides["CT209"] = Severity::Error;
    const auto findings = judge_ct(yaml, error);
    expect(findings, "CT209@" + at(yaml, "measurable_output: ", "false"));
    CHECK(sev(findings.at(0)) == "error");
    RunSettings info = settings_as_of(as_of);
    info.severity_overrides["CT209"] = Severity::Info;
    CHECK(sev(judge_ct(yaml, info).at(0)) == "info");
    // An override of another rule leaves CT209 alone.
    RunSettings other = settings_as_of(as_of);
    other.severity_overrides["CT201"] = std::nullopt;
    CHECK(sev(judge_ct(yaml, other).at(0)) == "warning");
}

// ---------------------------------------------------------------------------
// CT210 must-be-yes

TEST_CASE("CT210 must-be-yes: a false answer fails") {
    const auto yaml = replace(ct, "suitable_workspace: true", "suitable_workspace: false");
    const auto findings = judge_ct(yaml);
    expect(findings, "CT210@" + at(yaml, "suitable_workspace: ", "false"),
           {"'eligibility.must_be_yes.suitable_workspace' is false; it must be true"});
    CHECK(sev(findings.at(0)) == "error");
}

TEST_CASE("CT210 must-be-yes: a null answer is not yet answered, an absent one not recorded, on an approved record") {
    expect(judge_ct(replace(ct, "suitable_workspace: true", "suitable_workspace: null")), "CT210@71:5",
           {"'eligibility.must_be_yes.suitable_workspace' is not yet answered (null)"});
    expect(judge_ct(replace(ct, "    suitable_workspace: true\n", "")), "CT210@62:3",
           {"'eligibility.must_be_yes.suitable_workspace' is not recorded"});
    const std::string must_be_yes_block = "  must_be_yes:\n    increases_productivity: true\n"
                                          "    group_productivity_maintained: true\n"
                                          "    environment_or_traffic_benefit: true\n"
                                          "    full_range_of_duties: true\n    can_monitor_performance: true\n"
                                          "    oversight_offset_by_gains: true\n"
                                          "    confidential_data_safeguarded: true\n    equipment_available: true\n"
                                          "    suitable_workspace: true\n    reliable_phone_and_internet: true\n";
    expect(judge_ct(replace(ct, must_be_yes_block, "")), "CT210@56:1", {"'eligibility.must_be_yes' is not recorded"});
}

TEST_CASE("CT210/CT211 eligibility: no eligibility block at all is not recorded") {
    const auto at_eligibility = ct.find("eligibility:\n");
    const auto at_signatures = ct.find("signatures:\n");
    REQUIRE(at_eligibility != std::string::npos);
    REQUIRE(at_signatures != std::string::npos);
    const auto yaml = replace(ct, ct.substr(at_eligibility, at_signatures - at_eligibility), "");
    expect(judge_ct(yaml), "CT210@1:1 CT211@1:1", {"is not recorded"});
}

TEST_CASE("CT210 must-be-yes: not judged on proposed records") {
    expect(judge_ct(proposed(replace(ct, "suitable_workspace: true", "suitable_workspace: false"))), "");
    expect(judge_ct(proposed(replace(ct, "suitable_workspace: true", "suitable_workspace: null"))), "");
}

// ---------------------------------------------------------------------------
// CT211 must-be-no

TEST_CASE("CT211 must-be-no: a true answer fails, null is not yet answered") {
    const auto yaml = replace(ct, "used_in_lieu_of_leave: false", "used_in_lieu_of_leave: true");
    expect(judge_ct(yaml), "CT211@" + at(yaml, "used_in_lieu_of_leave: ", "true"),
           {"'eligibility.must_be_no.used_in_lieu_of_leave' is true; it must be false"});
    expect(judge_ct(replace(ct, "used_for_dependent_care: false", "used_for_dependent_care: null")), "CT211@76:5",
           {"'eligibility.must_be_no.used_for_dependent_care' is not yet answered (null)"});
    expect(judge_ct(replace(ct, "    impairs_group_productivity: false\n", "")), "CT211@73:3",
           {"impairs_group_productivity' is not recorded"});
}

TEST_CASE("CT211 must-be-no: not judged on proposed records") {
    expect(judge_ct(proposed(replace(ct, "used_in_lieu_of_leave: false", "used_in_lieu_of_leave: true"))), "");
}

// ---------------------------------------------------------------------------
// CT212-CT214, CT217, CT218: disqualifying employee facts

namespace {

// true fails at the value; absent is not recorded at `employee:`; null is not
// yet answered at the key; false passes; a proposed record is not judged.
void check_employee_flag(const char* rule, const std::string& key, std::string_view words) {
    const std::string given_false = key + ": false";
    const std::string given_true = key + ": true";
    const auto yes = replace(ct, given_false, given_true);
    const auto findings = judge_ct(yes);
    expect(findings, std::string(rule) + "@" + at(yes, key + ": ", "true"), {words, "'employee." + given_true + "'"});
    CHECK(sev(findings.at(0)) == "error");

    expect(judge_ct(replace(ct, "  " + given_false + "\n", "")), std::string(rule) + "@8:1",
           {"'employee." + key + "' is not recorded"});
    const auto null_value = replace(ct, given_false, key + ": null");
    expect(judge_ct(null_value), std::string(rule) + "@" + at(null_value, "  " + key + ": null", key),
           {"'employee." + key + "' is not yet answered (null)"});

    expect(judge_ct(ct), "");
    expect(judge_ct(proposed(yes)), "");
    expect(judge_ct(proposed(replace(ct, "  " + given_false + "\n", ""))), "");
}

} // namespace

TEST_CASE("CT212 supervises-staff: supervising staff disqualifies") {
    check_employee_flag("CT212", "supervises_staff", "leading or supervising staff");
}

TEST_CASE("CT213 working-test-period: a working test period disqualifies") {
    check_employee_flag("CT213", "working_test_period", "working test period");
}

TEST_CASE("CT214 training-class: a junior level or training class disqualifies") {
    check_employee_flag("CT214", "training_class", "training class");
}

TEST_CASE("CT217 outside-employment: outside employment disqualifies") {
    check_employee_flag("CT217", "outside_employment", "outside employment");
}

TEST_CASE("CT218 responsible-for-safety: responsibility for others' safety disqualifies") {
    check_employee_flag("CT218", "responsible_for_safety", "health or safety");
}

// ---------------------------------------------------------------------------
// CT215 recent-discipline

namespace {

std::string disciplined(const std::string& yaml, const char* date) {
    return replace(yaml, "last_discipline: null", std::string("last_discipline: ") + date);
}

} // namespace

TEST_CASE("CT215 recent-discipline: exactly 6 months before approval passes, one day later fails") {
    // ct-gl32 approval: 2026-02-28; add_months(-6) = 2025-08-28.
    expect(judge_ct(disciplined(ct, "2025-08-28")), "");
    const auto findings = judge_ct(disciplined(ct, "2025-08-29"));
    expect(findings, "CT215@16:20",
           {"disciplined on 2025-08-29", "within the 6 months up to approval on 2026-02-28", "after 2025-08-28"});
    CHECK(sev(findings.at(0)) == "error");
}

TEST_CASE("CT215 recent-discipline: the window ends on the approval date, inclusive") {
    expect(judge_ct(disciplined(ct, "2026-02-28")), "CT215@16:20", {"disciplined on 2026-02-28"});
    // After approval: not in the window before it (even though before the as-of date).
    expect(judge_ct(disciplined(ct, "2026-03-01")), "");
    expect(judge_ct(disciplined(ct, "2024-01-01")), "");
}

TEST_CASE("CT215 recent-discipline: the approval date is the latest of all five signatures") {
    const auto late_hr = hr_signs_late(ct); // approval 2026-03-02, window after 2025-09-02
    expect(judge_ct(disciplined(late_hr, "2025-09-02")), "");
    expect(judge_ct(disciplined(late_hr, "2025-09-03")), "CT215@16:20",
           {"up to approval on 2026-03-02", "after 2025-09-02"});
    expect(judge_ct(disciplined(late_hr, "2026-03-02")), "CT215@16:20");
}

TEST_CASE("CT215 recent-discipline: null means never disciplined; absent is not recorded") {
    expect(judge_ct(ct), "");
    expect(judge_ct(replace(ct, "  last_discipline: null\n", "")), "CT215@8:1",
           {"'employee.last_discipline' is not recorded"});
    expect(judge_ct(proposed(replace(ct, "  last_discipline: null\n", ""))), "");
    expect(judge_ct(proposed(disciplined(ct, "2026-01-01"))), "");
}

TEST_CASE("CT215 recent-discipline: the discipline_lookback_months threshold") {
    RunSettings three = settings_as_of(as_of);
    set_threshold(three, "discipline_lookback_months", 3);
    expect(judge_ct(disciplined(ct, "2025-08-29"), three), "");
    expect(judge_ct(disciplined(ct, "2025-11-28"), three), "");
    expect(judge_ct(disciplined(ct, "2025-11-29"), three), "CT215@16:20", {"within the 3 months", "after 2025-11-28"});
}

// ---------------------------------------------------------------------------
// CT216 performance-rating

TEST_CASE("CT216 performance-rating: below satisfactory fails") {
    for (const char* rating : {"unsatisfactory", "minimally_satisfactory"}) {
        INFO("rating ", rating);
        const auto yaml = replace(ct, "performance_rating: satisfactory", std::string("performance_rating: ") + rating);
        const auto findings = judge_ct(yaml);
        expect(findings, "CT216@17:23",
               {std::string("performance rating is '") + rating + "'", "satisfactory or better"});
    }
}

TEST_CASE("CT216 performance-rating: satisfactory or better passes") {
    for (const char* rating : {"satisfactory", "exceeds", "outstanding"}) {
        INFO("rating ", rating);
        expect(judge_ct(replace(ct, "performance_rating: satisfactory", std::string("performance_rating: ") + rating)),
               "");
    }
}

TEST_CASE("CT216 performance-rating: absent is not recorded, null not yet answered, on an approved record only") {
    expect(judge_ct(replace(ct, "  performance_rating: satisfactory\n", "")), "CT216@8:1",
           {"'employee.performance_rating' is not recorded"});
    expect(judge_ct(replace(ct, "performance_rating: satisfactory", "performance_rating: null")), "CT216@17:3",
           {"'employee.performance_rating' is not yet answered (null)"});
    expect(judge_ct(proposed(replace(ct, "performance_rating: satisfactory", "performance_rating: unsatisfactory"))),
           "");
}

// ---------------------------------------------------------------------------
// CT219 arrangement-elements

TEST_CASE("CT219 arrangement-elements: schedule absent, or naming no telework day") {
    const auto findings = judge_ct(replace(ct, schedule_block, ""));
    expect(findings, "CT219@1:1", {"approved agreement lacks 'schedule'"});
    CHECK(sev(findings.at(0)) == "error");
    const auto no_days = replace(ct, "telework_days: [tue, thu]", "telework_days: []");
    expect(judge_ct(no_days), "CT219@31:3", {"names no telework or partial day"});
    expect(judge_ct(replace(no_days, "  partial_days: []\n", "")), "CT219@31:3");
}

TEST_CASE("CT219 arrangement-elements: a partial day alone is a telework day") {
    auto yaml = replace(ct, "telework_days: [tue, thu]", "telework_days: []");
    yaml = replace(yaml, "partial_days: []", "partial_days: [fri]");
    expect(judge_ct(replace(yaml, "field_work: false", "field_work: true")), "");
}

TEST_CASE("CT219 arrangement-elements: term absent or without end") {
    expect(judge_ct(replace(ct, term_block, "")), "CT219@1:1", {"lacks 'term'"});
    expect(judge_ct(replace(ct, "  end: 2026-11-30\n", "")), "CT219@36:1", {"lacks 'term.end'"});
    expect(judge_ct(replace(ct, "end: 2026-11-30", "end: null")), "CT219@38:3", {"lacks 'term.end'"});
    // term.start is the schema's: TW002, once.
    expect(judge_ct(replace(ct, "  start: 2026-03-01\n", "")), "TW002@36:1", {"term.start"});
}

TEST_CASE("CT219 arrangement-elements: location with phone, and duties") {
    expect(judge_ct(replace(ct, location_block, "")), "CT219@1:1", {"lacks 'location'"});
    expect(judge_ct(replace(ct, "  phone: \"+1-860-555-0142\"\n", "")), "CT219@24:1", {"lacks 'location.phone'"});
    expect(judge_ct(replace(ct, "duties:\n  - Reconcile accounts payable ledgers\n", "")), "CT219@1:1",
           {"lacks 'duties'"});
    expect(judge_ct(replace(ct, "duties:\n  - Reconcile accounts payable ledgers", "duties: []")), "CT219@39:1",
           {"lacks 'duties'"});
}

TEST_CASE("CT219 arrangement-elements: a proposed record is not judged") {
    auto yaml = replace(ct, schedule_block, "");
    yaml = replace(yaml, term_block, "");
    yaml = replace(yaml, location_block, "");
    yaml = replace(yaml, "duties:\n  - Reconcile accounts payable ledgers\n", "");
    expect(judge_ct(proposed(yaml)), "");
    expect(judge_ct(yaml), "CT219@1:1 CT219@1:1 CT219@1:1 CT219@1:1");
}

// ---------------------------------------------------------------------------
// Which records the rules judge

TEST_CASE("CT rules on a proposed record: only CT201, CT202, CT203, CT208 and CT209 judge it") {
    auto yaml = with_term(ct, "2026-03-01", "2026-12-01");                                      // CT201
    yaml = replace(yaml, "telework_days: [tue, thu]", "telework_days: [mon, tue, thu]");         // CT202
    yaml = replace(yaml, "partial_days: []", "partial_days: [fri]");                             // CT203
    yaml = replace(yaml, "personal_computer: false", "personal_computer: true");                 // CT208
    yaml = replace(yaml, "independent_work: true", "independent_work: false");                   // CT209
    yaml = replace(yaml, "  hr: {name: Carol White, date: 2026-02-27}\n", "");                  // CT204
    yaml = replace(yaml, "das_copy_sent: 2026-03-03\n", "");                                     // CT205
    yaml = replace(yaml, "insurance_certificate_on_file: true", "insurance_certificate_on_file: false"); // CT206
    yaml = replace(yaml, "arrangements_on_file: true", "arrangements_on_file: false");           // CT207
    yaml = replace(yaml, "increases_productivity: true", "increases_productivity: null");        // CT210
    yaml = replace(yaml, "used_in_lieu_of_leave: false", "used_in_lieu_of_leave: true");         // CT211
    yaml = replace(yaml, "supervises_staff: false", "supervises_staff: true");                   // CT212
    yaml = replace(yaml, "  working_test_period: false\n", "");                                  // CT213
    yaml = replace(yaml, "training_class: false", "training_class: true");                       // CT214
    yaml = replace(yaml, "last_discipline: null", "last_discipline: 2026-01-10");                // CT215
    yaml = replace(yaml, "performance_rating: satisfactory", "performance_rating: unsatisfactory"); // CT216
    yaml = replace(yaml, "outside_employment: false", "outside_employment: true");               // CT217
    yaml = replace(yaml, "responsible_for_safety: false", "responsible_for_safety: true");       // CT218
    yaml = replace(yaml, "  phone: \"+1-860-555-0142\"\n", "");                                 // CT219

    auto ids = [](const std::vector<Finding>& findings) {
        auto rules = rules_of(findings);
        std::sort(rules.begin(), rules.end());
        rules.erase(std::unique(rules.begin(), rules.end()), rules.end());
        std::string out;
        for (const auto& rule : rules) out += (out.empty() ? "" : " ") + rule;
        return out;
    };
    const auto on_proposal = judge_ct(proposed(yaml));
    INFO("findings:", dump(on_proposal));
    CHECK(ids(on_proposal) == "CT201 CT202 CT203 CT208 CT209");
    CHECK(on_proposal.size() == 5);
    // Approved, every rule of the profile fires.
    CHECK(ids(judge_ct(yaml)) == "CT201 CT202 CT203 CT204 CT205 CT206 CT207 CT208 CT209 CT210 CT211 CT212 CT213 "
                                 "CT214 CT215 CT216 CT217 CT218 CT219");
    // Denied or terminated: no CT rule judges it.
    expect(judge_ct(replace(yaml, "status: approved", "status: denied")), "");
    expect(judge_ct(replace(yaml, "status: approved", "status: terminated")), "");
}

// ---------------------------------------------------------------------------
// Profiles

TEST_CASE("CT profile: a ct-gl32 record never gets OPM findings") {
    auto yaml = replace(ct, "disciplined_awol: false", "disciplined_awol: true");                  // OPM109
    yaml = replace(yaml, "disciplined_prohibited_content: false", "disciplined_prohibited_content: true"); // OPM110
    yaml = replace(yaml, "training:\n  telework: 2026-01-20\n  it_security: 2026-01-15\n", "");  // OPM107, OPM108
    yaml = replace(yaml, "manager: {id: E100002, name: Alice Brown}", "manager: {name: Maria Garcia}"); // OPM103
    yaml = replace(yaml, "{completed: true", "{completed: false");                              // OPM101
    yaml = replace(yaml, "equipment:\n  - {item: laptop, provided_by: agency, asset_tag: DAS-LT-5521}\n", ""); // OPM101
    yaml = replace(yaml, "emergency:\n  coop: true\n  pandemic: true\n  weather: true\n", "");   // OPM101
    expect(judge_ct(yaml), "");
    expect(judge_ct(yaml, settings_as_of(as_of, "opm")), "");
    // The same file judged as opm has only OPM findings.
    const auto opm = judge_ct(replace(yaml, "policy: ct-gl32", "policy: opm"));
    CHECK(summary(opm).find("CT2") == std::string::npos);
    CHECK(with_rule(opm, "OPM101").size() == 3);
    CHECK(with_rule(opm, "OPM103").size() == 1);
    CHECK(with_rule(opm, "OPM107").size() == 1);
    CHECK(with_rule(opm, "OPM108").size() == 1);
    CHECK(with_rule(opm, "OPM109").size() == 1);
    CHECK(with_rule(opm, "OPM110").size() == 1);
    CHECK(opm.size() == 8);
    // A denied ct-gl32 record without a decision: OPM104 is not a ct-gl32 rule.
    expect(judge_ct(replace(ct, "status: approved", "status: denied")), "");
}

TEST_CASE("CT profile: the record's policy overrides the run's default profile") {
    const auto long_term = with_term(ct, "2026-03-01", "2026-12-01");
    expect(judge_ct(long_term, settings_as_of(as_of, "opm")), "CT201@38:8");
    expect(judge_ct(long_term, settings_as_of(as_of, "ct-gl32")), "CT201@38:8");
    const auto no_policy = replace(long_term, "policy: ct-gl32\n", "");
    expect(judge_ct(no_policy, settings_as_of(as_of, "ct-gl32")), "CT201@37:8");
    expect(judge_ct(no_policy, settings_as_of(as_of, "opm")), "");
    // policy: opm beats a ct-gl32 default.
    expect(judge_ct(replace(long_term, "policy: ct-gl32", "policy: opm"), settings_as_of(as_of, "ct-gl32")), "");
}

TEST_CASE("CT severity overrides: any rule can be turned off or re-graded") {
    const auto long_term = with_term(ct, "2026-03-01", "2026-12-01");
    RunSettings warn = settings_as_of(as_of);
    warn.severity_overrides["CT201"] = Severity::Warning;
    const auto findings = judge_ct(long_term, warn);
    expect(findings, "CT201@38:8");
    CHECK(sev(findings.at(0)) == "warning");
    RunSettings off = settings_as_of(as_of);
    off.severity_overrides["CT201"] = std::nullopt;
    expect(judge_ct(long_term, off), "");
}
