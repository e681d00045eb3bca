#include "choices.hpp"

#include "telework/suggest.hpp"

#include <fmt/format.h>

#include <algorithm>
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

} // namespace telework::cli
