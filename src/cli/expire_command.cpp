#include "choices.hpp"
#include "command.hpp"
#include "errors.hpp"
#include "expire_formats.hpp"
#include "output.hpp"
#include "run_setup.hpp"

#include "telework/renewal.hpp"
#include "telework/visible.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <string>

namespace telework::cli {

namespace {

struct ExpireOptions {
    int within = -1; // -1: the renewal_window_days threshold
    std::string by;
    std::string fail_on = "expired";
    int remind_days = 7;
};

// The time the calendar is made, as DTSTAMP: SOURCE_DATE_EPOCH when set
// (the reproducible-builds convention: whole seconds since 1970-01-01 UTC),
// else the current UTC time.
std::string calendar_stamp() {
    const char* epoch = std::getenv("SOURCE_DATE_EPOCH");
    if (epoch == nullptr || *epoch == '\0') {
        const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
        return ics_utc_stamp(static_cast<std::int64_t>(now.time_since_epoch().count()));
    }
    const std::string text(epoch);
    constexpr std::int64_t last = 253402300799; // 9999-12-31T23:59:59Z
    std::int64_t seconds = 0;
    bool valid = text.size() <= 12 && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    for (const char c : valid ? text : std::string()) seconds = seconds * 10 + (c - '0');
    valid = valid && seconds <= last;
    if (!valid) {
        throw UsageError(fmt::format("SOURCE_DATE_EPOCH '{}' is not a number of seconds since 1970-01-01 (at most {})",
                                     visible(text), last));
    }
    return ics_utc_stamp(seconds);
}

// A skipped record counts like an expired one (as in check-eligibility): it
// may be exactly the agreement that needs attention.
bool fails(const ExpireReport& report, std::string_view fail_on) {
    if (fail_on == "never") return false;
    if (!report.skipped.empty()) return true;
    return std::any_of(report.items.begin(), report.items.end(), [&](const RenewalItem& item) {
        return fail_on == "due" || item.state != RenewalState::Due;
    });
}

int run_expire(const GlobalOptions& global, const ExpireOptions& options) {
    const auto format = choose_format(global, "expire");
    const SystemClock clock;
    RunSetup setup = prepare_run(global, clock);
    LoadedRun run = load_all(setup, global);
    judge_records(run.files, setup.settings);
    const bool unreadable = report_read_errors(run.read_errors);
    const auto usable = judgeable_records(run.files, global.quiet);
    const RecordIndex index(usable);

    ExpireReport report;
    report.as_of = setup.settings.as_of;
    report.within_days = options.within >= 0 ? options.within : static_cast<int>(setup.settings.default_profile_entry().threshold("renewal_window_days").value_or(30));
    report.items = renewal_watch(index, setup.settings, report.within_days);
    // `usable` keeps the order of run.files: one walk finds the others.
    std::size_t next = 0;
    for (const auto& file : run.files) {
        if (next < usable.size() && usable[next] == &file) {
            ++next;
        } else {
            report.skipped.push_back(&file);
        }
    }
    report.remind_days = options.remind_days;
    report.profile = setup.settings.default_profile;
    report.unreadable = run.read_errors;
    if (format == "ics") report.ics_stamp = calendar_stamp();

    std::string out;
    if (format == "json") out = render_expire_json(report);
    else if (format == "csv") out = render_expire_csv(report);
    else if (format == "ics") out = render_expire_ics(report);
    else out = render_expire_text(report, options.by == "supervisor", use_color(global), global.quiet);
    write_result(global, out);
    if (unreadable) return exit_unreadable;
    return fails(report, options.fail_on) ? exit_flagged : exit_ok;
}

} // namespace

std::function<int()> setup_expire(CLI::App& app, GlobalOptions& global) {
    auto options = std::make_shared<ExpireOptions>();
    app.add_option("paths", global.paths, "record files or directories (default: the agreements of telework.toml, else .)");
    app.add_option("--within", options->within, "list agreements due within DAYS (default: renewal_window_days, 30)")
        ->check(whole_number(0, 3660))
        ->option_text("DAYS");
    app.add_option("--by", options->by, "group the text table by supervisor")->check(one_of({"supervisor"}));
    app.add_option("--fail-on", options->fail_on, "what makes the exit status 1")
        ->check(one_of({"expired", "due", "never"}))
        ->capture_default_str();
    app.add_option("--remind-days", options->remind_days,
                   "ics: each event's reminder (VALARM) fires DAYS before its date (0: on the day)")
        ->check(whole_number(0, 365))
        ->capture_default_str()
        ->option_text("DAYS");
    return [&global, options] { return run_expire(global, *options); };
}

} // namespace telework::cli
