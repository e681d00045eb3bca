#pragma once

#include "global_options.hpp"

#include <CLI/CLI.hpp>

#include <functional>
#include <span>
#include <string_view>

namespace telework::cli {

// One subcommand: its name, a one-line summary, and a function that adds its
// options to the CLI11 subcommand and returns what runs it.
struct Command {
    std::string_view name;
    std::string_view summary;
    std::function<std::function<int()>(CLI::App&, GlobalOptions&)> setup;
};

// Every command, in the order `--help` lists them.
std::span<const Command> commands();

std::function<int()> setup_validate(CLI::App& app, GlobalOptions& global);
std::function<int()> setup_check_eligibility(CLI::App& app, GlobalOptions& global);
std::function<int()> setup_expire(CLI::App& app, GlobalOptions& global);
std::function<int()> setup_report(CLI::App& app, GlobalOptions& global);
std::function<int()> setup_explain(CLI::App& app, GlobalOptions& global);
std::function<int()> setup_schema(CLI::App& app, GlobalOptions& global);

} // namespace telework::cli
