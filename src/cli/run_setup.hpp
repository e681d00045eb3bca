#pragma once

#include "global_options.hpp"

#include "telework/clock.hpp"
#include "telework/config.hpp"
#include "telework/discovery.hpp"
#include "telework/engine.hpp"
#include "telework/record_cache.hpp"

#include <functional>
#include <memory>

namespace telework::cli {

// What every record-reading command needs, resolved once from the global
// options, the discovered `telework.toml` and the clock.
struct RunSetup {
    Config config;
    RunSettings settings;
    Discovery discovery;
    std::unique_ptr<RecordCache> cache; // settings.cache points here; none with --no-cache
};

// Throws UsageError for a bad option value or configuration (exit status 2).
// `alongside`, when given, is called with the configuration before the
// files are discovered (validate starts git there, to run beside discovery).
RunSetup prepare_run(const GlobalOptions& global, const Clock& clock,
                     const std::function<void(const Config&)>& alongside = {});

// The profiles, default profile and severities alone, for commands that
// read no records (explain, profile).
RunSettings prepare_profiles(const GlobalOptions& global);

// Reads and decodes every discovered record, with a progress line on a
// terminal when that takes a while.
// The discovered file list is used up: each record holds its own path.
LoadedRun load_all(RunSetup& setup, const GlobalOptions& global);

// Exit status 3 when any input could not be read; reports each on stderr.
bool report_read_errors(const std::vector<std::string>& errors);

// The records a command can judge: those without structural errors (call
// judge_records first so that TW004-TW006 count too).
// Each other record is named on stderr as skipped, never dropped silently.
// `quiet` (-q) leaves the notices out.
std::vector<const RecordFile*> judgeable_records(const std::vector<RecordFile>& files, bool quiet);

} // namespace telework::cli
