#include "record_fixture.hpp"

#include <doctest/doctest.h>

using namespace telework;
using namespace telework::testing;

namespace {

std::vector<Finding> decode_findings(const std::string& yaml) { return make_record(yaml).findings; }

const std::string& minimal = minimal_record;

} // namespace

TEST_CASE("decoder: the format page's full example decodes without findings into the typed model") {
    const RecordFile file = make_record(valid_ct_record);
    CHECK(file.findings.empty());
    REQUIRE(file.agreement.has_value());
    const Agreement& a = *file.agreement;
    CHECK(a.id.value == "TW-2026-0142");
    CHECK(a.status.value == Status::Approved);
    CHECK(a.policy.value == ProfileId::CtGl32);
    CHECK(a.employee->performance_rating.value == PerformanceRating::Satisfactory);
    CHECK(a.employee->last_discipline.is_null());
    CHECK(a.schedule->telework_days.value == std::vector<Weekday>{Weekday::Tue, Weekday::Thu});
    CHECK(a.schedule->hours->end->minutes == 16 * 60 + 30);
    CHECK(a.term->end.value == *Date::parse("2026-11-30"));
    CHECK(a.equipment->at(0).provided_by.value == Provider::Agency);
    CHECK(a.eligibility->must_be_yes->size() == 10);
    CHECK(a.signatures->agency_head->date.value == *Date::parse("2026-02-28"));
    CHECK(a.unit.value == "Human Resources");
    CHECK(a.location.pos == Position{24, 1});
}

TEST_CASE("TW002 schema: a minimal record is valid; absent and null keys are told apart") {
    const RecordFile file = make_record(minimal + "das_copy_sent: null\n");
    CHECK(file.findings.empty());
    CHECK(file.agreement->das_copy_sent.is_null());
    CHECK(file.agreement->location.absent());
    CHECK(file.agreement->location.pos == Position{1, 1});
}

TEST_CASE("TW002 schema: booleans are exactly true or false") {
    for (const char* spelling : {"yes", "no", "on", "off", "y", "n", "True", "FALSE", "\"true\"", "1"}) {
        CAPTURE(spelling);
        const auto findings = decode_findings(minimal + "insurance_certificate_on_file: " + spelling + "\n");
        REQUIRE(findings.size() == 1);
        CHECK(findings[0].rule == "TW002");
        CHECK(findings[0].pos == Position{9, 32});
        CHECK(findings[0].message.find("true or false") != std::string::npos);
    }
    CHECK(decode_findings(minimal + "insurance_certificate_on_file: false\n").empty());
}

TEST_CASE("TW002 near miss: 'yes' is a fine string where a string is expected") {
    CHECK(decode_findings(replace(minimal, "name: Ana Lima", "name: yes")).empty());
}

TEST_CASE("TW002 schema: unknown keys name the key probably meant") {
    const auto findings = decode_findings(replace(minimal, "agency:", "agncy:"));
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].pos == Position{5, 1});
    CHECK(findings[0].message == "unknown key 'agncy' (did you mean 'agency'?)");
}

TEST_CASE("TW002 schema: missing required keys point at the parent key") {
    const auto findings = decode_findings(replace(minimal, ", position: Accountant", ""));
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].message == "missing required key 'employee.position'");
    CHECK(findings[0].pos == Position{6, 1});
}

TEST_CASE("TW002 schema: enumerations, dates, times, integers, strings and ids") {
    struct Case {
        std::string from, to;
        Position pos;
    };
    const Case cases[] = {
        {"status: proposed", "status: pending", {3, 9}},
        {"format: 1", "format: 2", {1, 9}},
        {"id: TW-2026-0001", "id: TW2026", {2, 5}},
        {"id: E1,", "id: 104233,", {6, 16}},
        {"manager: {name: Alice Brown}", "manager: {name: Alice Brown}\nterm: {start: 2026-02-30}", {9, 15}},
        {"manager: {name: Alice Brown}",
         "manager: {name: Alice Brown}\nschedule: {workweek_days: 8, telework_days: []}", {9, 27}},
        {"manager: {name: Alice Brown}",
         "manager: {name: Alice Brown}\nschedule: {workweek_days: 5, telework_days: [mon, mon]}", {9, 51}},
        {"manager: {name: Alice Brown}",
         "manager: {name: Alice Brown}\nschedule: {workweek_days: 5, telework_days: [], hours: {start: \"8am\", end: \"16:00\"}}",
         {9, 64}},
        {"supervisor: {name: Robert Smith}", "supervisor: [Robert Smith]", {7, 13}},
    };
    for (const auto& c : cases) {
        CAPTURE(c.to);
        const auto findings = decode_findings(replace(minimal, c.from, c.to));
        REQUIRE(findings.size() == 1);
        CHECK(findings[0].rule == "TW002");
        CHECK(findings[0].pos == c.pos);
    }
}
