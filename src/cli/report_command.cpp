#include "choices.hpp"
#include "command.hpp"
#include "errors.hpp"
#include "output.hpp"
#include "report_formats.hpp"
#include "run_setup.hpp"

#include "telework/report.hpp"

#include <fmt/format.h>

namespace telework::cli {

namespace {

struct ReportCommandOptions {
    std::string by;
    std::string from;
    std::string to;
    bool include_names = false;
};

std::optional<Date> period_end(const std::string& text, std::string_view option) {
    if (text.empty()) return std::nullopt;
    const auto date = Date::parse(text);
    if (!date) throw UsageError(fmt::format("{} '{}' is not a date YYYY-MM-DD", option, text));
    return date;
}

ReportOptions report_options(const ReportCommandOptions& command) {
    ReportOptions options;
    if (!command.by.empty()) options.by = parse_report_dimension(command.by);
    options.period.from = period_end(command.from, "--from");
    options.period.to = period_end(command.to, "--to");
    if (options.period.from && options.period.to && *options.period.to < *options.period.from) {
        throw UsageError(fmt::format("--from {} is after --to {}", command.from, command.to));
    }
    options.include_names = command.include_names;
    // Supervisors can only be told apart by name, and names stay out unless asked for.
    if (options.by == ReportDimension::Supervisor && !options.include_names) {
        throw UsageError("--by supervisor groups by the supervisors' names; add --include-names to allow them");
    }
    return options;
}

std::string render(std::string_view format, const Report& report, const RunSettings& settings,
                   const std::vector<std::string>& read_errors) {
    if (format == "markdown") return render_report_markdown(report);
    if (format == "csv") return render_report_csv(report);
    if (format == "json") return render_report_json(report, settings.default_profile, read_errors);
    if (format == "html") return render_report_html(report);
    return render_report_text(report);
}

int run_report(const GlobalOptions& global, const ReportCommandOptions& command) {
    const auto format = choose_format(global, "report");
    const ReportOptions options = report_options(command);
    const SystemClock clock;
    RunSetup setup = prepare_run(global, clock);
    LoadedRun run = load_all(setup, global);
    // Compliance counts need every record judged; the other figures only the
    // records whose facts can be trusted.
    judge_records(run.files, setup.settings);
    const bool unreadable = report_read_errors(run.read_errors);
    // A report of zeros is easy to mistake for a quiet year: with nothing
    // readable there is no report at all, only the errors.
    if (run.files.empty() && unreadable) return exit_unreadable;
    if (run.files.empty() && !global.quiet) {
        fmt::print(stderr, "telework: warning: no record files (*.yaml, *.yml) found\n");
    }
    Report report = build_report(run.files, judgeable_records(run.files, global.quiet), setup.settings, options);
    report.inputs_unreadable = static_cast<int>(run.read_errors.size());
    write_result(global, render(format, report, setup.settings, run.read_errors));
    return unreadable ? exit_unreadable : exit_ok;
}

} // namespace

std::function<int()> setup_report(CLI::App& app, GlobalOptions& global) {
    auto options = std::make_shared<ReportCommandOptions>();
    app.add_option("paths", global.paths,
                   "record files or directories (default: the agreements of telework.toml, else .)");
    app.add_option("--by", options->by, "also break every figure down by agency, unit, supervisor or type")
        ->check(one_of({"agency", "unit", "supervisor", "type"}));
    app.add_option("--from", options->from, "count denials, terminations and approvals from this day, YYYY-MM-DD");
    app.add_option("--to", options->to, "count denials, terminations and approvals through this day, YYYY-MM-DD");
    app.add_flag("--include-names", options->include_names,
                 "allow names and contact details: --by supervisor, and a list of the agreements ending");
    return [&global, options] { return run_report(global, *options); };
}

} // namespace telework::cli
