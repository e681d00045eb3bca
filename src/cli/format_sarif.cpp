#include "validate_formats.hpp"

#include "json.hpp"
#include "rule_entry.hpp"
#include "text_format.hpp"

#include "telework/catalog.hpp"
#include "telework/changes.hpp"
#include "telework/version.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <map>
#include <utility>

namespace telework::cli {

namespace {

// The project's home page, for `tool.driver.informationUri`; each rule's
// `helpUri` is this with the rule ID as fragment. The project has no public
// address yet, so this is a placeholder under the reserved .invalid domain
// (RFC 2606); a build sets the real one with
// -DTELEWORK_INFORMATION_URI='"https://…"' (an absolute URI, no fragment).
#ifndef TELEWORK_INFORMATION_URI
#define TELEWORK_INFORMATION_URI "https://telework.invalid/"
#endif
constexpr std::string_view information_uri = TELEWORK_INFORMATION_URI;

constexpr std::string_view root_base_id = "%SRCROOT%";

// The partialFingerprints key; its version changes when the recipe does.
constexpr std::string_view fingerprint_key = "teleworkFinding/v1";

// At most this many other holders of a duplicate id (TW004) are related locations.
constexpr std::size_t max_related = 10;

std::string_view sarif_level(Severity severity) {
    switch (severity) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "note";
    }
    return "none";
}

// The set a rule belongs to: "structure", or the profile that declares it.
std::string_view rule_set_name(const RuleInfo& rule) {
    return rule.structure() ? std::string_view("structure") : std::string_view(rule.profile);
}

// A URI path: everything but unreserved characters and '/' is
// percent-encoded, so spaces, commas and non-ASCII names stay valid.
std::string encode_uri_path(std::string_view path) {
    std::string out;
    for (const char c : path) {
        const auto byte = static_cast<unsigned char>(c);
        const bool plain = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') || (byte >= '0' && byte <= '9') ||
                           c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
        out += plain ? std::string(1, c) : fmt::format("%{:02X}", static_cast<unsigned>(byte));
    }
    return out;
}

json::Value rule_descriptor(const RuleInfo& rule, const ProfileSet& profiles) {
    return json::Value::object()
        .set("id", rule.id)
        .set("name", rule.name)
        .set("shortDescription", json::Value::object().set("text", rule.summary))
        .set("fullDescription", json::Value::object().set("text", rule.description))
        .set("helpUri", fmt::format("{}#{}", information_uri, rule.id))
        .set("help", json::Value::object().set("text", render_rule_entry(rule, profiles)))
        .set("defaultConfiguration", json::Value::object().set("level", sarif_level(rule.severity)))
        .set("properties", json::Value::object()
                               .set("citation", rule.citation)
                               .set("source", rule.source)
                               .set("ruleSet", rule_set_name(rule))
                               .set("tags", json::Value::array().push("telework").push(rule_set_name(rule))));
}

json::Value artifact_location(const std::filesystem::path& path, const std::filesystem::path& root) {
    if (const auto relative = relative_to_root(path, root)) {
        return json::Value::object().set("uri", encode_uri_path(*relative)).set("uriBaseId", root_base_id);
    }
    std::error_code error;
    const auto absolute = std::filesystem::absolute(path, error).lexically_normal().generic_string();
    return json::Value::object().set("uri", "file://" + encode_uri_path(absolute));
}

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U; }

// Where the token at `pos` ends: the column just past it (SARIF's endColumn
// is exclusive), on the same line. The token is the YAML key or scalar that
// starts there: a quoted scalar up to its closing quote; else plain text up
// to ": " (so a key ends before its colon), " #" (a comment), the end of the
// line, or, inside a flow collection, ',' ']' or '}'; trailing blanks are not
// part of it. A position past the line's end gives an empty region.
int end_column(const SourceText& source, Position pos) {
    const std::string_view line = source.line(pos.line);
    const auto at = source.offset_of(pos);
    if (at.past_end > 0 || at.byte >= line.size()) return pos.column;
    std::size_t end = at.byte;
    const char first = line[at.byte];
    if (first == '"' || first == '\'') {
        for (end = at.byte + 1; end < line.size(); ++end) {
            if (first == '"' && line[end] == '\\') {
                ++end;
            } else if (line[end] == first) {
                if (first == '\'' && end + 1 < line.size() && line[end + 1] == '\'') {
                    ++end;
                } else {
                    ++end;
                    break;
                }
            }
        }
        end = std::min(end, line.size());
    } else {
        const bool flow = line.substr(0, at.byte).find_first_of("[{") != std::string_view::npos;
        for (; end < line.size(); ++end) {
            const char c = line[end];
            const bool blank_next = end + 1 == line.size() || line[end + 1] == ' ' || line[end + 1] == '\t';
            if (c == ':' && blank_next && end > at.byte) break;
            if (c == '#' && end > at.byte && (line[end - 1] == ' ' || line[end - 1] == '\t')) break;
            if (flow && end > at.byte && (c == ',' || c == ']' || c == '}')) break;
        }
        while (end > at.byte + 1 && (line[end - 1] == ' ' || line[end - 1] == '\t')) --end;
    }
    if (end == at.byte) ++end;
    while (end < line.size() && is_continuation(line[end])) ++end;
    int columns = 0;
    for (std::size_t i = at.byte; i < end; ++i) columns += is_continuation(line[i]) ? 0 : 1;
    return pos.column + columns;
}

json::Value region_at(const SourceText& source, Position pos) {
    return json::Value::object()
        .set("startLine", pos.line)
        .set("startColumn", pos.column)
        .set("endLine", pos.line)
        .set("endColumn", end_column(source, pos));
}

// The message with "line N" and "column N" made "line #": a finding moved by
// an edit above it keeps its fingerprint.
std::string without_line_numbers(std::string_view message) {
    std::string out;
    std::size_t i = 0;
    while (i < message.size()) {
        bool replaced = false;
        for (const std::string_view word : {std::string_view("line "), std::string_view("column ")}) {
            if (message.substr(i, word.size()) == word && i + word.size() < message.size() &&
                message[i + word.size()] >= '0' && message[i + word.size()] <= '9') {
                out += word;
                out += '#';
                i += word.size();
                while (i < message.size() && message[i] >= '0' && message[i] <= '9') ++i;
                replaced = true;
                break;
            }
        }
        if (!replaced) out += message[i++];
    }
    return out;
}

// 128 bits of two FNV-1a 64 hashes, as 32 hex digits: stable across runs,
// platforms and versions (std::hash is none of these).
std::string fingerprint_of(std::string_view text) {
    std::uint64_t a = 0xcbf29ce484222325ULL;
    std::uint64_t b = 0x84222325cbf29ce4ULL;
    for (const char c : text) {
        a = (a ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
        b = (b ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
        b ^= b >> 29U;
    }
    return fmt::format("{:016x}{:016x}", a, b);
}

// A duplicate id's other holders (TW004): the run's other records with the
// same id, at their id, else (when --changed-since left them out of the run)
// the file the message names, without a region.
void add_related_locations(json::Value& result, const std::vector<RecordFile>& files, const RecordFile& file,
                           const Finding& finding, const std::filesystem::path& root) {
    if (finding.rule != "TW004" || !file.keys || !file.keys->id.present()) return;
    auto related = json::Value::array();
    const std::string& id = file.keys->id.value;
    const auto message = json::Value::object().set("text", fmt::format("also has the id '{}'", id));
    std::size_t count = 0;
    for (const auto& other : files) {
        if (&other == &file || !other.keys || !other.keys->id.present() || other.keys->id.value != id) {
            continue;
        }
        if (count == max_related) break;
        related.push(json::Value::object()
                         .set("id", count)
                         .set("physicalLocation",
                              json::Value::object()
                                  .set("artifactLocation", artifact_location(other.path, root))
                                  .set("region", region_at(*other.read_source(), other.keys->id.pos)))
                         .set("message", message));
        ++count;
    }
    if (count > 0) {
        result.set("relatedLocations", std::move(related));
        return;
    }
    const std::string prefix = fmt::format("id '{}' is also used by ", id);
    if (finding.message.rfind(prefix, 0) != 0) return;
    std::string named = finding.message.substr(prefix.size());
    if (const auto others = named.rfind(" other files"); others != std::string::npos && others + 12 == named.size()) {
        if (const auto and_at = named.rfind(" and ", others); and_at != std::string::npos) named.resize(and_at);
    }
    if (named.empty()) return;
    related.push(json::Value::object()
                     .set("id", 0)
                     .set("physicalLocation", json::Value::object().set("artifactLocation",
                                                                        artifact_location(named, root)))
                     .set("message", message));
    result.set("relatedLocations", std::move(related));
}

} // namespace

std::string root_relative_path(const RecordFile& file, const std::filesystem::path& root) {
    return relative_to_root(file.path, root).value_or(file.display_path);
}

std::string render_sarif(const std::vector<RecordFile>& files, const RunSettings& settings,
                         const std::vector<std::string>& read_errors, const std::filesystem::path& root) {
    auto rules = json::Value::array();
    const auto catalog = settings.profiles->all_rules();
    for (const RuleInfo* rule : catalog) rules.push(rule_descriptor(*rule, *settings.profiles));

    auto results = json::Value::array();
    for (const auto& file : files) {
        const std::string path = root_relative_path(file, root);
        // The same rule, file and message twice in one file are told apart by
        // their order, which a line moving does not change.
        std::map<std::string, int> seen;
        const auto source = file.findings.empty() ? nullptr : file.read_source();
        for (const auto& finding : file.findings) {
            auto result = json::Value::object().set("ruleId", finding.rule);
            for (std::size_t i = 0; i < catalog.size(); ++i) {
                if (catalog[i]->id == finding.rule) result.set("ruleIndex", i);
            }
            const std::string identity =
                fmt::format("{}\n{}\n{}", finding.rule, path, without_line_numbers(finding.message));
            const int occurrence = seen[identity]++;
            result.set("level", sarif_level(finding.severity))
                .set("message", json::Value::object().set("text", finding.message))
                .set("locations", json::Value::array().push(json::Value::object().set(
                                      "physicalLocation", json::Value::object()
                                                              .set("artifactLocation", artifact_location(file.path, root))
                                                              .set("region", region_at(*source, finding.pos)))));
            add_related_locations(result, files, file, finding, root);
            result.set("partialFingerprints",
                       json::Value::object().set(std::string(fingerprint_key),
                                                 fmt::format("{}:{}", fingerprint_of(identity), occurrence + 1)));
            results.push(std::move(result));
        }
    }

    // Inputs that could not be read are the run's own problems, not results.
    auto notifications = json::Value::array();
    for (const auto& error : read_errors) {
        notifications.push(json::Value::object().set("level", "error").set("message",
                                                                          json::Value::object().set("text", error)));
    }
    auto driver = json::Value::object().set("name", "telework").set("version", version);
    driver.set("informationUri", information_uri);
    driver.set("rules", std::move(rules));

    // The root's absolute path is left out: it differs on every machine, and
    // code-scanning services resolve %SRCROOT% to their own checkout.
    const auto base_ids = json::Value::object().set(
        std::string(root_base_id),
        json::Value::object().set(
            "description",
            json::Value::object().set("text", "The root of the repository checked: the git work tree holding the "
                                              "first PATH (else telework.toml's directory), not the directory "
                                              "telework ran in.")));
    auto run = json::Value::object()
                   .set("tool", json::Value::object().set("driver", std::move(driver)))
                   .set("invocations", json::Value::array().push(
                                           json::Value::object()
                                               .set("executionSuccessful", read_errors.empty())
                                               .set("toolExecutionNotifications", std::move(notifications))))
                   .set("originalUriBaseIds", base_ids)
                   .set("columnKind", "unicodeCodePoints")
                   .set("results", std::move(results))
                   .set("properties", json::Value::object()
                                          .set("asOf", settings.as_of.to_string())
                                          .set("profile", settings.default_profile));
    auto root_object = json::Value::object()
                           .set("$schema", "https://json.schemastore.org/sarif-2.1.0.json")
                           .set("version", "2.1.0")
                           .set("runs", json::Value::array().push(std::move(run)));
    return root_object.dump() + "\n";
}

} // namespace telework::cli
