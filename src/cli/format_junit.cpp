#include "diagnostic_text.hpp"
#include "markup.hpp"
#include "validate_formats.hpp"

#include "telework/catalog.hpp"
#include "telework/visible.hpp"

#include <fmt/format.h>

#include <cstdint>

namespace telework::cli {

namespace {

std::string rule_label(const Finding& finding) {
    const RuleInfo* rule = find_rule(finding.rule);
    return rule ? fmt::format("{} {}", rule->id, rule->name) : finding.rule;
}

std::string test_case(const RecordFile& file, bool& failed) {
    std::string failures;
    std::string other; // already markup: one line per finding, each starting with its file name
    for (const auto& finding : file.findings) {
        const std::string where = fmt::format("{}:{}:{}", file.display_path, finding.pos.line, finding.pos.column);
        const std::string message = message_for_people(finding.message);
        if (finding.severity == Severity::Error) {
            const RuleInfo* rule = find_rule(finding.rule);
            failures += fmt::format("      <failure message=\"{}\" type=\"{}\">{}: {}\n{}{}</failure>\n",
                                    escape_markup(message), escape_markup(finding.rule), escape_markup(where),
                                    escape_markup(message), escape_markup(rule_label(finding)),
                                    rule ? escape_markup(fmt::format(" ({})", rule->citation)) : "");
        } else {
            other += fmt::format("{}: {}: {} [{}]\n", safe_line_start(escape_markup(where)),
                                 to_string(finding.severity), escape_markup(message),
                                 escape_markup(rule_label(finding)));
        }
    }
    failed = !failures.empty();
    std::string out = fmt::format("    <testcase classname=\"telework.validate\" name=\"{}\" file=\"{}\"",
                                  escape_markup(file.display_path), escape_markup(file.display_path));
    if (failures.empty() && other.empty()) return out + "/>\n";
    out += ">\n" + failures;
    if (!other.empty()) out += fmt::format("      <system-out>{}</system-out>\n", other);
    return out + "    </testcase>\n";
}

} // namespace

std::string render_junit(const std::vector<RecordFile>& files, const std::vector<std::string>& read_errors) {
    std::string cases;
    int failed_cases = 0;
    for (const auto& file : files) {
        bool failed = false;
        cases += test_case(file, failed);
        failed_cases += failed ? 1 : 0;
    }
    // `failures` counts failed test cases (files), as JUnit readers expect,
    // not <failure> elements.
    const std::string counts = fmt::format("tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\"", files.size(),
                                           failed_cases);
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += fmt::format("<testsuites name=\"telework\" {}>\n", counts);
    out += fmt::format("  <testsuite name=\"telework validate\" {}>\n", counts);
    out += cases;
    if (!read_errors.empty()) {
        std::string lines;
        for (const auto& error : read_errors) lines += safe_line_start(escape_markup(error)) + "\n";
        out += fmt::format("    <system-err>{}</system-err>\n", lines);
    }
    out += "  </testsuite>\n</testsuites>\n";
    return out;
}

} // namespace telework::cli
