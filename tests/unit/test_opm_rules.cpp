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

std::vector<Finding> judge_opm(const std::string& yaml, RunSettings settings = settings_as_of(as_of)) {
    return judge(yaml, settings);
}


const std::string denied_opm_record = replace(valid_opm_record, "status: approved", "status: denied") +
                                      "decision:\n"
                                      "  date: 2026-05-01\n"
                                      "  by: Alice Brown\n"
                                      "  reason_category: business_need\n"
                                      "  reason: On-site coverage required while two positions are vacant.\n"
                                      "  reapply_after: 2026-11-01\n"
                                      "  improvement_actions: null\n"
                                      "  copy_to_employee: 2026-05-01\n"
                                      "  copy_to_coordinator: 2026-05-02\n";

// Only what the schema requires: every policy fact is absent.
const std::string bare_opm_record = R"(format: 1
id: TW-2026-0200
status: approved
type: routine
policy: opm
agency: Office of Personnel Management
employee: {id: E1, name: Pat Lee, position: Analyst}
supervisor: {name: Sam Roe}
manager: {name: Alice Brown}
)";

const std::string location_block = "location:\n  kind: home\n  address: 12 Elm Street, Hartford, CT 06106\n"
                                   "  phone: \"+1-860-555-0142\"\n";
const std::string schedule_block = "schedule:\n  workweek_days: 5\n  telework_days: [tue, thu]\n  partial_days: []\n"
                                   "  field_work: false\n  hours: {start: \"08:00\", end: \"16:30\"}\n"
                                   "  alternate_schedule: false\n";

} // namespace

TEST_CASE("OPM fixtures: the valid opm record and its denied version have no findings") {
    expect(judge_opm(valid_opm_record), "");
    expect(judge_opm(denied_opm_record), "");
    expect(judge_opm(replace(denied_opm_record, "status: denied", "status: terminated")), "");
}

// ---------------------------------------------------------------------------
// OPM101 agreement-elements

TEST_CASE("OPM101 agreement-elements: absent location") {
    const auto yaml = replace(valid_opm_record, location_block, "");
    const auto findings = judge_opm(yaml);
    expect(findings, "OPM101@1:1", {"approved agreement lacks 'location'"});
}

TEST_CASE("OPM101 agreement-elements: location without phone points at the location block") {
    const auto yaml = replace(valid_opm_record, "  phone: \"+1-860-555-0142\"\n", "");
    expect(judge_opm(yaml), "OPM101@24:1", {"lacks 'location.phone'", "contact"});
    const auto empty_phone = replace(valid_opm_record, "phone: \"+1-860-555-0142\"", "phone: \"\"");
    expect(judge_opm(empty_phone), "OPM101@" + at(empty_phone, "phone: \"\"", "\"\""), {"lacks 'location.phone'"});
}

TEST_CASE("OPM101 agreement-elements: empty equipment list, absent duties, absent schedule") {
    const auto no_equipment = replace(valid_opm_record,
                                      "equipment:\n  - {item: laptop, provided_by: agency, asset_tag: DAS-LT-5521}",
                                      "equipment: []");
    expect(judge_opm(no_equipment), "OPM101@41:1", {"lacks 'equipment'", "inventory"});

    const auto no_duties = replace(valid_opm_record, "duties:\n  - Reconcile accounts payable ledgers\n", "");
    expect(judge_opm(no_duties), "OPM101@1:1", {"lacks 'duties'"});

    const auto no_schedule = replace(valid_opm_record, schedule_block, "");
    expect(judge_opm(no_schedule), "OPM101@1:1", {"lacks 'schedule'"});
}

TEST_CASE("OPM101 agreement-elements: safety checklist not completed or absent") {
    const auto not_completed = replace(valid_opm_record, "{completed: true", "{completed: false");
    expect(judge_opm(not_completed), "OPM101@" + at(not_completed, "safety_checklist: {completed: ", "false"),
           {"safety checklist not completed"});

    const auto absent = replace(valid_opm_record, "safety_checklist: {completed: true, date: 2026-02-20}\n", "");
    expect(judge_opm(absent), "OPM101@1:1", {"lacks a completed 'safety_checklist'"});

    // The checklist date is not an element.
    expect(judge_opm(replace(valid_opm_record, "{completed: true, date: 2026-02-20}", "{completed: true}")), "");
}

TEST_CASE("OPM101 agreement-elements: emergency expectations must each be true or false") {
    const auto absent = replace(valid_opm_record, "emergency:\n  coop: true\n  pandemic: true\n  weather: true\n", "");
    expect(judge_opm(absent), "OPM101@1:1", {"lacks 'emergency'"});

    const auto null_pandemic = replace(valid_opm_record, "pandemic: true", "pandemic: null");
    expect(judge_opm(null_pandemic), "OPM101@49:3", {"'emergency.pandemic' is not yet answered (null)"});

    const auto no_weather = replace(valid_opm_record, "  weather: true\n", "");
    expect(judge_opm(no_weather), "OPM101@47:1", {"'emergency.weather' is not recorded"});

    // false is an answer: near miss.
    const auto all_false = replace(replace(replace(valid_opm_record, "coop: true", "coop: false"), "pandemic: true",
                                           "pandemic: false"),
                                   "weather: true", "weather: false");
    expect(judge_opm(all_false), "");
}

TEST_CASE("OPM101 agreement-elements: only approved records are judged") {
    for (const char* status : {"proposed", "denied", "terminated"}) {
        INFO("status ", status);
        auto yaml = replace(bare_opm_record, "status: approved", std::string("status: ") + status);
        const auto findings = judge_opm(yaml);
        CHECK(with_rule(findings, "OPM101").empty());
        CHECK(with_rule(findings, "OPM102").empty());
        CHECK(with_rule(findings, "OPM107").empty());
        CHECK(with_rule(findings, "OPM109").empty());
    }
}

TEST_CASE("OPM101-OPM110: an approved record with only the schema's keys fails every element as not recorded") {
    const auto findings = judge_opm(bare_opm_record);
    expect(findings, "OPM101@1:1 OPM101@1:1 OPM101@1:1 OPM101@1:1 OPM101@1:1 OPM101@1:1 OPM102@1:1 OPM102@1:1 "
                     "OPM107@1:1 OPM108@1:1 OPM109@7:1 OPM110@7:1");
    const auto awol = with_rule(findings, "OPM109");
    REQUIRE(awol.size() == 1);
    CHECK(mentions(awol[0], "'employee.disciplined_awol' is not recorded"));
    const auto content = with_rule(findings, "OPM110");
    REQUIRE(content.size() == 1);
    CHECK(mentions(content[0], "'employee.disciplined_prohibited_content' is not recorded"));
}

// ---------------------------------------------------------------------------
// OPM102 signatures

TEST_CASE("OPM102 signatures: the manager's or the employee's signature missing") {
    const auto no_manager = replace(valid_opm_record, "  manager: {name: Alice Brown, date: 2026-02-26}\n", "");
    expect(judge_opm(no_manager), "OPM102@78:1", {"lacks the manager's signature", "signatures.manager"});

    const auto null_employee = replace(valid_opm_record, "  employee: {name: Jane Q. Doe, date: 2026-02-25}",
                                       "  employee: null");
    expect(judge_opm(null_employee), "OPM102@79:3", {"lacks the employee's signature", "signatures.employee"});
}

TEST_CASE("OPM102 signatures: no signatures block fails for both, at the top of the file") {
    const std::string signatures_block = "signatures:\n"
                                         "  employee: {name: Jane Q. Doe, date: 2026-02-25}\n"
                                         "  supervisor: {name: Robert Smith, date: 2026-02-25}\n"
                                         "  manager: {name: Alice Brown, date: 2026-02-26}\n"
                                         "  hr: {name: Carol White, date: 2026-02-27}\n"
                                         "  agency_head: {name: Dan Green, date: 2026-02-28}\n";
    const auto findings = judge_opm(replace(valid_opm_record, signatures_block, ""));
    expect(findings, "OPM102@1:1 OPM102@1:1");
    REQUIRE(findings.size() == 2);
    CHECK(mentions(findings[0], "employee's signature"));
    CHECK(mentions(findings[1], "manager's signature"));
}

TEST_CASE("OPM102 signatures: opm needs only the employee and the manager") {
    auto yaml = replace(valid_opm_record, "  supervisor: {name: Robert Smith, date: 2026-02-25}\n", "");
    yaml = replace(yaml, "  hr: {name: Carol White, date: 2026-02-27}\n", "");
    yaml = replace(yaml, "  agency_head: {name: Dan Green, date: 2026-02-28}\n", "");
    expect(judge_opm(yaml), "");
}

// ---------------------------------------------------------------------------
// OPM103 new-manager

TEST_CASE("OPM103 new-manager: signed by a manager who is no longer the employee's manager") {
    const auto yaml = replace(valid_opm_record, "manager: {id: E100002, name: Alice Brown}",
                              "manager: {id: E100009, name: Maria Garcia}");
    const auto findings = judge_opm(yaml);
    expect(findings, "OPM103@" + at(yaml, "  manager: {name: Alice Brown", "Alice"),
           {"signed by manager 'Alice Brown'", "now 'Maria Garcia'", "new agreement"});
}

TEST_CASE("OPM103 new-manager: same manager, or no manager signature, is not a finding") {
    expect(judge_opm(valid_opm_record), "");
    const auto unsigned_by_manager =
        replace(valid_opm_record, "  manager: {name: Alice Brown, date: 2026-02-26}\n", "");
    expect(judge_opm(replace(unsigned_by_manager, "name: Alice Brown}", "name: Maria Garcia}")), "OPM102@78:1",
           {"manager's signature"});
    // Not judged on a proposed record.
    const auto proposed = replace(replace(valid_opm_record, "status: approved", "status: proposed"),
                                  "manager: {id: E100002, name: Alice Brown}", "manager: {name: Maria Garcia}");
    expect(judge_opm(proposed), "");
}

// ---------------------------------------------------------------------------
// OPM104 decision-reason

TEST_CASE("OPM104 decision-reason: a denied or terminated record without a decision") {
    const auto denied = replace(bare_opm_record, "status: approved", "status: denied");
    const auto findings = judge_opm(denied);
    expect(findings, "OPM104@1:1", {"denied record lacks a 'decision'", "reason_category", "reason"});
    CHECK(sev(findings.at(0)) == "error");

    const auto terminated = replace(bare_opm_record, "status: approved", "status: terminated");
    expect(judge_opm(terminated), "OPM104@1:1", {"terminated record lacks a 'decision'"});

    const auto null_decision = replace(valid_opm_record, "status: approved", "status: denied") + "decision: null\n";
    expect(judge_opm(null_decision), "OPM104@85:1", {"denied record lacks a 'decision'"});
}

TEST_CASE("OPM104 decision-reason: reason or reason_category missing or empty") {
    const auto no_reason =
        replace(denied_opm_record, "  reason: On-site coverage required while two positions are vacant.\n", "");
    expect(judge_opm(no_reason), "OPM104@85:1", {"lacks 'decision.reason'", "denied"});

    const auto empty_reason = replace(denied_opm_record, "reason: On-site coverage required while two positions are vacant.",
                                      "reason: \"\"");
    expect(judge_opm(empty_reason), "OPM104@" + at(empty_reason, "reason: \"\"", "\"\""), {"lacks 'decision.reason'"});

    const auto null_category = replace(denied_opm_record, "reason_category: business_need", "reason_category: null");
    expect(judge_opm(null_category), "OPM104@88:3", {"lacks 'decision.reason_category'"});

    const auto terminated_no_category = replace(replace(denied_opm_record, "status: denied", "status: terminated"),
                                                "  reason_category: business_need\n", "");
    expect(judge_opm(terminated_no_category), "OPM104@85:1", {"terminated record lacks 'decision.reason_category'"});
}

TEST_CASE("OPM104 decision-reason: approved and proposed records need no decision") {
    expect(judge_opm(valid_opm_record), "");
    const auto proposed = replace(bare_opm_record, "status: approved", "status: proposed");
    expect(judge_opm(proposed), "");
}

// ---------------------------------------------------------------------------
// OPM105 decision-reapply

TEST_CASE("OPM105 decision-reapply: an absent reapply_after is a warning") {
    const auto yaml = replace(denied_opm_record, "  reapply_after: 2026-11-01\n", "");
    const auto findings = judge_opm(yaml);
    expect(findings, "OPM105@85:1", {"lacks 'decision.reapply_after'", "reapply_after: null"});
    REQUIRE(findings.size() == 1);
    CHECK(sev(findings[0]) == "warning");

    const auto terminated = replace(yaml, "status: denied", "status: terminated");
    expect(judge_opm(terminated), "OPM105@85:1", {"terminated record lacks 'decision.reapply_after'"});
}

TEST_CASE("OPM105 decision-reapply: reapply_after: null says it does not apply and satisfies the rule") {
    expect(judge_opm(replace(denied_opm_record, "reapply_after: 2026-11-01", "reapply_after: null")), "");
    expect(judge_opm(replace(denied_opm_record, "reapply_after: 2026-11-01", "reapply_after:")), "");
}

TEST_CASE("OPM105 decision-reapply: not judged on approved records, skipped when OPM104 reports no decision") {
    const auto approved = valid_opm_record + "decision:\n  date: 2026-05-01\n";
    expect(judge_opm(approved), "");
    expect(judge_opm(replace(bare_opm_record, "status: approved", "status: denied")), "OPM104@1:1");
}

// ---------------------------------------------------------------------------
// OPM106 decision-copies

TEST_CASE("OPM106 decision-copies: copy to the employee or to the coordinator missing") {
    const auto no_employee_copy = replace(denied_opm_record, "  copy_to_employee: 2026-05-01\n", "");
    expect(judge_opm(no_employee_copy), "OPM106@85:1", {"lacks 'decision.copy_to_employee'", "written copy"});

    const auto null_coordinator = replace(denied_opm_record, "copy_to_coordinator: 2026-05-02", "copy_to_coordinator: null");
    expect(judge_opm(null_coordinator), "OPM106@93:3", {"lacks 'decision.copy_to_coordinator'", "coordinator"});

    auto neither = replace(denied_opm_record, "  copy_to_employee: 2026-05-01\n", "");
    neither = replace(neither, "  copy_to_coordinator: 2026-05-02\n", "");
    neither = replace(neither, "status: denied", "status: terminated");
    const auto findings = judge_opm(neither);
    expect(findings, "OPM106@85:1 OPM106@85:1", {"terminated record lacks"});
    REQUIRE(findings.size() == 2);
    CHECK(mentions(findings[0], "copy_to_employee"));
    CHECK(mentions(findings[1], "copy_to_coordinator"));
}

TEST_CASE("OPM106 decision-copies: both copies given, or an approved record, is not a finding") {
    expect(judge_opm(denied_opm_record), "");
    expect(judge_opm(valid_opm_record + "decision:\n  date: 2026-05-01\n"), "");
}

// ---------------------------------------------------------------------------
// OPM107 security-training, OPM108 telework-training

TEST_CASE("OPM107 security-training: not recorded") {
    const auto absent = replace(valid_opm_record, "  it_security: 2026-01-15\n", "");
    expect(judge_opm(absent), "OPM107@53:1", {"lacks 'training.it_security'", "not recorded"});

    const auto null_date = replace(valid_opm_record, "it_security: 2026-01-15", "it_security: null");
    expect(judge_opm(null_date), "OPM107@55:3", {"lacks 'training.it_security'", "not recorded"});

    const auto no_training =
        replace(valid_opm_record, "training:\n  telework: 2026-01-20\n  it_security: 2026-01-15\n", "");
    const auto findings = judge_opm(no_training);
    expect(findings, "OPM107@1:1 OPM108@1:1", {"not recorded"});
}

TEST_CASE("OPM107 security-training: on the approval date passes, the day after fails") {
    // opm approval = later of employee (02-25) and manager (02-26): 2026-02-26, though
    // hr and the agency head signed later.
    const auto same_day = replace(valid_opm_record, "it_security: 2026-01-15", "it_security: 2026-02-26");
    expect(judge_opm(same_day), "");
    const auto day_after = replace(valid_opm_record, "it_security: 2026-01-15", "it_security: 2026-02-27");
    expect(judge_opm(day_after), "OPM107@" + at(day_after, "it_security: ", "2026-02-27"),
           {"IT security training completed 2026-02-27", "after the approval date 2026-02-26"});
}

TEST_CASE("OPM107 security-training: the approval date is the later of the employee's and manager's signatures") {
    const auto late_employee = replace(valid_opm_record, "{name: Jane Q. Doe, date: 2026-02-25}",
                                       "{name: Jane Q. Doe, date: 2026-03-02}");
    expect(judge_opm(replace(late_employee, "it_security: 2026-01-15", "it_security: 2026-03-02")), "");
    const auto late = replace(late_employee, "it_security: 2026-01-15", "it_security: 2026-03-03");
    expect(judge_opm(late), "OPM107@" + at(late, "it_security: ", "2026-03-03"),
           {"after the approval date 2026-03-02"});
}

TEST_CASE("OPM108 telework-training: not recorded, and dated after approval") {
    const auto absent = replace(valid_opm_record, "  telework: 2026-01-20\n", "");
    expect(judge_opm(absent), "OPM108@53:1", {"lacks 'training.telework'", "telework training not recorded"});

    const auto null_date = replace(valid_opm_record, "telework: 2026-01-20", "telework: null");
    expect(judge_opm(null_date), "OPM108@54:3", {"lacks 'training.telework'"});

    expect(judge_opm(replace(valid_opm_record, "telework: 2026-01-20", "telework: 2026-02-26")), "");
    const auto day_after = replace(valid_opm_record, "telework: 2026-01-20", "telework: 2026-02-27");
    expect(judge_opm(day_after), "OPM108@" + at(day_after, "  telework: ", "2026-02-27"),
           {"telework training completed 2026-02-27", "after the approval date 2026-02-26"});
}

TEST_CASE("OPM107/OPM108 training: no approval date, no date comparison") {
    // Without employee and manager signatures OPM102 reports them; the training dates are not compared.
    auto yaml = replace(valid_opm_record, "  employee: {name: Jane Q. Doe, date: 2026-02-25}\n", "");
    yaml = replace(yaml, "  manager: {name: Alice Brown, date: 2026-02-26}\n", "");
    yaml = replace(yaml, "it_security: 2026-01-15", "it_security: 2026-11-01");
    expect(judge_opm(yaml), "OPM102@78:1 OPM102@78:1");
}

// ---------------------------------------------------------------------------
// OPM109 awol-exclusion, OPM110 content-exclusion

TEST_CASE("OPM109 awol-exclusion: disciplined for AWOL on an approved record") {
    const auto yaml = replace(valid_opm_record, "disciplined_awol: false", "disciplined_awol: true");
    const auto findings = judge_opm(yaml);
    expect(findings, "OPM109@" + at(yaml, "disciplined_awol: ", "true"),
           {"absent without permission", "'employee.disciplined_awol: true'"});
    CHECK(sev(findings.at(0)) == "error");
}

TEST_CASE("OPM109 awol-exclusion: absent is not recorded, null not yet answered; false passes") {
    const auto absent = replace(valid_opm_record, "  disciplined_awol: false\n", "");
    expect(judge_opm(absent), "OPM109@8:1", {"'employee.disciplined_awol' is not recorded"});
    const auto null_value = replace(valid_opm_record, "disciplined_awol: false", "disciplined_awol: null");
    expect(judge_opm(null_value), "OPM109@20:3", {"'employee.disciplined_awol' is not yet answered (null)"});
    expect(judge_opm(valid_opm_record), "");
}

TEST_CASE("OPM109 awol-exclusion: only approved records are judged") {
    for (const char* status : {"proposed", "denied"}) {
        INFO("status ", status);
        auto yaml = replace(status == std::string("denied") ? denied_opm_record : valid_opm_record,
                            "disciplined_awol: false", "disciplined_awol: true");
        yaml = replace(yaml, "disciplined_prohibited_content: false", "disciplined_prohibited_content: true");
        if (status == std::string("proposed")) yaml = replace(yaml, "status: approved", "status: proposed");
        expect(judge_opm(yaml), "");
    }
}

TEST_CASE("OPM110 content-exclusion: disciplined for prohibited content on an approved record") {
    const auto yaml =
        replace(valid_opm_record, "disciplined_prohibited_content: false", "disciplined_prohibited_content: true");
    expect(judge_opm(yaml), "OPM110@" + at(yaml, "disciplined_prohibited_content: ", "true"),
           {"prohibited content", "'employee.disciplined_prohibited_content: true'"});
}

TEST_CASE("OPM110 content-exclusion: absent is not recorded, null not yet answered") {
    const auto absent = replace(valid_opm_record, "  disciplined_prohibited_content: false\n", "");
    expect(judge_opm(absent), "OPM110@8:1", {"'employee.disciplined_prohibited_content' is not recorded"});
    const auto null_value =
        replace(valid_opm_record, "disciplined_prohibited_content: false", "disciplined_prohibited_content: null");
    expect(judge_opm(null_value), "OPM110@21:3", {"'employee.disciplined_prohibited_content' is not yet answered (null)"});
}

// ---------------------------------------------------------------------------
// OPM111 official-worksite

TEST_CASE("OPM111 official-worksite: every workweek day teleworked leaves no day at the worksite") {
    const auto yaml = replace(valid_opm_record, "telework_days: [tue, thu]", "telework_days: [mon, tue, wed, thu, fri]");
    const auto findings = judge_opm(yaml);
    expect(findings, "OPM111@31:3", {"leaves 0 days per biweekly pay period", "5 of 5 workweek days",
                                     "official worksite"});
    CHECK(sev(findings.at(0)) == "warning");

    auto four = replace(valid_opm_record, "workweek_days: 5", "workweek_days: 4");
    four = replace(four, "telework_days: [tue, thu]", "telework_days: [mon, tue, wed, thu]");
    expect(judge_opm(four), "OPM111@31:3", {"4 of 4 workweek days"});
}

TEST_CASE("OPM111 official-worksite: one office day a week is 2 per pay period and passes") {
    // 2 * (5 - 4) = 2, not < 2.
    const auto yaml = replace(valid_opm_record, "telework_days: [tue, thu]", "telework_days: [mon, tue, wed, thu]");
    expect(judge_opm(yaml), "");
    auto one_day_week = replace(valid_opm_record, "workweek_days: 5", "workweek_days: 1");
    one_day_week = replace(one_day_week, "telework_days: [tue, thu]", "telework_days: []");
    expect(judge_opm(one_day_week), "");
}

TEST_CASE("OPM111 official-worksite: routine approved records only") {
    const auto all_days = replace(valid_opm_record, "telework_days: [tue, thu]", "telework_days: [mon, tue, wed, thu, fri]");
    for (const char* type : {"situational", "medical", "emergency"}) {
        INFO("type ", type);
        expect(judge_opm(replace(all_days, "type: routine", std::string("type: ") + type)), "");
    }
    expect(judge_opm(replace(all_days, "status: approved", "status: proposed")), "");
}

TEST_CASE("OPM111 official-worksite: severity overrides") {
    const auto yaml = replace(valid_opm_record, "telework_days: [tue, thu]", "telework_days: [mon, tue, wed, thu, fri]");
    RunSettings off = settings_as_of(as_of);
    off.severity_overrides["OPM111"] = std::nullopt;
    expect(judge_opm(yaml, off), "");
    RunSettings error = settings_as_of(as_of);
    error.severity_overrides["OPM111"] = Severity::Error;
    const auto findings = judge_opm(yaml, error);
    expect(findings, "OPM111@31:3");
    CHECK(sev(findings.at(0)) == "error");
}

// ---------------------------------------------------------------------------
// Profiles

TEST_CASE("OPM profile: an opm record never gets CT findings") {
    // Out of GL32 policy in every way the CT rules check, but within OPM's.
    auto yaml = replace(valid_opm_record, "end: 2026-11-30", "end: 2027-02-28");                 // CT201
    yaml = replace(yaml, "telework_days: [tue, thu]", "telework_days: [mon, tue, thu]");         // CT202
    yaml = replace(yaml, "partial_days: []", "partial_days: [fri]");                             // CT203
    yaml = replace(yaml, "  supervisor: {name: Robert Smith, date: 2026-02-25}\n", "");          // CT204
    yaml = replace(yaml, "das_copy_sent: 2026-03-03\n", "");                                     // CT205
    yaml = replace(yaml, "insurance_certificate_on_file: true", "insurance_certificate_on_file: false"); // CT206
    yaml = replace(yaml, "arrangements_on_file: true", "arrangements_on_file: false");           // CT207
    yaml = replace(yaml, "personal_computer: false", "personal_computer: true");                 // CT208
    yaml = replace(yaml, "independent_work: true", "independent_work: false");                   // CT209
    yaml = replace(yaml, "increases_productivity: true", "increases_productivity: false");       // CT210
    yaml = replace(yaml, "used_in_lieu_of_leave: false", "used_in_lieu_of_leave: true");         // CT211
    yaml = replace(yaml, "supervises_staff: false", "supervises_staff: true");                   // CT212
    yaml = replace(yaml, "working_test_period: false", "working_test_period: true");             // CT213
    yaml = replace(yaml, "training_class: false", "training_class: true");                       // CT214
    yaml = replace(yaml, "last_discipline: null", "last_discipline: 2026-01-10");                // CT215
    yaml = replace(yaml, "performance_rating: satisfactory", "performance_rating: unsatisfactory"); // CT216
    yaml = replace(yaml, "outside_employment: false", "outside_employment: true");               // CT217
    yaml = replace(yaml, "responsible_for_safety: false", "responsible_for_safety: true");       // CT218
    expect(judge_opm(yaml), "");
    // The same file under ct-gl32 is full of findings (so the edits above do break GL32).
    auto ct = rules_of(judge_opm(replace(yaml, "policy: opm", "policy: ct-gl32")));
    std::sort(ct.begin(), ct.end());
    std::string joined;
    for (const auto& rule : ct) joined += (joined.empty() ? "" : " ") + rule;
    CHECK(joined == "CT201 CT202 CT203 CT204 CT205 CT206 CT207 CT208 CT209 CT210 CT211 CT212 CT213 CT214 CT215 "
                    "CT216 CT217 CT218");
}

TEST_CASE("OPM profile: the record's policy overrides the run's default profile") {
    const auto awol = replace(valid_opm_record, "disciplined_awol: false", "disciplined_awol: true");
    // policy: opm with a ct-gl32 default
    expect(judge_opm(awol, settings_as_of(as_of, "ct-gl32")), "OPM109@20:21");
    // no policy: the default decides
    const auto no_policy = replace(awol, "policy: opm\n", "");
    expect(judge_opm(no_policy, settings_as_of(as_of, "opm")), "OPM109@19:21");
    expect(judge_opm(no_policy, settings_as_of(as_of, "ct-gl32")), "");
}
