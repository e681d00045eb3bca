#include "record_fixture.hpp"

#include <doctest/doctest.h>

using namespace telework;
using namespace telework::testing;

namespace {

const std::string& base = minimal_record;

std::vector<RecordFile> judge_pair(const std::string& a, const std::string& b) {
    std::vector<RecordFile> files;
    files.push_back(make_record(a, "a.yaml"));
    files.push_back(make_record(b, "b.yaml"));
    return judge_all(std::move(files), settings_as_of("2026-11-20"));
}

} // namespace

TEST_CASE("TW004 duplicate-id: reported on each file that shares the id") {
    const auto files = judge_pair(base, replace(base, "id: E1,", "id: E2,"));
    for (const auto& file : files) {
        REQUIRE(rules_of(file.findings) == std::vector<std::string>{"TW004"});
        CHECK(file.findings[0].pos == Position{2, 5});
    }
    CHECK(files[0].findings[0].message == "id 'TW-2026-0001' is also used by b.yaml");
}

TEST_CASE("TW004 near miss: different ids") {
    const auto files = judge_pair(base, replace(base, "TW-2026-0001", "TW-2026-0002"));
    CHECK(files[0].findings.empty());
    CHECK(files[1].findings.empty());
}

TEST_CASE("TW005 unknown-supersedes: a missing target, another employee's record, itself") {
    const std::string renewal = replace(base, "TW-2026-0001", "TW-2026-0002") + "supersedes: TW-2026-0001\n";
    const auto other_employee = judge_pair(base, replace(renewal, "id: E1,", "id: E9,"));
    REQUIRE(rules_of(other_employee[1].findings) == std::vector<std::string>{"TW005"});
    CHECK(other_employee[1].findings[0].pos == Position{9, 13});

    const auto missing = judge(base + "supersedes: TW-1999-0001\n", settings_as_of("2026-11-20"));
    CHECK(rules_of(missing) == std::vector<std::string>{"TW005"});
    const auto itself = judge(base + "supersedes: TW-2026-0001\n", settings_as_of("2026-11-20"));
    CHECK(rules_of(itself) == std::vector<std::string>{"TW005"});
}

TEST_CASE("TW005 near miss: a renewal of the same employee's agreement") {
    const auto files = judge_pair(base, replace(base, "TW-2026-0001", "TW-2026-0002") + "supersedes: TW-2026-0001\n");
    CHECK(files[1].findings.empty());
}

TEST_CASE("TW006 date-order: term reversed, dates after the as-of date, DAS copy before approval") {
    const auto reversed = judge(base + "term: {start: 2026-03-01, end: 2026-02-28}\n", settings_as_of("2026-11-20"));
    REQUIRE(rules_of(reversed) == std::vector<std::string>{"TW006"});
    CHECK(reversed[0].pos == Position{9, 32});

    const std::string signed_record = base +
                                      "signatures:\n  employee: {name: Ana Lima, date: 2026-03-02}\n"
                                      "  manager: {name: Alice Brown, date: 2026-03-05}\n";
    CHECK(rules_of(judge(signed_record, settings_as_of("2026-03-04"))) == std::vector<std::string>{"TW006"});
    CHECK(rules_of(judge(signed_record + "das_copy_sent: 2026-03-04\n", settings_as_of("2026-11-20"))) ==
          std::vector<std::string>{"TW006"});
    CHECK(rules_of(judge(base + "decision: {date: 2026-11-21}\n", settings_as_of("2026-11-20"))) ==
          std::vector<std::string>{"TW006"});
    // An approver of signatures.others signs too: not after the as-of date, and on it is fine.
    const std::string other = base + "signatures:\n  others:\n    - {role: division_executive, name: Lee Park, date: 2026-11-21}\n";
    const auto late = judge(other, settings_as_of("2026-11-20"));
    REQUIRE(rules_of(late) == std::vector<std::string>{"TW006"});
    CHECK(late[0].message == "signatures.others[0].date 2026-11-21 is after the as-of date 2026-11-20");
    CHECK(judge(other, settings_as_of("2026-11-21")).empty());
}

TEST_CASE("TW006 near miss: a one-day term, signatures on the as-of date, DAS copy on approval day") {
    CHECK(judge(base + "term: {start: 2026-03-01, end: 2026-03-01}\n", settings_as_of("2026-11-20")).empty());
    const std::string signed_record = base +
                                      "signatures:\n  employee: {name: Ana Lima, date: 2026-03-02}\n"
                                      "  manager: {name: Alice Brown, date: 2026-03-05}\ndas_copy_sent: 2026-03-05\n";
    CHECK(judge(signed_record, settings_as_of("2026-03-05")).empty());
}
