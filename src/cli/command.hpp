#pragma once

#include "global_options.hpp"

#include <CLI/CLI.hpp>

#include <functional>
#include <span>
#include <string_view>

namespace telework::cli {

// One subcommand: its name, a one-line summary, a function that adds its
// options to the CLI11 subcommand and returns what runs it, and the
// --format values it offers (the first is the default).
struct Command {
    std::string_view name;
    std::string_view summary;
    std::function<std::function<int()>(CLI::App&, GlobalOptions&)> setup;
    std::span<const std::string_view> formats;
};

// Every command, in the order `--help` lists them.
std::span<const Command> commands();

// The --format values a command offers (commands() holds them).
std::span<const std::string_view> formats_of(std::string_view command);

std::function<int()> setup_validate(CLI::App& app, GlobalOptions& global);
std::function<int()> setup_check_eligibility(CLI::App& app, GlobalOptions& global);
std::function<int()> setup_expire(CLI::App& app, GlobalOptions& global);
std::function<int()> setup_report(CLI::App& app, GlobalOptions& global);
std::function<int()> setup_explain(CLI::App& app, GlobalOptions& global);
std::function<int()> setup_schema(CLI::App& app, GlobalOptions& global);
std::function<int()> setup_profile(CLI::App& app, GlobalOptions& global);
std::function<int()> setup_completion(CLI::App& app, GlobalOptions& global);
std::function<int()> setup_init(CLI::App& app, GlobalOptions& global);
std::function<int()> setup_new(CLI::App& app, GlobalOptions& global);
std::function<int()> setup_renew(CLI::App& app, GlobalOptions& global);

} // namespace telework::cli
