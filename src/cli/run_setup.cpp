#include "run_setup.hpp"

#include "errors.hpp"
#include "progress.hpp"

#include "telework/parallel.hpp"
#include "telework/suggest.hpp"
#include "telework/visible.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <set>

namespace telework::cli {

namespace fs = std::filesystem;

namespace {

Date resolve_as_of(const GlobalOptions& global, const Clock& clock) {
    if (global.as_of.empty()) return clock.today();
    const auto date = Date::parse(global.as_of);
    if (!date) throw UsageError(fmt::format("--as-of '{}' is not a date YYYY-MM-DD", global.as_of));
    return *date;
}

Config resolve_config(const GlobalOptions& global) {
    std::optional<fs::path> file;
    if (!global.config.empty()) {
        file = global.config;
        std::error_code error;
        if (!fs::is_regular_file(*file, error)) throw UsageError(fmt::format("--config '{}': no such file", global.config));
    } else {
        // A record read from '-' is configured where --stdin-filename puts
        // it (an editor passes the file's own path), else here.
        const auto place = [&](const std::string& path) {
            if (path != "-") return fs::path(path);
            return global.stdin_filename.empty() ? fs::current_path() : fs::path(global.stdin_filename);
        };
        file = find_config(global.paths.empty() ? fs::current_path() : place(global.paths.front()));
        // One run has one configuration: judging a path under another repo's
        // profile, thresholds and rules would give wrong findings silently.
        for (std::size_t i = 1; i < global.paths.size(); ++i) {
            const auto other = find_config(place(global.paths[i]));
            if (other == file) continue;
            const auto name = [](const std::optional<fs::path>& config) {
                return config ? fmt::format("'{}'", display_path(*config)) : std::string("no telework.toml");
            };
            throw UsageError(fmt::format("'{}' is configured by {} but '{}' by {}; run telework once per "
                                         "configuration, or choose one with --config",
                                         global.paths.front(), name(file), global.paths[i], name(other)));
        }
    }
    if (!file) return Config{};
    auto config = load_config(*file);
    if (!config) throw RunError(config.error().to_string());
    return std::move(*config);
}

std::string resolve_profile(const GlobalOptions& global, const ConfiguredProfiles& configured) {
    if (global.profile.empty()) return configured.default_profile;
    if (configured.profiles->find(global.profile)) return global.profile;
    const auto ids = configured.profiles->ids();
    std::string message = fmt::format("unknown profile '{}'; expected one of {}", global.profile, join_names(ids));
    if (const auto guess = closest_match(global.profile, ids)) message += fmt::format(" (did you mean '{}'?)", *guess);
    throw UsageError(message);
}

bool has_glob(std::string_view text) { return text.find_first_of("*?[") != std::string_view::npos; }

Discovery discover(const GlobalOptions& global, const Config& config, int jobs) {
    DiscoveryOptions options{config.exclude, config.base_dir(), {}, {}, jobs};
    options.stdin_name = global.stdin_filename.empty() ? "<stdin>" : display_path(global.stdin_filename);
    if (!global.paths.empty() || config.agreements.empty()) {
        std::vector<fs::path> inputs(global.paths.begin(), global.paths.end());
        if (inputs.empty()) inputs.emplace_back(config.file ? config.base_dir() : fs::path("."));
        return discover_files(inputs, options);
    }
    // Configured entries stay beneath the directory of telework.toml; each
    // distinct entry is scanned once however often it is listed.
    options.root = config.base_dir();
    std::set<fs::path> inputs;
    std::set<std::string> globs;
    for (const auto& entry : config.agreements) {
        if (has_glob(entry)) {
            globs.insert(entry);
        } else {
            inputs.insert((config.base_dir() / entry).lexically_normal());
        }
    }
    Discovery found = discover_files({inputs.begin(), inputs.end()}, options);
    if (!globs.empty()) {
        std::set<std::string, std::less<>> known;
        for (const auto& file : found.files) known.insert(file.display_path);
        Discovery everything = discover_files({config.base_dir()}, options);
        for (auto& file : everything.files) {
            const std::string relative =
                fs::absolute(file.path).lexically_normal().lexically_relative(config.base_dir()).generic_string();
            const bool wanted = std::any_of(globs.begin(), globs.end(), [&](const std::string& glob) {
                return glob_match(glob, relative) || glob_match(glob + "/**", relative);
            });
            if (wanted && !known.contains(file.display_path)) found.files.push_back(std::move(file));
        }
        found.read_errors.insert(found.read_errors.end(), everything.read_errors.begin(), everything.read_errors.end());
        std::sort(found.files.begin(), found.files.end(),
                  [](const FileRef& a, const FileRef& b) { return a.display_path < b.display_path; });
    }
    return found;
}

bool inside(const fs::path& path, const fs::path& tree) {
    const auto relative = path.lexically_relative(tree);
    return !relative.empty() && *relative.begin() != "..";
}

// A cache inside a checked tree could hold entries a pull request planted
// (committed, or restored from a cache the tree chose), so it is refused.
std::unique_ptr<RecordCache> open_cache(const GlobalOptions& global, const Config& config, const Discovery& discovery,
                                        const LoadOptions& load) {
    if (global.no_cache) return nullptr;
    const bool chosen = !global.cache_dir.empty();
    std::error_code error;
    fs::path dir = chosen ? fs::path(global.cache_dir) : default_cache_dir();
    if (dir.empty()) return nullptr;
    dir = fs::weakly_canonical(fs::absolute(dir), error);
    if (error) return nullptr;
    std::set<fs::path> roots;
    for (const auto& file : discovery.files) {
        if (file.root) roots.insert(file.root->canonical());
    }
    if (roots.empty()) return nullptr; // nothing a cache could hold (standard input is never cached)
    std::set<fs::path> trees = roots;
    if (config.file) trees.insert(fs::weakly_canonical(config.base_dir(), error));
    for (const auto& root : roots) {
        if (const auto top = find_repo_root(root)) trees.insert(fs::weakly_canonical(*top, error));
    }
    for (const auto& tree : trees) {
        if (!inside(dir, tree)) continue;
        const std::string problem =
            fmt::format("the cache directory '{}' is inside the checked tree '{}', where a pull request could plant "
                        "entries; use one outside it, such as ~/.cache/telework",
                        dir.string(), tree.string());
        if (chosen) throw UsageError("--cache-dir: " + problem);
        if (!global.quiet) fmt::print(stderr, "telework: warning: {}; running without a cache\n", visible(problem));
        return nullptr;
    }
    return std::make_unique<RecordCache>(dir, std::vector<fs::path>(roots.begin(), roots.end()), cache_run_key(load));
}

} // namespace

RunSettings configured_settings(const GlobalOptions& global, const Config& config) {
    auto configured = configure_profiles(config);
    if (!configured) throw RunError(configured.error().to_string());
    RunSettings settings;
    settings.default_profile = resolve_profile(global, *configured);
    settings.profiles = configured->profiles;
    settings.severity_overrides = configured->severities;
    const auto ids = settings.profiles->ids();
    settings.load.policy_names.assign(ids.begin(), ids.end());
    return settings;
}

RunSettings prepare_profiles(const GlobalOptions& global) { return configured_settings(global, resolve_config(global)); }

RunSetup prepare_run(const GlobalOptions& global, const Clock& clock,
                     const std::function<void(const Config&)>& alongside) {
    RunSetup setup;
    setup.config = resolve_config(global);
    if (alongside) alongside(setup.config);
    setup.settings = configured_settings(global, setup.config);
    setup.settings.as_of = resolve_as_of(global, clock);
    if (global.jobs < 0) throw UsageError("--jobs must be a positive number");
    setup.settings.jobs = global.jobs > 0 ? global.jobs : default_jobs();
    setup.discovery = discover(global, setup.config, setup.settings.jobs);
    setup.cache = open_cache(global, setup.config, setup.discovery, setup.settings.load);
    setup.settings.cache = setup.cache.get();
    return setup;
}

LoadedRun load_all(RunSetup& setup, const GlobalOptions& global) {
    ProgressLine progress(global, setup.discovery.files.size());
    RunSettings settings = setup.settings;
    settings.files_loaded = progress.counter();
    LoadedRun run = load_records(std::move(setup.discovery), settings);
    if (run.cache_problem) fmt::print(stderr, "telework: warning: cache: {}\n", visible(*run.cache_problem));
    if (global.verbose) {
        if (setup.cache) {
            const auto counts = setup.cache->counts();
            fmt::print(stderr, "telework: cache {}: {} records from the cache ({} of them not read: their files "
                               "were unchanged since a run read them), {} parsed anew{}\n",
                       visible(setup.cache->pack_path().string()), counts.hits, counts.unread, counts.misses,
                       counts.damaged ? fmt::format(" ({} damaged entries ignored)", counts.damaged) : "");
            if (!setup.cache->problem().empty()) fmt::print(stderr, "telework: cache: {}\n", visible(setup.cache->problem()));
        } else {
            fmt::print(stderr, "telework: no cache: {} records parsed\n", run.files.size());
        }
    }
    return run;
}

bool report_read_errors(const std::vector<std::string>& errors) {
    for (const auto& error : errors) fmt::print(stderr, "telework: error: {}\n", visible(error));
    return !errors.empty();
}

std::vector<const RecordFile*> judgeable_records(const std::vector<RecordFile>& files, bool quiet) {
    std::vector<const RecordFile*> usable;
    for (const auto& file : files) {
        if (file.has_agreement() && !file.structurally_broken()) {
            usable.push_back(&file);
            continue;
        }
        const auto structural = std::find_if(file.findings.begin(), file.findings.end(), [](const Finding& f) {
            return f.rule.starts_with("TW") && f.severity == Severity::Error;
        });
        if (quiet) continue;
        const Finding* first = structural == file.findings.end() ? nullptr : &*structural;
        const std::string path = visible(file.display_path);
        fmt::print(stderr, "telework: skipped {}: it fails structural checks{} (see 'telework validate {}')\n", path,
                   first ? fmt::format(" ({} at {}:{})", first->rule, first->pos.line, first->pos.column) : "", path);
    }
    return usable;
}

} // namespace telework::cli
