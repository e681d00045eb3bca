#include "record_fixture.hpp"

#include "telework/eligibility.hpp"

#include <doctest/doctest.h>

using namespace telework;
using namespace telework::testing;

namespace {

// A request: proposed, not yet signed (so it has no approval date).
const std::string proposal = replace(valid_ct_record, "status: approved", "status: proposed")
                                 .substr(0, valid_ct_record.find("signatures:"));

EligibilityResult check(const std::string& yaml, const RunSettings& settings = settings_as_of("2026-11-20")) {
    static std::vector<std::vector<RecordFile>> keep; // results point into the files
    keep.emplace_back();
    keep.back().push_back(make_record(yaml));
    const RecordIndex index(keep.back());
    return check_eligibility(keep.back().front(), index, settings);
}

int count(const EligibilityResult& result, std::string_view rule, Outcome outcome) {
    int n = 0;
    for (const auto& c : result.criteria) n += c.rule->id == rule && c.evaluation.outcome == outcome ? 1 : 0;
    return n;
}

} // namespace

TEST_CASE("eligible: every ct-gl32 criterion passes, question by question") {
    const auto result = check(proposal);
    CHECK(result.verdict == Verdict::Eligible);
    CHECK(result.profile->id == "ct-gl32");
    CHECK(count(result, "CT210", Outcome::Pass) == 10);
    CHECK(count(result, "CT211", Outcome::Pass) == 4);
    CHECK(result.criteria.size() == 1 + 4 + 10 + 4 + 7);
    for (const auto& c : result.criteria) CHECK(c.rule->eligibility);
}

TEST_CASE("ineligible: any failing criterion, whatever the status") {
    const auto denied = replace(replace(proposal, "status: proposed", "status: denied"), "outside_employment: false",
                                "outside_employment: true");
    const auto result = check(denied);
    CHECK(result.verdict == Verdict::Ineligible);
    CHECK(count(result, "CT217", Outcome::Fail) == 1);
}

TEST_CASE("ineligible wins over incomplete") {
    const auto yaml = replace(replace(proposal, "training_class: false", "training_class: true"),
                              "suitable_workspace: true", "suitable_workspace: null");
    CHECK(check(yaml).verdict == Verdict::Ineligible);
}

TEST_CASE("incomplete: nothing fails but an answer is null or a fact is missing") {
    const auto null_answer = check(replace(proposal, "used_in_lieu_of_leave: false", "used_in_lieu_of_leave: null"));
    CHECK(null_answer.verdict == Verdict::Incomplete);
    CHECK(count(null_answer, "CT211", Outcome::Unknown) == 1);
    const auto missing = check(replace(proposal, "  performance_rating: satisfactory\n", ""));
    CHECK(missing.verdict == Verdict::Incomplete);
    CHECK(count(missing, "CT216", Outcome::Unknown) == 1);
}

TEST_CASE("advisory criteria are reported but do not decide the verdict; off ones are not evaluated") {
    const auto yaml = replace(proposal, "measurable_output: true", "measurable_output: false");
    const auto result = check(yaml);
    CHECK(result.verdict == Verdict::Eligible);
    CHECK(count(result, "CT209", Outcome::Fail) == 1);

    RunSettings settings = settings_as_of("2026-11-20");
    settings.severity_overrides["CT212"] = Severity::Info;
    CHECK(check(replace(proposal, "supervises_staff: false", "supervises_staff: true"), settings).verdict ==
          Verdict::Eligible);
    settings.severity_overrides["CT209"] = std::nullopt;
    CHECK(count(check(yaml, settings), "CT209", Outcome::Fail) == 0);
}

TEST_CASE("discipline lookback counts from the as-of date without an approval, from approval with one") {
    const auto recent = replace(proposal, "last_discipline: null", "last_discipline: 2026-06-01");
    CHECK(check(recent, settings_as_of("2026-11-30")).verdict == Verdict::Ineligible);
    CHECK(check(recent, settings_as_of("2026-12-01")).verdict == Verdict::Eligible);
    // Approved on 2026-02-28: a discipline on 2025-08-28 is exactly six months before, not recent.
    const auto approved = replace(valid_ct_record, "last_discipline: null", "last_discipline: 2025-08-28");
    CHECK(check(approved).verdict == Verdict::Eligible);
    CHECK(check(replace(approved, "2025-08-28", "2025-08-29")).verdict == Verdict::Ineligible);
}

TEST_CASE("opm: the statutory exclusions are the criteria") {
    const auto opm = replace(proposal, "policy: ct-gl32", "policy: opm");
    const auto eligible = check(opm);
    CHECK(eligible.verdict == Verdict::Eligible);
    CHECK(eligible.criteria.size() == 2);
    CHECK(check(replace(opm, "disciplined_prohibited_content: false", "disciplined_prohibited_content: true")).verdict ==
          Verdict::Ineligible);
    CHECK(check(replace(opm, "  disciplined_awol: false\n", "")).verdict == Verdict::Incomplete);
}
