#pragma once

#include <optional>
#include <string_view>

namespace telework {

enum class Severity { Info, Warning, Error };

std::string_view to_string(Severity severity);
std::optional<Severity> parse_severity(std::string_view text);

} // namespace telework
