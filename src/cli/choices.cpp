#include "choices.hpp"

#include "telework/suggest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <system_error>
#include <string>
#include <vector>

namespace telework::cli {

CLI::Validator one_of(std::initializer_list<std::string_view> names) {
    const std::vector<std::string> owned(names.begin(), names.end());
    std::string listed = "{";
    for (const auto& name : owned) listed += (listed.size() > 1 ? "," : "") + name;
    listed += "}";
    return CLI::Validator(
        [owned](std::string& value) -> std::string {
            if (std::find(owned.begin(), owned.end(), value) != owned.end()) return {};
            const std::vector<std::string_view> views(owned.begin(), owned.end());
            std::string message = fmt::format("'{}' is not one of {}", value, join_names(views));
            if (const auto guess = closest_match(value, views)) message += fmt::format(" (did you mean '{}'?)", *guess);
            return message;
        },
        listed);
}

CLI::Validator whole_number(long min, long max) {
    return CLI::Validator(
        [min, max](std::string& value) -> std::string {
            long number = 0;
            const char* end = value.data() + value.size();
            const auto [stop, error] = std::from_chars(value.data(), end, number);
            if (error == std::errc() && stop == end && number >= min && number <= max) return {};
            return fmt::format("'{}' is not a whole number from {} to {}", value, min, max);
        },
        fmt::format("{} to {}", min, max));
}

} // namespace telework::cli
