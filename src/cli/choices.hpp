#pragma once

#include <CLI/CLI.hpp>

#include <initializer_list>
#include <string_view>

namespace telework::cli {

// A check for an option that takes one of a few names, as CLI11's IsMember,
// but whose error names them all and suggests the closest ("did you mean").
CLI::Validator one_of(std::initializer_list<std::string_view> names);

// A check for a whole number in [min, max] that says so in those words
// (CLI11's own range check prints doubles to 300 digits).
CLI::Validator whole_number(long min, long max);

} // namespace telework::cli
