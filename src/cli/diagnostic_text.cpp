#include "diagnostic_text.hpp"
#include "terminal_style.hpp"

#include "telework/catalog.hpp"
#include "telework/visible.hpp"

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

std::string message_for_people(std::string_view message) { return shortened(message, message_chars); }

std::string render_diagnostic(const RecordFile& file, const SourceText& source, const Finding& finding, bool color,
                              Excerpts excerpts) {
    const auto style = [color](std::string_view code, std::string_view text) { return paint(color, code, text); };
    const RuleInfo* rule = finding.info ? finding.info : find_structure_rule(finding.rule);
    // The path starts the line, so it must not read as a workflow command.
    const std::string where =
        fmt::format("{}:{}:{}", safe_line_start(visible(file.display_path)), finding.pos.line, finding.pos.column);
    std::string out = fmt::format("{}: {}: {} [{} {}]\n", style("1", where),
                                  style(severity_color(finding.severity), to_string(finding.severity)),
                                  visible(message_for_people(finding.message)), finding.rule, rule ? rule->name : "");
    if (excerpts == Excerpts::Concise || source.text().empty()) return out;
    const auto [byte, past_end] = source.offset_of(finding.pos);
    const Excerpt excerpt = visible_excerpt_at(source.line(finding.pos.line), byte, past_end, excerpt_columns);
    const std::string number = fmt::format("{}", finding.pos.line);
    const std::string gutter(number.size(), ' ');
    out += fmt::format(" {} | {}\n", style("34", number), excerpt.text);
    out += fmt::format(" {} | {}{}\n", gutter, std::string(excerpt.caret, ' '), style("1;32", "^"));
    return out;
}

} // namespace telework::cli
