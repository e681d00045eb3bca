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
    const RuleInfo* rule = finding.info;
    return rule ? fmt::format("{} {}", rule->id, rule->name) : finding.rule;
}

// One <failure> per test case (Jenkins' junit-10.xsd allows more, but JUnit
// readers show only the first): typed with the first error's rule, its
// message the first error's (with a count of the others), and its body one
// line per error. Attributes are only those junit-10.xsd allows, so no
// GitLab-style `file`: the test case's name is the file's path.
std::string test_case(const RecordFile& file, bool& failed) {
    std::string body;  // already markup: one line per error, each starting with its file name
    std::string other; // already markup: one line per finding, each starting with its file name
    const Finding* first = nullptr;
    int errors = 0;
    for (const auto& finding : file.findings) {
        const std::string where = fmt::format("{}:{}:{}", file.display_path, finding.pos.line, finding.pos.column);
        const std::string message = message_for_people(finding.message);
        if (finding.severity == Severity::Error) {
            const RuleInfo* rule = finding.info;
            if (!first) first = &finding;
            ++errors;
            std::string line = fmt::format("{}: {} [{}]{}", escape_markup(where), escape_markup(message),
                                           escape_markup(rule_label(finding)),
                                           rule ? escape_markup(fmt::format(" ({})", rule->citation)) : "");
            // Only the first line follows the start tag; the others start a line.
            body += body.empty() ? line : "\n" + safe_line_start(std::move(line));
        } else {
            other += fmt::format("{}: {}: {} [{}]\n", safe_line_start(escape_markup(where)),
                                 to_string(finding.severity), escape_markup(message),
                                 escape_markup(rule_label(finding)));
        }
    }
    failed = first != nullptr;
    std::string out = fmt::format("    <testcase classname=\"telework.validate\" name=\"{}\"",
                                  escape_markup(file.display_path));
    if (!first && other.empty()) return out + "/>\n";
    out += ">\n";
    if (first) {
        std::string message = message_for_people(first->message);
        if (errors > 1) message += fmt::format(" (and {} more error{})", errors - 1, errors == 2 ? "" : "s");
        out += fmt::format("      <failure message=\"{}\" type=\"{}\">{}</failure>\n", escape_markup(message),
                           escape_markup(first->rule), body);
    }
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
    // junit-10.xsd has no `skipped` on <testsuites>, only on <testsuite>.
    const std::string counts = fmt::format("tests=\"{}\" failures=\"{}\" errors=\"0\"", files.size(), failed_cases);
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += fmt::format("<testsuites name=\"telework\" {}>\n", counts);
    out += fmt::format("  <testsuite name=\"telework validate\" {} skipped=\"0\">\n", counts);
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
