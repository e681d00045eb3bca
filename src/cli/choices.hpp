#pragma once

#include <CLI/CLI.hpp>

#include <initializer_list>
#include <string_view>

namespace telework::cli {

// A check for an option that takes one of a few names, as CLI11's IsMember,
// but whose error names them all and suggests the closest ("did you mean").
CLI::Validator one_of(std::initializer_list<std::string_view> names);

} // namespace telework::cli
