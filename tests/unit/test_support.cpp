#include "diagnostic_text.hpp"

#include "telework/config.hpp"
#include "telework/date.hpp"
#include "telework/discovery.hpp"
#include "telework/profile.hpp"
#include "telework/record.hpp"
#include "telework/suggest.hpp"

#include <doctest/doctest.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

using namespace telework;

TEST_CASE("Date::parse accepts only real calendar days in ISO form") {
    CHECK(Date::parse("2028-02-29").has_value());
    CHECK_FALSE(Date::parse("2026-02-29").has_value());
    CHECK_FALSE(Date::parse("2026-1-01").has_value());
    CHECK_FALSE(Date::parse("2026-01-01T00:00").has_value());
    CHECK(Date::parse("2026-03-01")->to_string() == "2026-03-01");
}

TEST_CASE("closest_match suggests near spellings only") {
    constexpr std::array<std::string_view, 3> names = {"validate", "explain", "schema"};
    CHECK(closest_match("valdate", names) == "validate");
    CHECK(closest_match("EXPLAIN", names) == "explain");
    CHECK_FALSE(closest_match("report", names).has_value());
    CHECK_FALSE(closest_match("x", names).has_value());
}

TEST_CASE("glob_match: '*' stays in a segment, '**' spans segments") {
    CHECK(glob_match("agreements/archive/**", "agreements/archive/2019/a.yaml"));
    CHECK(glob_match("**/*.yaml", "a/b/c.yaml"));
    CHECK(glob_match("**/*.yaml", "c.yaml"));
    CHECK(glob_match("agreements/*.yaml", "agreements/a.yaml"));
    CHECK_FALSE(glob_match("agreements/*.yaml", "agreements/x/a.yaml"));
    CHECK_FALSE(glob_match("agreements/archive/**", "agreements/current/a.yaml"));
    CHECK(glob_match("a?c", "abc"));
    CHECK_FALSE(glob_match("a?c", "a/c"));
}

TEST_CASE("render_diagnostic prints the location, the source line and a caret") {
    RecordFile file;
    file.display_path = "agreements/a.yaml";
    const SourceText source("format: 1\nstatus: aproved\n");
    const Finding finding{"TW002", Severity::Error, Position{2, 9}, "bad status"};
    CHECK(cli::render_diagnostic(file, source, finding, false) ==
          "agreements/a.yaml:2:9: error: bad status [TW002 schema]\n"
          " 2 | status: aproved\n"
          "   |         ^\n");
    CHECK(cli::render_diagnostic(file, source, finding, true).find("\x1b[1;31merror\x1b[0m") != std::string::npos);
}

namespace {

struct TempDir {
    std::filesystem::path path;
    TempDir() : path(std::filesystem::temp_directory_path() / ("telework-test-" + std::to_string(::getpid()))) {
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path);
    }
    ~TempDir() { std::filesystem::remove_all(path); }
    std::filesystem::path write(const std::string& name, const std::string& text) const {
        const auto file = path / name;
        std::filesystem::create_directories(file.parent_path());
        std::ofstream(file) << text;
        return file;
    }
};

} // namespace

TEST_CASE("built-in profiles: read on first use, once across threads, and a copy's thresholds are its own") {
    const auto shipped = ProfileSet::built_in();
    const auto ids = shipped->ids();
    REQUIRE(ids.size() >= 2);
    CHECK(ids[0] == "opm");
    CHECK(ids[1] == "ct-gl32");
    // Threads asking at once get the same profile (whichever reads it first).
    std::array<const Profile*, 4> seen{};
    {
        std::vector<std::jthread> threads;
        for (std::size_t i = 0; i < seen.size(); ++i) threads.emplace_back([&, i] { seen[i] = shipped->find("ct-gl32"); });
    }
    for (const Profile* p : seen) CHECK(p == seen[0]);
    REQUIRE(seen[0] != nullptr);
    CHECK(seen[0]->id == "ct-gl32");
    CHECK(seen[0]->origin == "built-in");
    // Every profile reads as the id CMake found in its file, in order.
    const auto all = shipped->profiles();
    REQUIRE(all.size() == ids.size());
    for (std::size_t i = 0; i < all.size(); ++i) CHECK(all[i]->id == ids[i]);
    // A copy shares the profiles read, until it changes a threshold.
    ProfileSet copy = *shipped;
    CHECK(copy.find("opm") == shipped->find("opm"));
    const double before = *shipped->find("ct-gl32")->threshold("max_term_months");
    CHECK(copy.set_threshold("max_term_months", before + 1));
    CHECK(*copy.find("ct-gl32")->threshold("max_term_months") == before + 1);
    CHECK(*shipped->find("ct-gl32")->threshold("max_term_months") == before);
    CHECK(copy.find("ct-gl32")->rules == shipped->find("ct-gl32")->rules);
    CHECK(copy.find_rule("CT201") == shipped->find_rule("CT201"));
}

TEST_CASE("profiles_with and rules_named, which skip profiles unread, agree with every built-in profile read") {
    const auto shipped = ProfileSet::built_in();
    const auto rules = shipped->all_rules();
    const auto profiles = shipped->profiles();
    for (const RuleInfo* rule : rules) {
        std::vector<std::string_view> including;
        for (const Profile* p : profiles) {
            if (p->includes(*rule)) including.push_back(p->id);
        }
        CHECK_MESSAGE(shipped->profiles_with(*rule) == including, rule->id);
        std::vector<const RuleInfo*> named;
        for (const RuleInfo* other : rules) {
            if (other->name == rule->name) named.push_back(other);
        }
        CHECK_MESSAGE(shipped->rules_named(rule->name) == named, rule->name);
        CHECK(shipped->rules_named(rule->id).empty());
    }
}

TEST_CASE("digest_of is SHA-256 (the cache's keys and checks; tests/tools/check_cache.py uses hashlib)") {
    CHECK(to_hex(digest_of("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(to_hex(digest_of("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(to_hex(digest_of("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")) ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(to_hex(digest_of(std::string(1000000, 'a'))) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("load_config reads every table, and names file, line and key on errors") {
    const TempDir dir;
    const auto good = dir.write("good/telework.toml", "[telework]\nprofile = \"ct-gl32\"\nagreements = [\"agreements\"]\n"
                                                      "[thresholds]\nmax_term_months = 6\nmax_telework_share = 0.4\n"
                                                      "[rules]\nCT209 = \"off\"\nmax-term = \"warning\"\n");
    const auto config = load_config(good);
    REQUIRE(config.has_value());
    CHECK(config->profile == "ct-gl32");
    const auto configured = configure_profiles(*config);
    REQUIRE(configured.has_value());
    CHECK(configured->default_profile == "ct-gl32");
    const Profile& ct = *configured->profiles->find("ct-gl32");
    CHECK(ct.threshold("max_term_months") == 6);
    CHECK(ct.threshold("max_telework_share") == doctest::Approx(0.4));
    CHECK(configured->severities.at("CT209") == std::nullopt);
    CHECK(configured->severities.at("CT201") == Severity::Warning);

    // [thresholds] names are checked against the profiles, with the position of the key.
    const auto bad = load_config(dir.write("bad/telework.toml", "[thresholds]\nmax_term_months = 9\nmax_term = 3\n"));
    REQUIRE(bad.has_value());
    const auto unknown = configure_profiles(*bad);
    REQUIRE_FALSE(unknown.has_value());
    CHECK(unknown.error().line == 3);
    CHECK(unknown.error().message == "unknown key 'max_term' in [thresholds] (did you mean 'max_term_months'?)");

    const auto syntax = load_config(dir.write("syntax/telework.toml", "[telework\n"));
    REQUIRE_FALSE(syntax.has_value());
    CHECK(syntax.error().line == 1);

    const auto configured_from = [&](const char* name, const char* text) {
        const auto loaded = load_config(dir.write(name, text));
        REQUIRE(loaded.has_value());
        return configure_profiles(*loaded).has_value();
    };
    CHECK_FALSE(configured_from("share/telework.toml", "[thresholds]\nmax_telework_share = 2\n"));
    CHECK_FALSE(configured_from("days/telework.toml", "[thresholds]\ndas_copy_days = 7.5\n"));
}

TEST_CASE("find_config searches upward and stops at the git root") {
    const TempDir dir;
    dir.write("repo/telework.toml", "");
    dir.write("repo/agreements/unit/a.yaml", "");
    std::filesystem::create_directories(dir.path / "repo/.git");
    CHECK(find_config(dir.path / "repo/agreements/unit") == dir.path / "repo/telework.toml");
    CHECK(find_config(dir.path / "repo/agreements/unit/a.yaml") == dir.path / "repo/telework.toml");

    dir.write("outer/telework.toml", "");
    std::filesystem::create_directories(dir.path / "outer/inner/.git");
    CHECK_FALSE(find_config(dir.path / "outer/inner").has_value());
}
