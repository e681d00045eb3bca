#include "text_format.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace telework::cli {

std::string wrap_text(std::string_view text, std::size_t width, std::string_view indent) {
    std::string out, line;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find(' ', start);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view word = text.substr(start, end - start);
        if (!line.empty() && display_width(line) + 1 + display_width(word) > width) {
            out += fmt::format("{}{}\n", indent, line);
            line.clear();
        }
        if (!line.empty()) line += ' ';
        line += word;
        start = end + 1;
    }
    if (!line.empty()) out += fmt::format("{}{}\n", indent, line);
    return out;
}

std::string pad(std::string_view text, std::size_t width, bool right) {
    const std::string fill(width - std::min(width, display_width(text)), ' ');
    return right ? fill + std::string(text) : std::string(text) + fill;
}

std::string csv_field(std::string_view text) {
    // OWASP's list also has TAB and CR, but visible() has already written
    // those (and LF, so no field needs quoting for a line break) as escapes.
    std::string field = visible(text);
    if (!field.empty() && std::string_view("=+-@").find(field.front()) != std::string_view::npos) {
        field.insert(0, 1, '\'');
    }
    if (field.find_first_of(",\"") == std::string::npos && !starts_workflow_command(field)) return field;
    std::string out = "\"";
    for (const char c : field) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

} // namespace telework::cli
