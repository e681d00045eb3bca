#include "app.hpp"

#include "choices.hpp"
#include "command.hpp"
#include "errors.hpp"

#include "telework/suggest.hpp"
#include "telework/version.hpp"
#include "telework/visible.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <vector>

namespace telework::cli {

namespace {

void add_global_options(CLI::App& app, GlobalOptions& global) {
    app.add_option("--config", global.config, "use this telework.toml (default: search upward to the git root)")
        ->option_text("FILE");
    app.add_option("--profile", global.profile, "profile for records that name none: opm, ct-gl32, or one telework.toml names")
        ->option_text("NAME");
    app.add_option("--as-of", global.as_of, "judge dates as of this day, YYYY-MM-DD (default: today)")
        ->option_text("DATE");
    app.add_option("--format", global.format, "output format; each command lists its own")->option_text("FMT");
    app.add_option("--color", global.color, "colour in text output")
        ->check(one_of({"auto", "always", "never"}))
        ->capture_default_str()
        ->option_text("WHEN");
    app.add_option("-o,--output", global.output, "write the result to FILE atomically (default: stdout)")
        ->option_text("FILE");
    app.add_option("-j,--jobs", global.jobs, "worker threads (default: all cores)")
        ->check(whole_number(1, 1024))
        ->option_text("N");
    app.add_flag("-q,--quiet", global.quiet, "only findings / only the essential lines");
    app.add_flag("-v,--verbose", global.verbose, "also say on stderr what the cache held and what was read anew");
    app.add_flag("--no-cache", global.no_cache, "neither read nor write the cache of decoded records");
    app.add_option("--cache-dir", global.cache_dir,
                   "keep the cache of decoded records in DIR, outside the checked tree (default: "
                   "$TELEWORK_CACHE_DIR, else $XDG_CACHE_HOME/telework, else ~/.cache/telework)")
        ->option_text("DIR");
    app.add_option("--stdin-filename", global.stdin_filename,
                   "the name of the record read from standard input (PATH '-'), for messages and to find "
                   "its telework.toml")
        ->option_text("NAME");
}

std::vector<std::string> option_names(const CLI::App& app) {
    std::vector<std::string> names;
    for (const CLI::Option* option : app.get_options()) {
        for (const auto& name : option->get_lnames()) names.push_back("--" + name);
    }
    return names;
}

// Leftover arguments: a misspelt command or an option no command knows.
[[noreturn]] void reject_leftovers(const CLI::App& app, const CLI::App* chosen, const std::vector<std::string>& extra) {
    const std::string& word = extra.front();
    std::vector<std::string> names;
    if (!chosen && !word.starts_with('-')) {
        for (const auto& command : commands()) names.emplace_back(command.name);
    } else {
        names = option_names(app);
        if (chosen) {
            const auto own = option_names(*chosen);
            names.insert(names.end(), own.begin(), own.end());
        }
    }
    const std::vector<std::string_view> views(names.begin(), names.end());
    const auto guess = closest_match(word, views);
    const std::string hint = guess ? fmt::format(" (did you mean '{}'?)", *guess) : std::string();
    if (!chosen && !word.starts_with('-')) throw UsageError(fmt::format("unknown command '{}'{}", word, hint));
    throw UsageError(fmt::format("unexpected argument '{}'{}", word, hint));
}

// The options every command takes, for the end of each command's --help
// (CLI11 lists only a subcommand's own options there).
std::string global_options_help(const CLI::App& app, std::span<const std::string_view> formats) {
    std::string text = "Global options (every command):\n";
    for (const CLI::Option* option : app.get_options()) {
        if (option->get_lnames().empty() || option->get_lnames().front() == "help" ||
            option->get_lnames().front() == "version") {
            continue;
        }
        std::string names;
        for (const auto& name : option->get_snames()) names += "-" + name + ",";
        for (const auto& name : option->get_lnames()) names += "--" + name + ",";
        names.pop_back();
        if (option->get_items_expected_max() > 0) {
            names += option->get_option_text().empty() ? std::string(" VALUE") : " " + option->get_option_text();
        }
        std::string description = option->get_description();
        if (option->get_lnames().front() == "format") {
            description = fmt::format("output format: {} (the default)", formats.front());
            for (const auto other : formats.subspan(1)) description += fmt::format(", {}", other);
        }
        text += fmt::format("  {:<28}{}\n", names, description);
    }
    return text;
}

int run_app(int argc, char** argv) {
    CLI::App app{"Validate, check, renew and report on telework agreements kept as YAML records.", "telework"};
    app.set_version_flag("--version", fmt::format("telework {}", version));
    app.fallthrough();
    app.require_subcommand(0, 1);
    GlobalOptions global;
    add_global_options(app, global);

    std::map<const CLI::App*, std::function<int()>> runners;
    for (const auto& command : commands()) {
        CLI::App* sub = app.add_subcommand(std::string(command.name), std::string(command.summary));
        runners[sub] = command.setup(*sub, global);
        sub->footer(global_options_help(app, command.formats));
    }
    app.allow_extras();

    // `telework help [COMMAND]`, as git and cargo have it: the same as
    // `telework [COMMAND] --help`.
    std::vector<char*> arguments(argv, argv + argc);
    std::string help_flag = "--help";
    if (arguments.size() >= 2 && std::string_view(arguments[1]) == "help") {
        arguments.erase(arguments.begin() + 1);
        if (arguments.size() >= 2 && !std::any_of(runners.begin(), runners.end(), [&](const auto& entry) {
                return entry.first->get_name() == arguments[1];
            })) {
            reject_leftovers(app, nullptr, {arguments[1]});
        }
        arguments.insert(arguments.begin() + std::min<std::ptrdiff_t>(2, static_cast<std::ptrdiff_t>(arguments.size())),
                         help_flag.data());
    }

    try {
        app.parse(static_cast<int>(arguments.size()), arguments.data());
    } catch (const CLI::ParseError& error) {
        if (error.get_exit_code() == 0) return app.exit(error);
        throw UsageError(error.what());
    }
    const auto chosen = app.get_subcommands();
    const CLI::App* command = chosen.empty() ? nullptr : chosen.front();
    if (!app.remaining().empty()) reject_leftovers(app, command, app.remaining());
    if (command && !command->remaining().empty()) reject_leftovers(app, command, command->remaining());
    if (!command) {
        fmt::print(stderr, "{}", app.help());
        return exit_usage;
    }
    return runners.at(command)();
}

} // namespace

int run(int argc, char** argv) {
    try {
        return run_app(argc, argv);
    } catch (const UsageError& error) {
        // Messages quote arguments, paths and configuration values: shown, never raw.
        fmt::print(stderr, "telework: error: {}\nRun 'telework --help' for usage.\n", visible(error.what()));
        return exit_usage;
    } catch (const RunError& error) {
        fmt::print(stderr, "telework: error: {}\n", visible(error.what()));
        return exit_usage;
    } catch (const std::exception& error) {
        fmt::print(stderr, "telework: internal error: {}\n", visible(error.what()));
        return exit_internal;
    }
}

} // namespace telework::cli
