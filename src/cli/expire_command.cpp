#include "command.hpp"
#include "errors.hpp"
#include "expire_formats.hpp"
#include "output.hpp"
#include "run_setup.hpp"

#include "telework/renewal.hpp"

namespace telework::cli {

namespace {

struct ExpireOptions {
    int within = -1; // -1: the renewal_window_days threshold
    std::string by;
    std::string fail_on = "expired";
};

bool fails(const std::vector<RenewalItem>& items, std::string_view fail_on) {
    if (fail_on == "never") return false;
    return std::any_of(items.begin(), items.end(), [&](const RenewalItem& item) {
        return fail_on == "due" || item.state != RenewalState::Due;
    });
}

int run_expire(const GlobalOptions& global, const ExpireOptions& options) {
    const auto format = choose_format(global, {"text", "json", "csv", "ics"});
    const SystemClock clock;
    const RunSetup setup = prepare_run(global, clock);
    LoadedRun run = load_records(setup.discovery, setup.settings);
    judge_records(run.files, setup.settings);
    const bool unreadable = report_read_errors(run.read_errors);
    const RecordIndex index(judgeable_records(run.files));

    ExpireReport report;
    report.as_of = setup.settings.as_of;
    report.within_days = options.within >= 0 ? options.within : setup.settings.thresholds.renewal_window_days;
    report.items = renewal_watch(index, setup.settings, report.within_days);

    std::string out;
    if (format == "json") out = render_expire_json(report);
    else if (format == "csv") out = render_expire_csv(report);
    else if (format == "ics") out = render_expire_ics(report);
    else out = render_expire_text(report, options.by == "supervisor", use_color(global), global.quiet);
    write_result(global, out);
    if (unreadable) return exit_unreadable;
    return fails(report.items, options.fail_on) ? exit_flagged : exit_ok;
}

} // namespace

std::function<int()> setup_expire(CLI::App& app, GlobalOptions& global) {
    auto options = std::make_shared<ExpireOptions>();
    app.add_option("paths", global.paths, "record files or directories (default: the agreements of telework.toml, else .)");
    app.add_option("--within", options->within, "list agreements due within DAYS (default: renewal_window_days, 30)")
        ->check(CLI::NonNegativeNumber);
    app.add_option("--by", options->by, "group the text table by supervisor")->check(CLI::IsMember({"supervisor"}));
    app.add_option("--fail-on", options->fail_on, "what makes the exit status 1")
        ->check(CLI::IsMember({"expired", "due", "never"}))
        ->capture_default_str();
    return [&global, options] { return run_expire(global, *options); };
}

} // namespace telework::cli
