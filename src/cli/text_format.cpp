#include "text_format.hpp"

#include "telework/source_text.hpp"

#include <fmt/format.h>

namespace telework::cli {

std::size_t display_width(std::string_view text) { return static_cast<std::size_t>(count_code_points(text)); }

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

std::string csv_field(std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
    std::string out = "\"";
    for (const char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

} // namespace telework::cli
