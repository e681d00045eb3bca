#include "diagnostic_text.hpp"
#include "validate_formats.hpp"

#include "telework/catalog.hpp"
#include "telework/visible.hpp"

#include <fmt/format.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <map>

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

// Markdown text that shows as typed: visible() first (no line break or
// control character survives), then a backslash before every ASCII
// punctuation character (CommonMark lets any of them be escaped), so no
// value can open a link, an image, HTML, emphasis, code, a table cell or a
// heading.
std::string markdown_text(std::string_view text) {
    std::string out;
    for (const char c : visible(text)) {
        if (std::string_view("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~").find(c) != std::string_view::npos) out += '\\';
        out += c;
    }
    return out;
}

std::string_view severity_word(Severity severity) {
    switch (severity) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "notice";
    }
    return "notice";
}

std::string count_of(std::size_t n, std::string_view word) {
    return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

} // namespace

std::string render_github_summary(const std::vector<RecordFile>& files, const std::filesystem::path& root) {
    struct RuleCount {
        Severity severity = Severity::Info;
        std::size_t count = 0;
        const RuleInfo* info = nullptr;
    };
    std::map<std::string, RuleCount> by_rule;
    std::size_t total = 0;
    std::size_t with_findings = 0;
    for (const auto& file : files) {
        if (!file.findings.empty()) ++with_findings;
        for (const auto& finding : file.findings) {
            auto& entry = by_rule[finding.rule];
            entry.severity = finding.severity;
            entry.info = finding.info;
            ++entry.count;
            ++total;
        }
    }
    const FindingCounts counts = count_findings(files);
    std::string out = "## telework validate\n\n";
    if (total == 0) {
        return out + fmt::format("Checked {}: no problems found.\n\n", count_of(files.size(), "file"));
    }
    out += fmt::format("Checked {}: {}, {}, {} in {}. GitHub shows at most {} error and {} warning annotations "
                       "per step; every finding is counted here.\n\n",
                       count_of(files.size(), "file"), count_of(static_cast<std::size_t>(counts.error), "error"),
                       count_of(static_cast<std::size_t>(counts.warning), "warning"),
                       count_of(static_cast<std::size_t>(counts.info), "notice"), count_of(with_findings, "file"),
                       annotations_shown, annotations_shown);
    out += "| Rule | Name | Severity | Findings |\n| --- | --- | --- | --: |\n";
    for (const auto& [id, entry] : by_rule) {
        const RuleInfo* rule = entry.info;
        out += fmt::format("| {} | {} | {} | {} |\n", markdown_text(id), markdown_text(rule ? rule->name : ""),
                           severity_word(entry.severity), entry.count);
    }
    std::size_t listed_files = 0;
    for (const auto& file : files) {
        if (file.findings.empty()) continue;
        if (listed_files == summary_files) {
            const std::size_t rest = with_findings - listed_files;
            out += fmt::format("\n{} more {} with findings {} not listed.\n", rest, rest == 1 ? "file" : "files",
                               rest == 1 ? "is" : "are");
            break;
        }
        ++listed_files;
        out += fmt::format("\n### {} ({})\n\n", markdown_text(root_relative_path(file, root)),
                           count_of(file.findings.size(), "finding"));
        std::size_t listed = 0;
        for (const auto& finding : file.findings) {
            if (listed == summary_findings_per_file) {
                out += fmt::format("- and {} more\n", file.findings.size() - listed);
                break;
            }
            ++listed;
            const RuleInfo* rule = finding.info;
            out += fmt::format("- line {}, column {}: {} {}{}: {}\n", finding.pos.line, finding.pos.column,
                               severity_word(finding.severity), markdown_text(finding.rule),
                               rule ? " " + markdown_text(rule->name) : std::string(),
                               markdown_text(message_for_people(finding.message)));
        }
    }
    return out + "\n";
}

void append_github_summary(const std::vector<RecordFile>& files, const std::filesystem::path& root) {
    const char* target = std::getenv("GITHUB_STEP_SUMMARY");
    if (!target || !*target) return;
    // Appended, as GitHub expects of every step; never through a link at the
    // end of the path, never into a FIFO or device (O_NONBLOCK: opening a FIFO
    // cannot hang), and never created: the runner makes the file.
    const int fd = ::open(target, O_WRONLY | O_APPEND | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        fmt::print(stderr, "telework: warning: GITHUB_STEP_SUMMARY '{}': {}; no job summary written\n",
                   visible(target), std::strerror(errno));
        return;
    }
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        fmt::print(stderr, "telework: warning: GITHUB_STEP_SUMMARY '{}' is not a regular file; no job summary written\n",
                   visible(target));
        ::close(fd);
        return;
    }
    const std::string text = render_github_summary(files, root);
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t wrote = ::write(fd, text.data() + done, text.size() - done);
        if (wrote < 0 && errno == EINTR) continue;
        if (wrote <= 0) {
            fmt::print(stderr, "telework: warning: GITHUB_STEP_SUMMARY '{}': {}; the job summary is incomplete\n",
                       visible(target), std::strerror(errno));
            break;
        }
        done += static_cast<std::size_t>(wrote);
    }
    ::close(fd);
}

std::string render_github(const std::vector<RecordFile>& files, const std::filesystem::path& root) {
    std::string out;
    for (const auto& file : files) {
        // Annotations are placed by the path from the top of the checkout.
        const std::string path = escape_property(root_relative_path(file, root));
        for (const auto& finding : file.findings) {
            const RuleInfo* rule = finding.info;
            const std::string title = rule ? fmt::format("{} {}", rule->id, rule->name) : finding.rule;
            out += fmt::format("::{} file={},line={},col={},title={}::{}\n", command_for(finding.severity), path,
                               finding.pos.line, finding.pos.column, escape_property(title),
                               escape_data(message_for_people(finding.message)));
        }
    }
    return out;
}

} // namespace telework::cli
