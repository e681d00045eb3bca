#include "app.hpp"

#include "command.hpp"
#include "errors.hpp"

#include "telework/suggest.hpp"
#include "telework/version.hpp"
#include "telework/visible.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <map>

namespace telework::cli {

namespace {

void add_global_options(CLI::App& app, GlobalOptions& global) {
    app.add_option("--config", global.config, "use this telework.toml (default: search upward to the git root)");
    app.add_option("--profile", global.profile, "profile for records that name none: opm or ct-gl32");
    app.add_option("--as-of", global.as_of, "judge dates as of this day, YYYY-MM-DD (default: today)");
    app.add_option("--format", global.format, "output format; each command lists its own");
    app.add_option("--color", global.color, "colour in text output")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();
    app.add_option("-o,--output", global.output, "write the result to FILE atomically (default: stdout)");
    app.add_option("-j,--jobs", global.jobs, "worker threads (default: all cores)")->check(CLI::Range(1, 1024).description("1 to 1024"));
    app.add_flag("-q,--quiet", global.quiet, "only findings / only the essential lines");
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
    }
    app.allow_extras();

    try {
        app.parse(argc, argv);
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
    } catch (const OutputError& error) {
        fmt::print(stderr, "telework: error: {}\n", visible(error.what()));
        return exit_usage;
    } catch (const std::exception& error) {
        fmt::print(stderr, "telework: internal error: {}\n", visible(error.what()));
        return exit_internal;
    }
}

} // namespace telework::cli
