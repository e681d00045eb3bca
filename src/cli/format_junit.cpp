#include "validate_formats.hpp"

#include "telework/catalog.hpp"

#include <fmt/format.h>

#include <cstdint>

namespace telework::cli {

namespace {

bool allowed_in_xml(std::uint32_t c) {
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
           (c >= 0x10000 && c <= 0x10FFFF);
}

// Decodes one UTF-8 sequence at text[i]; advances i. Returns nullopt for an
// invalid one (overlong, surrogate, truncated), consuming a single byte.
std::optional<std::uint32_t> next_code_point(std::string_view text, std::size_t& i) {
    const auto lead = static_cast<unsigned char>(text[i]);
    int length = 0;
    std::uint32_t c = 0;
    if (lead < 0x80) {
        ++i;
        return lead;
    }
    if ((lead & 0xE0) == 0xC0) {
        length = 2;
        c = lead & 0x1Fu;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3;
        c = lead & 0x0Fu;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4;
        c = lead & 0x07u;
    } else {
        ++i;
        return std::nullopt;
    }
    if (i + static_cast<std::size_t>(length) > text.size()) {
        ++i;
        return std::nullopt;
    }
    for (int k = 1; k < length; ++k) {
        const auto byte = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
        if ((byte & 0xC0) != 0x80) {
            ++i;
            return std::nullopt;
        }
        c = (c << 6) | (byte & 0x3Fu);
    }
    static constexpr std::uint32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (c < smallest[length] || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF) {
        ++i;
        return std::nullopt;
    }
    i += static_cast<std::size_t>(length);
    return c;
}

// Escapes markup and drops what XML 1.0 cannot carry at all (control
// characters, invalid UTF-8), so any message yields a well-formed document.
// In attributes, line breaks and tabs are written as references, since a
// parser would otherwise normalise them to spaces.
std::string escape_xml(std::string_view text, bool attribute) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t start = i;
        const auto c = next_code_point(text, i);
        if (!c || !allowed_in_xml(*c)) continue;
        switch (*c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        case '\r': out += "&#13;"; break;
        case '\n': out += attribute ? "&#10;" : "\n"; break;
        case '\t': out += attribute ? "&#9;" : "\t"; break;
        default: out.append(text.substr(start, i - start));
        }
    }
    return out;
}

std::string attr(std::string_view text) { return escape_xml(text, true); }
std::string body(std::string_view text) { return escape_xml(text, false); }

std::string rule_label(const Finding& finding) {
    const RuleInfo* rule = find_rule(finding.rule);
    return rule ? fmt::format("{} {}", rule->id, rule->name) : finding.rule;
}

std::string test_case(const RecordFile& file, bool& failed) {
    std::string failures;
    std::string other;
    for (const auto& finding : file.findings) {
        const std::string where = fmt::format("{}:{}:{}", file.display_path, finding.pos.line, finding.pos.column);
        if (finding.severity == Severity::Error) {
            const RuleInfo* rule = find_rule(finding.rule);
            failures += fmt::format("      <failure message=\"{}\" type=\"{}\">{}: {}\n{}{}</failure>\n",
                                    attr(finding.message), attr(finding.rule), body(where), body(finding.message),
                                    body(rule_label(finding)), rule ? body(fmt::format(" ({})", rule->citation)) : "");
        } else {
            other += fmt::format("{}: {}: {} [{}]\n", where, to_string(finding.severity), finding.message,
                                 rule_label(finding));
        }
    }
    failed = !failures.empty();
    std::string out = fmt::format("    <testcase classname=\"telework.validate\" name=\"{}\" file=\"{}\"",
                                  attr(file.display_path), attr(file.display_path));
    if (failures.empty() && other.empty()) return out + "/>\n";
    out += ">\n" + failures;
    if (!other.empty()) out += fmt::format("      <system-out>{}</system-out>\n", body(other));
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
        for (const auto& error : read_errors) lines += error + "\n";
        out += fmt::format("    <system-err>{}</system-err>\n", body(lines));
    }
    out += "  </testsuite>\n</testsuites>\n";
    return out;
}

} // namespace telework::cli
