#include "diagnostic_text.hpp"
#include "terminal_style.hpp"

#include "telework/catalog.hpp"
#include "telework/source_text.hpp"

#include <fmt/format.h>

namespace telework::cli {

namespace {

std::string_view severity_color(Severity severity) {
    switch (severity) {
    case Severity::Error: return "1;31";
    case Severity::Warning: return "1;33";
    case Severity::Info: return "1;36";
    }
    return "1";
}

} // namespace

std::string caret_prefix(std::string_view line, int column) {
    std::string prefix;
    int seen = 1;
    for (std::size_t i = 0; i < line.size() && seen < column; ++i) {
        const auto c = static_cast<unsigned char>(line[i]);
        if ((c & 0xC0) == 0x80) continue; // continuation byte of the same character
        prefix += c == '\t' ? '\t' : ' ';
        ++seen;
    }
    return prefix;
}

std::string render_diagnostic(const RecordFile& file, const Finding& finding, bool color) {
    const auto style = [color](std::string_view code, std::string_view text) { return paint(color, code, text); };
    const RuleInfo* rule = find_rule(finding.rule);
    std::string out = fmt::format("{}: {}: {} [{} {}]\n",
                                  style("1", fmt::format("{}:{}:{}", file.display_path, finding.pos.line,
                                                         finding.pos.column)),
                                  style(severity_color(finding.severity), to_string(finding.severity)),
                                  finding.message, finding.rule, rule ? rule->name : "");
    const std::string_view line = file.source.line(finding.pos.line);
    if (file.source.text().empty() || find_invalid_utf8(line) != std::string_view::npos) return out;
    const std::string number = fmt::format("{}", finding.pos.line);
    const std::string gutter(number.size(), ' ');
    out += fmt::format(" {} | {}\n", style("34", number), line);
    out += fmt::format(" {} | {}{}\n", gutter, caret_prefix(line, finding.pos.column), style("1;32", "^"));
    return out;
}

} // namespace telework::cli
