#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace telework {

// The candidate closest to a misspelt word, when it is close enough to be
// what was meant ("did you mean ...?").
std::optional<std::string> closest_match(std::string_view word, std::span<const std::string_view> candidates);

// Comma-separated list of names for messages: "a, b, c".
std::string join_names(std::span<const std::string_view> names, std::string_view separator = ", ");

} // namespace telework
