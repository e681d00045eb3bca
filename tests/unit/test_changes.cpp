#include "record_fixture.hpp"

#include "telework/changes.hpp"

#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

using namespace telework;
using namespace telework::testing;

namespace fs = std::filesystem;

namespace {

Agreement decode(const std::string& yaml) {
    RecordFile file = make_record(yaml);
    REQUIRE(file.has_agreement());
    return *file.agreement();
}

// "key@line:column" for each difference, in order.
std::string differences(const std::string& before, const std::string& after) {
    std::string out;
    for (const auto& d : term_differences(decode(before), decode(after))) {
        out += (out.empty() ? "" : " ") + d.key + "@" + std::to_string(d.pos.line) + ":" + std::to_string(d.pos.column);
    }
    return out;
}

const std::string& base = valid_ct_record;

// A fresh directory of its own, so that concurrent test runs do not meet.
fs::path scratch_dir(const std::string& name) {
    const fs::path dir = fs::temp_directory_path() / ("telework-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

} // namespace

TEST_CASE("TW008 terms: the same record has no differences") {
    CHECK(differences(base, base).empty());
}

TEST_CASE("TW008 terms: keys outside the terms do not count") {
    auto after = replace(base, "email: jane.doe@example.gov", "email: jane.q.doe@example.gov");
    after = replace(after, "telework: 2026-01-20", "telework: 2026-01-21");
    after = replace(after, "independent_work: true", "independent_work: false");
    after = replace(after, "das_copy_sent: 2026-03-03", "das_copy_sent: 2026-03-04");
    after = replace(after, "unit: Human Resources", "unit: Payroll");
    CHECK(differences(base, after).empty());
}

TEST_CASE("TW008 terms: each term is compared, at the changed value or list") {
    CHECK(differences(base, replace(base, "type: routine", "type: situational")) == "type@4:7");
    CHECK(differences(base, replace(base, "kind: home", "kind: other")) == "location.kind@25:9");
    CHECK(differences(base, replace(base, "12 Elm Street", "14 Elm Street")) == "location.address@26:12");
    CHECK(differences(base, replace(base, "workweek_days: 5", "workweek_days: 4")) == "schedule.workweek_days@30:18");
    CHECK(differences(base, replace(base, "[tue, thu]", "[mon, thu]")) == "schedule.telework_days@31:3");
    CHECK(differences(base, replace(base, "partial_days: []", "partial_days: [fri]")) == "schedule.partial_days@32:3");
    CHECK(differences(base, replace(base, "field_work: false", "field_work: true")) == "schedule.field_work@33:15");
    CHECK(differences(base, replace(base, "start: \"08:00\"", "start: \"09:00\"")) == "schedule.hours.start@34:18");
    CHECK(differences(base, replace(base, "alternate_schedule: false", "alternate_schedule: true")) ==
          "schedule.alternate_schedule@35:23");
    CHECK(differences(base, replace(base, "start: 2026-03-01", "start: 2026-03-02")) == "term.start@37:10");
    CHECK(differences(base, replace(base, "end: 2026-11-30", "end: 2026-10-30")) == "term.end@38:8");
    CHECK(differences(base, replace(base, "  - Reconcile accounts payable ledgers\n",
                                    "  - Reconcile accounts payable ledgers\n  - File reports\n")) == "duties@39:1");
    CHECK(differences(base, replace(base, "asset_tag: DAS-LT-5521", "asset_tag: DAS-LT-5522")) == "equipment@41:1");
    CHECK(differences(base, replace(base, "personal_computer: false\n  basis: none",
                                    "personal_computer: true\n  basis: it_authorized")) ==
          "computer.personal_computer@44:22 computer.basis@45:10");
}

TEST_CASE("TW008 terms: several differences come in file order") {
    auto after = replace(base, "end: 2026-11-30", "end: 2026-10-30");
    after = replace(after, "type: routine", "type: medical");
    after = replace(after, "[tue, thu]", "[tue]");
    CHECK(differences(base, after) == "type@4:7 schedule.telework_days@31:3 term.end@38:8");
}

TEST_CASE("TW008 terms: layout, quoting, comments and the order of list items do not count") {
    auto after = replace(base, "[tue, thu]", "\n    - thu # swapped\n    - tue");
    after = replace(after, "hours: {start: \"08:00\", end: \"16:30\"}", "hours:\n    end: \"16:30\"\n    start: '08:00'");
    after = replace(after, "start: 2026-03-01", "start: \"2026-03-01\"");
    after = replace(after, "address: 12 Elm Street, Hartford, CT 06106", "address: \"12 Elm Street, Hartford, CT 06106\"");
    after = replace(after, "type: routine", "type: routine   # unchanged");
    after = replace(after, "  - {item: laptop, provided_by: agency, asset_tag: DAS-LT-5521}",
                    "  - item: laptop\n    asset_tag: DAS-LT-5521\n    provided_by: agency");
    CHECK(differences(base, after).empty());
}

TEST_CASE("TW008 terms: the documented defaults equal their absence") {
    // Absent schedule.field_work is false; absent computer is no personal computer.
    CHECK(differences(base, replace(base, "  field_work: false\n", "")).empty());
    CHECK(differences(base, replace(base, "computer:\n  personal_computer: false\n  basis: none\n", "")).empty());
    CHECK(differences(base, replace(base, "  basis: none\n", "")).empty());
    const auto personal = replace(base, "personal_computer: false\n  basis: none",
                                  "personal_computer: true\n  basis: webmail_only");
    CHECK(differences(replace(base, "computer:\n  personal_computer: false\n  basis: none\n", ""), personal) ==
          "computer.personal_computer@44:22 computer.basis@45:10");
}

TEST_CASE("TW008 terms: a block added or removed is a difference at its place") {
    CHECK(differences(base, replace(base, "term:\n  start: 2026-03-01\n  end: 2026-11-30\n", "")) == "term@1:1");
    const auto without_location =
        replace(base, "location:\n  kind: home\n  address: 12 Elm Street, Hartford, CT 06106\n  phone: \"+1-860-555-0142\"\n", "");
    CHECK(differences(without_location, base) == "location@24:1");
}

TEST_CASE("TW008 terms: a value that fails to decode is left to TW002") {
    const auto broken = replace(base, "end: 2026-11-30", "end: 2026-13-45");
    CHECK(differences(base, broken).empty());
    CHECK(differences(broken, base).empty());
}

TEST_CASE("TW008 terms: a biweekly pay_period is a schedule; its weeks compare in order, days as sets") {
    const std::string weekly = "  workweek_days: 5\n  telework_days: [mon, wed]\n";
    const std::string biweekly = "  pay_period:\n    - {workweek_days: 5, telework_days: [mon, wed]}\n"
                                 "    - {workweek_days: 4, telework_days: [tue]}\n";
    const auto with = [&](const std::string& schedule) {
        std::string text = base;
        const auto start = text.find("  workweek_days:");
        const auto end = text.find("  field_work:");
        REQUIRE(start != std::string::npos);
        REQUIRE(end != std::string::npos);
        return text.replace(start, end - start, schedule);
    };
    CHECK(differences(with(biweekly), with(biweekly)) == "");
    CHECK(differences(with(biweekly), with("  pay_period:\n    - {workweek_days: 5, telework_days: [wed, mon]}\n"
                                            "    - {workweek_days: 4, telework_days: [tue]}\n")) == "");
    const std::string swapped = "  pay_period:\n    - {workweek_days: 4, telework_days: [tue]}\n"
                                "    - {workweek_days: 5, telework_days: [mon, wed]}\n";
    CHECK(differences(with(biweekly), with(swapped)).starts_with("schedule.pay_period@"));
    CHECK(differences(with(weekly), with(biweekly)).find("schedule.pay_period@") != std::string::npos);
}

TEST_CASE("TW008 signatures: only a signature's presence or date counts") {
    const Agreement before = decode(base);
    CHECK_FALSE(signature_dates_changed(before, before));
    CHECK_FALSE(signature_dates_changed(before, decode(replace(base, "{name: Carol White,", "{name: Carol J. White,"))));
    CHECK(signature_dates_changed(before, decode(replace(base, "{name: Carol White, date: 2026-02-27}",
                                                         "{name: Carol White, date: 2026-06-01}"))));
    CHECK(signature_dates_changed(before, decode(replace(base, "  hr: {name: Carol White, date: 2026-02-27}\n", ""))));
}

TEST_CASE("relative_to_root: inside the root with '/' separators, outside none") {
    const fs::path root = scratch_dir("root");
    fs::create_directories(root / "agreements" / "unit");
    CHECK(relative_to_root(root / "agreements" / "unit" / "a b,c.yaml", root) == "agreements/unit/a b,c.yaml");
    CHECK(relative_to_root(root / "agreements" / ".." / "x.yaml", root) == "x.yaml");
    CHECK_FALSE(relative_to_root(root.parent_path() / "elsewhere.yaml", root).has_value());
    CHECK_FALSE(relative_to_root(root / ".." / (root.filename().string() + "-sibling") / "x.yaml", root).has_value());
    fs::remove_all(root);
}

TEST_CASE("find_repo_root: the nearest directory with .git") {
    const fs::path top = scratch_dir("repo-root");
    fs::create_directories(top / "repo" / "agreements" / "unit");
    const bool outside_git = !find_repo_root(top).has_value(); // the temp directory itself may be in a repo
    fs::create_directories(top / "repo" / ".git");
    CHECK(find_repo_root(top / "repo" / "agreements" / "unit") == fs::canonical(top / "repo"));
    CHECK(find_repo_root(top / "repo") == fs::canonical(top / "repo"));
    if (outside_git) CHECK_FALSE(find_repo_root(top).has_value());
    fs::remove_all(top);
}

TEST_CASE("changes_since: a revision that looks like an option never reaches git") {
    CHECK_THROWS_AS(changes_since(".", "--output=/tmp/x"), GitError);
    CHECK_THROWS_AS(changes_since(".", "-p"), GitError);
    CHECK_THROWS_AS(changes_since(".", ""), GitError);
    CHECK_THROWS_WITH(changes_since(".", "-p"), "--changed-since: '-p' is not a revision");
}
