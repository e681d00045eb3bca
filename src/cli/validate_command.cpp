#include "command.hpp"
#include "diagnostic_text.hpp"
#include "errors.hpp"
#include "json.hpp"
#include "output.hpp"
#include "run_setup.hpp"

#include "telework/catalog.hpp"
#include "telework/version.hpp"

#include <fmt/format.h>

namespace telework::cli {

namespace {

struct ValidateOptions {
    std::string fail_level = "error";
};

std::string plural(int n, std::string_view word) { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); }

std::string render_text(const std::vector<RecordFile>& files, const GlobalOptions& global, std::size_t unreadable) {
    const bool color = use_color(global);
    std::string out;
    for (const auto& file : files) {
        for (const auto& finding : file.findings) out += render_diagnostic(file, finding, color);
    }
    if (!global.quiet) {
        const FindingCounts counts = count_findings(files);
        const std::string checked = plural(static_cast<int>(files.size()), "file");
        const std::string not_read =
            unreadable ? fmt::format("; {} could not be read", plural(static_cast<int>(unreadable), "input")) : "";
        if (counts.error + counts.warning + counts.info == 0) {
            out += fmt::format("checked {}: no problems found{}\n", checked, not_read);
        } else {
            out += fmt::format("checked {}: {}, {}, {} info{}\n", checked, plural(counts.error, "error"),
                               plural(counts.warning, "warning"), counts.info, not_read);
        }
    }
    return out;
}

std::string render_json(const std::vector<RecordFile>& files, const RunSettings& settings,
                         const std::vector<std::string>& read_errors) {
    auto findings = json::Value::array();
    for (const auto& file : files) {
        for (const auto& finding : file.findings) {
            const RuleInfo* rule = find_rule(finding.rule);
            findings.push(json::Value::object()
                              .set("file", file.display_path)
                              .set("line", finding.pos.line)
                              .set("column", finding.pos.column)
                              .set("rule", finding.rule)
                              .set("name", rule ? rule->name : "")
                              .set("severity", to_string(finding.severity))
                              .set("message", finding.message)
                              .set("citation", rule ? rule->citation : ""));
        }
    }
    const FindingCounts counts = count_findings(files);
    auto unreadable = json::Value::array();
    for (const auto& error : read_errors) unreadable.push(error);
    auto root = json::Value::object()
                    .set("tool", "telework")
                    .set("version", version)
                    .set("as_of", settings.as_of.to_string())
                    .set("profile", to_string(settings.default_profile))
                    .set("files", files.size())
                    .set("findings", std::move(findings))
                    .set("summary", json::Value::object()
                                        .set("error", counts.error)
                                        .set("warning", counts.warning)
                                        .set("info", counts.info))
                    .set("unreadable", std::move(unreadable));
    return root.dump() + "\n";
}

bool flagged(const std::vector<RecordFile>& files, Severity fail_level) {
    for (const auto& file : files) {
        for (const auto& finding : file.findings) {
            if (finding.severity >= fail_level) return true;
        }
    }
    return false;
}

int run_validate(const GlobalOptions& global, const ValidateOptions& options) {
    const auto format = choose_format(global, {"text", "json"});
    const auto fail_level = parse_severity(options.fail_level);
    const SystemClock clock;
    RunSetup setup = prepare_run(global, clock);
    LoadedRun run = load_records(setup.discovery, setup.settings);
    judge_records(run.files, setup.settings);

    const bool unreadable = report_read_errors(run.read_errors);
    if (run.files.empty() && !unreadable && !global.quiet) {
        fmt::print(stderr, "telework: warning: no record files (*.yaml, *.yml) found\n");
    }
    write_result(global, format == "json" ? render_json(run.files, setup.settings, run.read_errors)
                                          : render_text(run.files, global, run.read_errors.size()));
    if (unreadable) return exit_unreadable;
    return flagged(run.files, *fail_level) ? exit_flagged : exit_ok;
}

} // namespace

std::function<int()> setup_validate(CLI::App& app, GlobalOptions& global) {
    auto options = std::make_shared<ValidateOptions>();
    app.add_option("paths", global.paths, "record files or directories (default: the agreements of telework.toml, else .)");
    app.add_option("--fail-level", options->fail_level, "lowest severity that makes the exit status 1")
        ->check(CLI::IsMember({"error", "warning", "info"}))
        ->capture_default_str();
    return [&global, options] { return run_validate(global, *options); };
}

} // namespace telework::cli
