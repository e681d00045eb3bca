#include "model_codec.hpp"
#include "record_fixture.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>

using namespace telework;
using namespace telework::testing;

namespace {

std::vector<Finding> decode_findings(const std::string& yaml) { return make_record(yaml).findings; }

const std::string& minimal = minimal_record;

} // namespace

TEST_CASE("decoder: the format page's full example decodes without findings into the typed model") {
    const RecordFile file = make_record(valid_ct_record);
    CHECK(file.findings.empty());
    REQUIRE(file.has_agreement());
    const Agreement a = *file.agreement();
    CHECK(a.id.value == "TW-2026-0142");
    CHECK(a.status.value == Status::Approved);
    CHECK(a.policy.value == "ct-gl32");
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
    CHECK(file.agreement()->das_copy_sent.is_null());
    CHECK(file.agreement()->location.absent());
    CHECK(file.agreement()->location.pos == Position{1, 1});
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

// ---------------------------------------------------------------------------
// Format additions (all optional): request, schedule.pay_period,
// training.supervisor, work_plan, signatures.others, notes.

namespace {

const std::string with_additions = minimal + R"(request: {kind: renewal, date: 2026-02-10}
schedule:
  pay_period:
    - workweek_days: 5
      telework_days: [mon, thu]
      partial_days: []
    - workweek_days: 4
      telework_days: [tue]
  field_work: false
training: {supervisor: 2026-01-05}
work_plan: {date: 2026-02-20}
signatures:
  manager: {name: Alice Brown, date: 2026-02-26}
  others:
    - {role: assistant_commissioner, name: Lee Park, date: 2026-02-27}
    - {role: assistant_commissioner, name: Kim Young, date: 2026-02-28}
notes: Kept with the record.
)";

const std::string both_schedule_forms = minimal + R"(schedule:
  workweek_days: 5
  telework_days: [tue, thu]
  pay_period:
    - {workweek_days: 5, telework_days: [mon, thu]}
    - {workweek_days: 4, telework_days: [tue]}
)";

} // namespace

TEST_CASE("format additions: every key decodes into the typed model without findings") {
    const RecordFile file = make_record(with_additions);
    CHECK(file.findings.empty());
    REQUIRE(file.has_agreement());
    const Agreement a = *file.agreement();
    CHECK(a.request->kind.value == RequestKind::Renewal);
    CHECK(a.request->date.value == d("2026-02-10"));
    REQUIRE(a.schedule->pay_period.present());
    REQUIRE(a.schedule->pay_period->size() == 2);
    const ScheduleWeek& second = a.schedule->pay_period->at(1);
    CHECK(second.workweek_days.value == 4);
    CHECK(second.telework_days.value == std::vector<Weekday>{Weekday::Tue});
    CHECK(second.partial_days.absent());
    CHECK(a.schedule->pay_period->at(0).telework_days.value == std::vector<Weekday>{Weekday::Mon, Weekday::Thu});
    CHECK(a.schedule->pay_period.pos == Position{11, 3});
    CHECK(a.schedule->workweek_days.absent());
    CHECK(a.schedule->telework_days.absent());
    CHECK(is_false(a.schedule->field_work));
    CHECK(a.training->supervisor.value == d("2026-01-05"));
    CHECK(a.work_plan->date.value == d("2026-02-20"));
    CHECK(a.notes.value == "Kept with the record.");

    REQUIRE(a.signatures->others->size() == 2);
    CHECK(a.signatures->others->at(1).role.value == "assistant_commissioner");
    const Field<Signature>* other = a.signatures->other("assistant_commissioner");
    REQUIRE(other != nullptr);
    CHECK(other->present());
    CHECK(other->value.name.value == "Lee Park"); // the first with that role
    CHECK(other->value.date.value == d("2026-02-27"));
    CHECK(other->pos == Position{23, 7});
    CHECK(a.signatures->other("regional_administrator") == nullptr);
    CHECK(a.signatures->other("manager") == nullptr); // the five roles are not in `others`
    CHECK(a.signatures->of(Role::Manager)->date.value == d("2026-02-26"));
}

TEST_CASE("format additions: a record without them decodes as before") {
    const RecordFile file = make_record(valid_ct_record);
    CHECK(file.findings.empty());
    const Agreement a = *file.agreement();
    CHECK(a.request.absent());
    CHECK(a.work_plan.absent());
    CHECK(a.notes.absent());
    CHECK(a.schedule->pay_period.absent());
    CHECK(a.schedule->workweek_days.value == 5);
    CHECK(a.training->supervisor.absent());
    CHECK(a.signatures->others.absent());
    CHECK(a.signatures->other("assistant_commissioner") == nullptr);
}

TEST_CASE("format additions: null is not yet answered, as for the other optional keys") {
    const RecordFile file = make_record(minimal + "request: {kind: null, date: null}\nschedule: {pay_period: null}\n"
                                                  "work_plan: null\nsignatures: {others: null}\nnotes: null\n");
    CHECK(file.findings.empty());
    const Agreement a = *file.agreement();
    CHECK(a.request->kind.is_null());
    CHECK(a.schedule->pay_period.is_null());
    CHECK(a.work_plan.is_null());
    CHECK(a.signatures->others.is_null());
    CHECK(a.notes.is_null());
}

TEST_CASE("TW002 schema: schedule.pay_period and the weekly keys exclude each other") {
    const RecordFile file = make_record(both_schedule_forms);
    REQUIRE(file.findings.size() == 1);
    CHECK(file.findings[0].rule == "TW002");
    CHECK(file.findings[0].pos == Position{12, 3});
    CHECK(file.findings[0].message ==
          "'schedule.pay_period' cannot be combined with 'schedule.workweek_days' and 'schedule.telework_days': a "
          "schedule gives either the two weeks of 'pay_period' or the weekly keys, not both");
    // Every rule skips a schedule that says two things.
    const Schedule s = *file.agreement()->schedule;
    CHECK(s.pay_period.invalid());
    CHECK(s.workweek_days.invalid());
    CHECK(s.telework_days.invalid());
    CHECK(s.partial_days.absent());

    const auto three =
        decode_findings(replace(both_schedule_forms, "  pay_period:", "  partial_days: null\n  pay_period:"));
    REQUIRE(three.size() == 1);
    CHECK(three[0].message.find(
              "with 'schedule.workweek_days', 'schedule.telework_days' and 'schedule.partial_days':") !=
          std::string::npos);
    // A null pay_period still holds the key.
    const auto null_pay_period = decode_findings(minimal + "schedule: {partial_days: [], pay_period: null}\n");
    REQUIRE(null_pay_period.size() == 1);
    CHECK(null_pay_period[0].message.starts_with(
        "'schedule.pay_period' cannot be combined with 'schedule.partial_days':"));
}

TEST_CASE("TW002 schema: with pay_period the weekly keys are not required; without it they are") {
    CHECK(decode_findings(minimal + "schedule: {pay_period: null, field_work: false}\n").empty());
    const auto findings = decode_findings(minimal + "schedule: {field_work: false}\n");
    REQUIRE(findings.size() == 2);
    CHECK(findings[0].message == "missing required key 'schedule.workweek_days'");
    CHECK(findings[1].message == "missing required key 'schedule.telework_days'");
}

TEST_CASE("TW002 schema: a pay period is exactly two weeks") {
    const std::string week = "{workweek_days: 5, telework_days: [mon]}";
    const struct {
        std::string list;
        std::string got;
    } cases[] = {{"[]", "an empty list"}, {"[" + week + "]", "1 week"},
                 {"[" + week + ", " + week + ", " + week + "]", "3 weeks"}};
    for (const auto& c : cases) {
        CAPTURE(c.list);
        const RecordFile file = make_record(minimal + "schedule:\n  pay_period: " + c.list + "\n");
        REQUIRE(file.findings.size() == 1);
        CHECK(file.findings[0].pos == Position{10, 3});
        CHECK(file.findings[0].message == "'schedule.pay_period' must list exactly two weeks; got " + c.got);
        CHECK(file.agreement()->schedule->pay_period.invalid());
    }
    // A week that is not a mapping is its own finding; the length is right.
    const auto findings = decode_findings(minimal + "schedule:\n  pay_period: [null, " + week + "]\n");
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].message == "'schedule.pay_period[0]' must be a mapping of keys; got null");
    CHECK(decode_findings(minimal + "schedule:\n  pay_period: " + week + "\n").at(0).message ==
          "'schedule.pay_period' must be a list; got a mapping");
}

TEST_CASE("TW002 schema: each week of a pay period is checked as the weekly form is") {
    const auto findings = decode_findings(minimal + R"(schedule:
  pay_period:
    - {workweek_days: 8, partial_days: [fri, fri], telework: [mon]}
    - {workweek_days: 4, telework_days: [tue, tue]}
)");
    REQUIRE(findings.size() == 4);
    CHECK(findings[0].message ==
          "'schedule.pay_period[0].workweek_days' must be an integer from 1 to 7; got the number 8");
    CHECK(findings[0].pos == Position{11, 23});
    CHECK(findings[1].message == "'schedule.pay_period[0].partial_days' lists 'fri' twice");
    CHECK(findings[2].message ==
          "unknown key 'telework' in 'schedule.pay_period[0]' (did you mean 'telework_days'?)");
    CHECK(findings[3].message == "'schedule.pay_period[1].telework_days' lists 'tue' twice");
}

TEST_CASE("TW002 schema: signatures.others roles are snake_case; name and date are required") {
    const RecordFile file = make_record(minimal + R"(signatures:
  others:
    - {role: Assistant Commissioner, name: Lee Park, date: 2026-02-27}
    - {role: regional_administrator, name: Chris Bell}
    - {role: "", name: Kim Young, date: 2026-02-28}
)");
    REQUIRE(file.findings.size() == 3);
    CHECK(file.findings[0].pos == Position{11, 14});
    CHECK(file.findings[0].message ==
          "'signatures.others[0].role' must be snake_case (lowercase letters, digits and '_', starting with a letter) "
          "such as assistant_commissioner; got 'Assistant Commissioner' (did you mean 'assistant_commissioner'?)");
    CHECK(file.findings[1].message == "missing required key 'signatures.others[1].date'");
    CHECK(file.findings[1].pos == Position{12, 7});
    CHECK(file.findings[2].message == "'signatures.others[2].role' is required and cannot be empty");
    const Signatures s = *file.agreement()->signatures;
    CHECK(s.others->at(0).role.invalid());
    CHECK(s.other("Assistant Commissioner") == nullptr); // an invalid role names nobody
    REQUIRE(s.other("regional_administrator") != nullptr);
    CHECK(s.other("regional_administrator")->value.date.invalid());

    for (const char* role : {"a", "deputy_director_2", "hr2"}) {
        CAPTURE(role);
        CHECK(decode_findings(minimal + "signatures: {others: [{role: " + role + ", name: N, date: 2026-01-01}]}\n")
                  .empty());
    }
    for (const char* role : {"2nd_reviewer", "_a", "a-b", "Hr", "\"a b\""}) {
        CAPTURE(role);
        const auto findings =
            decode_findings(minimal + "signatures: {others: [{role: " + role + ", name: N, date: 2026-01-01}]}\n");
        REQUIRE(findings.size() == 1);
        CHECK(findings[0].message.find("must be snake_case") != std::string::npos);
    }
}

TEST_CASE("TW002 schema: request.kind is an exact enumeration; the new dates are dates") {
    auto findings = decode_findings(minimal + "request: {kind: renwal}\n");
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].pos == Position{9, 17});
    CHECK(findings[0].message ==
          "'request.kind' must be one of new, renewal, modification; got 'renwal' (did you mean 'renewal'?)");
    findings = decode_findings(minimal +
                               "request: {date: 2026-02-30}\ntraining: {supervisor: soon}\nwork_plan: {date: 5}\n");
    REQUIRE(findings.size() == 3); // in decoding order: training, then the additions at the end of the format
    CHECK(findings[0].message ==
          "'training.supervisor' must be a date YYYY-MM-DD that exists in the calendar; got 'soon'");
    CHECK(findings[1].message ==
          "'request.date' must be a date YYYY-MM-DD that exists in the calendar; got '2026-02-30'");
    CHECK(findings[2].message ==
          "'work_plan.date' must be a date YYYY-MM-DD that exists in the calendar; got the number 5");
}

TEST_CASE("TW002 schema: notes is a string; misspelt additions name the key meant") {
    CHECK(decode_findings(minimal + "notes: 42\n").at(0).message ==
          "'notes' must be a string; got the number 42; quote it: \"42\"");
    CHECK(decode_findings(minimal + "notes: \"\"\n").empty());
    const struct {
        std::string yaml, message;
    } cases[] = {
        {"note: x\n", "unknown key 'note' (did you mean 'notes'?)"},
        {"work_plans: {date: 2026-02-20}\n", "unknown key 'work_plans' (did you mean 'work_plan'?)"},
        {"request: {kind: new, dated: 2026-02-10}\n", "unknown key 'dated' in 'request' (did you mean 'date'?)"},
        {"schedule: {pay_periods: null}\n", "unknown key 'pay_periods' in 'schedule' (did you mean 'pay_period'?)"},
        {"signatures: {other: []}\n", "unknown key 'other' in 'signatures' (did you mean 'others'?)"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.yaml);
        const auto findings = decode_findings(minimal + c.yaml);
        REQUIRE_FALSE(findings.empty());
        CHECK(findings[0].message == c.message);
    }
}

TEST_CASE("model codec: eligibility answers come back in their order and with their values, in any order encoded") {
    // Decoding YAML lists every question in the model's order, which the
    // codec's lookup tries first; answers in another order (reversed here,
    // so every lookup misses its first guess) must come back the same.
    const std::string eligibility = "eligibility:\n"
                                    "  must_be_no: {used_in_lieu_of_leave: false, impairs_group_productivity: true}\n"
                                    "  position: {portable_materials: true, independent_work: false, measurable_output: null}\n"
                                    "  must_be_yes: {suitable_workspace: true, increases_productivity: false}\n";
    const RecordFile file = make_record(minimal + eligibility);
    REQUIRE(file.has_agreement());
    const auto written = [](const Eligibility& e) {
        std::vector<std::string> out;
        for (const auto* answers : {&e.position, &e.must_be_yes, &e.must_be_no}) {
            for (const Answer& answer : **answers) {
                out.push_back(fmt::format("{}={}", answer.question,
                                          answer.answer.present() ? (answer.answer.value ? "true" : "false") : "-"));
            }
            out.emplace_back("|");
        }
        return out;
    };
    for (const bool reversed : {false, true}) {
        CAPTURE(reversed);
        Agreement agreement = *file.agreement();
        Eligibility& e = agreement.eligibility.value;
        if (reversed) {
            for (auto* answers : {&e.position, &e.must_be_yes, &e.must_be_no}) {
                std::reverse(answers->value.begin(), answers->value.end());
            }
        }
        std::string encoded;
        detail::encode_agreement(agreement, encoded);
        const auto decoded = detail::decode_agreement_bytes(encoded);
        REQUIRE(decoded.has_value());
        CHECK(written(decoded->eligibility.value) == written(e));
        // Each question is a view of the model's own lists, not of the bytes decoded.
        const auto in_lists = [](std::string_view question) {
            for (const auto* list : {&position_questions, &must_be_yes_questions, &must_be_no_questions}) {
                for (const std::string_view known : *list) {
                    if (known.data() == question.data()) return true;
                }
            }
            return false;
        };
        for (const auto* answers : {&decoded->eligibility->position, &decoded->eligibility->must_be_yes,
                                    &decoded->eligibility->must_be_no}) {
            for (const Answer& answer : **answers) CHECK(in_lists(answer.question));
        }
    }
    const auto values = written(file.agreement()->eligibility.value);
    CHECK(std::find(values.begin(), values.end(), "impairs_group_productivity=true") != values.end());
    CHECK(std::find(values.begin(), values.end(), "measurable_output=-") != values.end());
}

TEST_CASE("model codec: the check a cache hit makes agrees with decoding whole, for every prefix and damaged byte") {
    const RecordFile file = make_record(valid_ct_record);
    REQUIRE(file.has_agreement());
    std::string encoded;
    detail::encode_agreement(*file.agreement(), encoded);
    CHECK(detail::agreement_bytes_decode(encoded));
    CHECK(detail::decode_agreement_bytes(encoded).has_value());
    CHECK_FALSE(detail::agreement_bytes_decode(encoded + '\0'));
    int refused = 0;
    for (std::size_t size = 0; size < encoded.size(); ++size) {
        const std::string_view prefix = std::string_view(encoded).substr(0, size);
        CAPTURE(size);
        CHECK(detail::agreement_bytes_decode(prefix) == detail::decode_agreement_bytes(prefix).has_value());
    }
    for (std::size_t at = 0; at < encoded.size(); ++at) {
        for (const char damage : {'\x00', '\x7f', '\xff'}) {
            std::string damaged = encoded;
            damaged[at] = damage;
            CAPTURE(at);
            const bool whole = detail::decode_agreement_bytes(damaged).has_value();
            CHECK(detail::agreement_bytes_decode(damaged) == whole);
            refused += whole ? 0 : 1;
        }
    }
    CHECK(refused > 0);
}
