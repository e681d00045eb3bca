#pragma once

// Helpers for unit tests: build records from YAML text and judge them with
// the real loader, decoder and engine, at a fixed as-of date.

#include "telework/decoder.hpp"
#include "telework/engine.hpp"
#include "telework/record_index.hpp"
#include "telework/yaml_loader.hpp"

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace doctest {
template <>
struct StringMaker<telework::Position> {
    static String convert(const telework::Position& pos) {
        return (std::to_string(pos.line) + ":" + std::to_string(pos.column)).c_str();
    }
};
} // namespace doctest

namespace telework::testing {

inline RecordFile make_record(std::string yaml, std::string name = "agreements/test.yaml") {
    std::filesystem::path path = name;
    return decode_record(std::move(yaml), std::move(path), std::move(name));
}

// A date from the test's own text; a typo there fails loudly.
inline Date d(const char* text) {
    const auto parsed = Date::parse(text);
    if (!parsed) throw std::logic_error(std::string("bad test date: ") + text);
    return *parsed;
}

inline RunSettings settings_as_of(const char* date, std::string profile = "opm") {
    RunSettings settings;
    settings.as_of = *Date::parse(date);
    settings.default_profile = profile;
    settings.jobs = 1;
    return settings;
}

// The run's profiles with one threshold changed, as telework.toml would.
inline void set_threshold(RunSettings& settings, std::string_view name, double value) {
    auto set = std::make_shared<ProfileSet>(*settings.profiles);
    set->set_threshold(name, value);
    settings.profiles = std::move(set);
}

inline const Profile& built_in_profile(std::string_view id) { return *ProfileSet::built_in()->find(id); }

// Judges several records together (cross-record rules see all of them).
inline std::vector<RecordFile> judge_all(std::vector<RecordFile> files, const RunSettings& settings) {
    judge_records(files, settings);
    return files;
}

inline std::vector<Finding> judge(std::string yaml, const RunSettings& settings) {
    std::vector<RecordFile> files;
    files.push_back(make_record(std::move(yaml)));
    return judge_all(std::move(files), settings).front().findings;
}

inline std::vector<Finding> with_rule(const std::vector<Finding>& findings, std::string_view rule) {
    std::vector<Finding> out;
    for (const auto& f : findings) {
        if (f.rule == rule) out.push_back(f);
    }
    return out;
}

inline std::vector<std::string> rules_of(const std::vector<Finding>& findings) {
    std::vector<std::string> out;
    for (const auto& f : findings) out.push_back(f.rule);
    return out;
}

// Replaces the first occurrence of `from` in `text` (fails loudly if absent,
// so a fixture edit that no longer applies cannot pass silently).
inline std::string replace(std::string text, std::string_view from, std::string_view to) {
    const auto at = text.find(from);
    if (at == std::string::npos) throw std::logic_error("fixture text not found: " + std::string(from));
    text.replace(at, from.size(), to);
    return text;
}

// The smallest record the schema accepts: a proposal judged by opm.
inline const std::string minimal_record = R"(format: 1
id: TW-2026-0001
status: proposed
type: routine
agency: Bureau of the Fiscal Service
employee: {id: E1, name: Ana Lima, position: Accountant}
supervisor: {name: Robert Smith}
manager: {name: Alice Brown}
)";

// A record that passes every rule of the ct-gl32 profile as of 2026-11-20
// (approval 2026-02-28, the latest of the five signatures).
inline const std::string valid_ct_record = R"(format: 1
id: TW-2026-0142
status: approved
type: routine
policy: ct-gl32
agency: Department of Administrative Services
unit: Human Resources
employee:
  id: E104233
  name: Jane Q. Doe
  email: jane.doe@example.gov
  position: Accountant 2
  supervises_staff: false
  working_test_period: false
  training_class: false
  last_discipline: null
  performance_rating: satisfactory
  outside_employment: false
  responsible_for_safety: false
  disciplined_awol: false
  disciplined_prohibited_content: false
supervisor: {id: E100021, name: Robert Smith, email: robert.smith@example.gov}
manager: {id: E100002, name: Alice Brown}
location:
  kind: home
  address: 12 Elm Street, Hartford, CT 06106
  phone: "+1-860-555-0142"
official_duty_station: 165 Capitol Avenue, Hartford, CT
schedule:
  workweek_days: 5
  telework_days: [tue, thu]
  partial_days: []
  field_work: false
  hours: {start: "08:00", end: "16:30"}
  alternate_schedule: false
term:
  start: 2026-03-01
  end: 2026-11-30
duties:
  - Reconcile accounts payable ledgers
equipment:
  - {item: laptop, provided_by: agency, asset_tag: DAS-LT-5521}
computer:
  personal_computer: false
  basis: none
safety_checklist: {completed: true, date: 2026-02-20}
emergency:
  coop: true
  pandemic: true
  weather: true
dependent_care: {dependents: true, arrangements_on_file: true}
insurance_certificate_on_file: true
training:
  telework: 2026-01-20
  it_security: 2026-01-15
eligibility:
  position:
    independent_work: true
    minimal_face_to_face: true
    measurable_output: true
    portable_materials: true
  must_be_yes:
    increases_productivity: true
    group_productivity_maintained: true
    environment_or_traffic_benefit: true
    full_range_of_duties: true
    can_monitor_performance: true
    oversight_offset_by_gains: true
    confidential_data_safeguarded: true
    equipment_available: true
    suitable_workspace: true
    reliable_phone_and_internet: true
  must_be_no:
    impairs_group_productivity: false
    combined_schedules_impair_service: false
    used_for_dependent_care: false
    used_in_lieu_of_leave: false
signatures:
  employee: {name: Jane Q. Doe, date: 2026-02-25}
  supervisor: {name: Robert Smith, date: 2026-02-25}
  manager: {name: Alice Brown, date: 2026-02-26}
  hr: {name: Carol White, date: 2026-02-27}
  agency_head: {name: Dan Green, date: 2026-02-28}
das_copy_sent: 2026-03-03
)";

// The same agreement judged by the opm profile (approval 2026-02-26, the
// later of the employee's and the manager's signatures).
inline const std::string valid_opm_record = replace(valid_ct_record, "policy: ct-gl32", "policy: opm");

} // namespace telework::testing
