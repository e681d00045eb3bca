#include "choices.hpp"
#include "command.hpp"
#include "errors.hpp"
#include "init_templates.hpp"
#include "create_file.hpp"
#include "output.hpp"

#include "telework/discovery.hpp"
#include "telework/file_create.hpp"
#include "telework/profile.hpp"
#include "telework/schema.hpp"
#include "telework/suggest.hpp"
#include "telework/visible.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>

namespace telework::cli {

namespace {

namespace fs = std::filesystem;

struct InitOptions {
    std::string dir = ".";
    std::string ci = "github";
};

// Only a shipped profile: the new repo has no profile file of its own yet.
std::string chosen_profile(const GlobalOptions& global) {
    if (global.profile.empty()) return "opm";
    const auto shipped = ProfileSet::built_in();
    if (shipped->find(global.profile)) return global.profile;
    const auto ids = shipped->ids();
    std::string message = fmt::format("unknown profile '{}'; init knows the shipped profiles {}", global.profile,
                                      join_names(ids));
    if (const auto guess = closest_match(global.profile, ids)) message += fmt::format(" (did you mean '{}'?)", *guess);
    throw UsageError(message);
}

int run_init(const GlobalOptions& global, const InitOptions& options) {
    choose_format(global, "init");
    const std::string profile = chosen_profile(global);
    const fs::path dir = absolute_normal(options.dir);
    std::error_code error;
    fs::create_directories(dir, error);
    if (error) throw RunError(fmt::format("cannot create '{}': {}", options.dir, error.message()));
    auto root = ReadRoot::open(dir);
    if (!root) throw RunError(fmt::format("cannot use '{}': {}", options.dir, root.error()));
    int left_alone = 0;
    for (const auto& file : init_files(profile, options.ci, agreement_schema())) {
        const fs::path target = dir / file.path;
        const std::string shown = display_path(target);
        auto parent = open_directory_beneath(*root, target.parent_path(), true);
        if (!parent) throw OutputError(fmt::format("cannot write '{}': {}", shown, parent.error()));
        if (create_new_file(**parent, target.filename().string(), file.text, shown)) {
            fmt::print("created {}\n", visible(shown));
        } else {
            fmt::print(stderr, "telework: left {} alone: it exists\n", visible(shown));
            ++left_alone;
        }
    }
    if (!global.quiet) {
        fmt::print(stderr, "telework: {} with profile {}{}; next: 'telework new' (see README.md)\n",
                   left_alone == 0 ? "agreements repo ready" : "agreements repo completed", profile,
                   left_alone == 0 ? "" : fmt::format(", {} existing file{} kept", left_alone, left_alone == 1 ? "" : "s"));
    }
    return exit_ok;
}

} // namespace

std::function<int()> setup_init(CLI::App& app, GlobalOptions& global) {
    auto options = std::make_shared<InitOptions>();
    app.add_option("dir", options->dir, "the directory to set up (default: the current directory)")->option_text("DIR");
    app.add_option("--ci", options->ci, "the CI workflow to write: github, gitlab or none")
        ->check(one_of({"github", "gitlab", "none"}))
        ->capture_default_str();
    return [&global, options] { return run_init(global, *options); };
}

} // namespace telework::cli
