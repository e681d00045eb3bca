#include "diagnostic_text.hpp"
#include "validate_formats.hpp"

#include "telework/catalog.hpp"
#include "telework/visible.hpp"

#include <fmt/format.h>

namespace telework::cli {

namespace {

// GitHub's workflow-command escaping (actions/toolkit, command.ts): a
// message may not break the line, and a property value may not end the
// property list (',') or the command (':' before "::"). visible() leaves no
// CR or LF (nor any other control character) to percent-encode, so only
// '%' itself needs it.
std::string escape_data(std::string_view text) {
    std::string out;
    for (const char c : visible(text)) out += c == '%' ? std::string("%25") : std::string(1, c);
    return out;
}

std::string escape_property(std::string_view text) {
    std::string out;
    for (const char c : escape_data(text)) {
        switch (c) {
        case ':': out += "%3A"; break;
        case ',': out += "%2C"; break;
        default: out += c;
        }
    }
    return out;
}

std::string_view command_for(Severity severity) {
    switch (severity) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "notice";
    }
    return "notice";
}

} // namespace

std::string render_github(const std::vector<RecordFile>& files, const std::filesystem::path& root) {
    std::string out;
    for (const auto& file : files) {
        // Annotations are placed by the path from the top of the checkout.
        const std::string path = escape_property(root_relative_path(file, root));
        for (const auto& finding : file.findings) {
            const RuleInfo* rule = find_rule(finding.rule);
            const std::string title = rule ? fmt::format("{} {}", rule->id, rule->name) : finding.rule;
            out += fmt::format("::{} file={},line={},col={},title={}::{}\n", command_for(finding.severity), path,
                               finding.pos.line, finding.pos.column, escape_property(title),
                               escape_data(message_for_people(finding.message)));
        }
    }
    return out;
}

} // namespace telework::cli
