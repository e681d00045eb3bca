#include "choices.hpp"
#include "command.hpp"
#include "diagnostic_text.hpp"
#include "errors.hpp"
#include "json.hpp"
#include "output.hpp"
#include "run_setup.hpp"
#include "validate_formats.hpp"

#include "telework/catalog.hpp"
#include "telework/changes.hpp"
#include "telework/version.hpp"
#include "telework/visible.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <future>
#include <optional>

namespace telework::cli {

namespace {

struct ValidateOptions {
    std::string fail_level = "error";
    std::optional<std::string> changed_since;
};

std::string plural(int n, std::string_view word) { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); }

// `text` and `concise` (one line per finding, as ruff and eslint offer it).
std::string render_text(const std::vector<RecordFile>& files, const GlobalOptions& global, std::size_t unreadable,
                        Excerpts excerpts) {
    const bool color = use_color(global);
    std::string out;
    for (const auto& file : files) {
        if (file.findings.empty()) continue;
        const auto source = excerpts == Excerpts::Concise ? std::make_shared<const SourceText>() : file.read_source();
        for (const auto& finding : file.findings) out += render_diagnostic(file, *source, finding, color, excerpts);
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
            const RuleInfo* rule = finding.info;
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
                    .set("profile", settings.default_profile)
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

// Where to ask git: beside the first PATH, else the configuration's directory, else here.
std::filesystem::path git_start(const GlobalOptions& global, const Config& config) {
    if (global.paths.empty()) return config.file ? config.base_dir() : std::filesystem::path(".");
    const std::filesystem::path first(global.paths.front());
    std::error_code error;
    if (std::filesystem::is_directory(first, error)) return first;
    // "a.yaml" has no parent path: it is beside us.
    return first.has_parent_path() ? first.parent_path() : std::filesystem::path(".");
}

// Whether `path` is `base` or lies beneath it (both resolved the same way).
bool lies_within(const std::filesystem::path& path, const std::filesystem::path& base) {
    std::error_code error;
    const auto resolved = std::filesystem::weakly_canonical(std::filesystem::absolute(path, error), error);
    if (error) return false;
    const auto resolved_base = std::filesystem::weakly_canonical(std::filesystem::absolute(base, error), error);
    if (error) return false;
    const auto relative = resolved.lexically_relative(resolved_base);
    return !relative.empty() && *relative.begin() != "..";
}

// What SARIF URIs, GitHub's `file=` and the job summary's paths are relative
// to: the checked repository's root, wherever telework runs. That is the git
// work tree holding the first PATH (or, without one, telework.toml's
// directory). Outside git: the current directory when the PATH lies beneath
// it (as before, so a source tarball gives the paths a checkout gives), else
// telework.toml's directory when the PATH lies beneath that, else the PATH's
// own directory, so no path needs "../".
std::filesystem::path report_root(const GlobalOptions& global, const Config& config,
                                  const std::optional<ChangeSet>& changes) {
    if (changes) return changes->root;
    const std::filesystem::path start = git_start(global, config);
    if (const auto root = find_repo_root(start)) return *root;
    const std::filesystem::path here = std::filesystem::current_path();
    if (lies_within(start, here)) return here;
    if (config.file && lies_within(start, config.base_dir())) return config.base_dir();
    return start;
}

std::optional<ChangeSet> changes_for(const GlobalOptions& global, const ValidateOptions& options,
                                     const Config& config) {
    if (!options.changed_since) return std::nullopt;
    try {
        return changes_since(git_start(global, config), *options.changed_since);
    } catch (const GitError& error) {
        throw UsageError(error.what());
    }
}

std::string render(std::string_view format, const LoadedRun& run, const RunSetup& setup, const GlobalOptions& global,
                   const std::optional<ChangeSet>& changes) {
    if (format == "text") return render_text(run.files, global, run.read_errors.size(), Excerpts::Shown);
    if (format == "concise") return render_text(run.files, global, run.read_errors.size(), Excerpts::Concise);
    if (format == "json") return render_json(run.files, setup.settings, run.read_errors);
    if (format == "junit") return render_junit(run.files, run.read_errors);
    const std::filesystem::path root = report_root(global, setup.config, changes);
    if (format == "sarif") return render_sarif(run.files, setup.settings, run.read_errors, root);
    // GitHub shows only the first annotations of a step; the job summary has the rest.
    append_github_summary(run.files, root);
    return render_github(run.files, root);
}

int run_validate(const GlobalOptions& global, const ValidateOptions& options) {
    const auto format = choose_format(global, "validate");
    const auto fail_level = parse_severity(options.fail_level);
    const SystemClock clock;
    // git works out what changed while the files are discovered (a thread
    // only then: starting one costs a single-file run a tenth of its time).
    std::future<std::optional<ChangeSet>> changes_pending;
    RunSetup setup = prepare_run(global, clock, [&](const Config& config) {
        if (!options.changed_since) return;
        changes_pending = std::async(std::launch::async, [&global, &options, config] {
            return changes_for(global, options, config);
        });
    });
    const std::optional<ChangeSet> changes = changes_pending.valid() ? changes_pending.get() : std::nullopt;
    if (changes && setup.cache) {
        // An unchanged record is not judged: its keys (and, for a rule that
        // looks across records, its agreement) are all it is loaded for.
        const std::vector<char> changed = changed_flags(setup.discovery.files, *changes);
        for (std::size_t i = 0; i < changed.size(); ++i) setup.discovery.files[i].keys_only = changed[i] == 0;
    }
    LoadedRun run = load_all(setup, global);
    // Every record is read so that TW004/TW005 see the whole run (their keys
    // come from the cache when it holds them); only the changed ones are
    // judged and kept.
    if (!changes) {
        judge_records(run.files, setup.settings);
    } else {
        const std::vector<char> changed = changed_flags(run.files, *changes);
        judge_records(run.files, setup.settings, [&](const RecordFile& file) {
            return changed[static_cast<std::size_t>(&file - run.files.data())] != 0;
        });
        try {
            keep_changed_files(run.files, changed, *changes, setup.settings);
        } catch (const GitError& error) {
            throw UsageError(error.what());
        }
    }

    const bool unreadable = report_read_errors(run.read_errors);
    if (run.files.empty() && !unreadable && !global.quiet) {
        if (changes) {
            fmt::print(stderr, "telework: no record files changed since {}\n", visible(changes->revision));
        } else {
            fmt::print(stderr, "telework: warning: no record files (*.yaml, *.yml) found\n");
        }
    }
    write_result(global, render(format, run, setup, global, changes));
    if (unreadable) return exit_unreadable;
    return flagged(run.files, *fail_level) ? exit_flagged : exit_ok;
}

} // namespace

std::function<int()> setup_validate(CLI::App& app, GlobalOptions& global) {
    auto options = std::make_shared<ValidateOptions>();
    app.add_option("paths", global.paths, "record files or directories (default: the agreements of telework.toml, else .)");
    app.add_option("--fail-level", options->fail_level, "lowest severity that makes the exit status 1")
        ->check(one_of({"error", "warning", "info"}))
        ->capture_default_str();
    app.add_option("--changed-since", options->changed_since,
                   "judge only the records added or modified since this git revision (committed, staged, "
                   "unstaged or untracked); also checks TW008")
        ->option_text("REV");
    return [&global, options] { return run_validate(global, *options); };
}

} // namespace telework::cli
