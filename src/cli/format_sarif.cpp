#include "validate_formats.hpp"

#include "json.hpp"

#include "telework/catalog.hpp"
#include "telework/changes.hpp"
#include "telework/version.hpp"

#include <fmt/format.h>

namespace telework::cli {

namespace {

// The project's public home page, for `tool.driver.informationUri`; the
// field is left out while there is none (SARIF makes it optional).
constexpr std::string_view information_uri = "";

constexpr std::string_view root_base_id = "%SRCROOT%";

std::string_view sarif_level(Severity severity) {
    switch (severity) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "note";
    }
    return "none";
}

std::string_view rule_set_name(RuleSet set) {
    switch (set) {
    case RuleSet::Structure: return "structure";
    case RuleSet::Opm: return "opm";
    case RuleSet::CtGl32: return "ct-gl32";
    }
    return "";
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

json::Value rule_descriptor(const RuleInfo& rule) {
    return json::Value::object()
        .set("id", rule.id)
        .set("name", rule.name)
        .set("shortDescription", json::Value::object().set("text", rule.summary))
        .set("fullDescription", json::Value::object().set("text", rule.description))
        .set("help", json::Value::object().set("text", fmt::format("{}: \"{}\"", rule.citation, rule.quote)))
        .set("defaultConfiguration", json::Value::object().set("level", sarif_level(rule.severity)))
        .set("properties", json::Value::object()
                               .set("citation", rule.citation)
                               .set("source", rule.source)
                               .set("ruleSet", rule_set_name(rule.set))
                               .set("tags", json::Value::array().push("telework").push(rule_set_name(rule.set))));
}

json::Value artifact_location(const RecordFile& file, const std::filesystem::path& root) {
    if (const auto relative = relative_to_root(file.path, root)) {
        return json::Value::object().set("uri", encode_uri_path(*relative)).set("uriBaseId", root_base_id);
    }
    std::error_code error;
    const auto absolute = std::filesystem::absolute(file.path, error).lexically_normal().generic_string();
    return json::Value::object().set("uri", "file://" + encode_uri_path(absolute));
}

} // namespace

std::string root_relative_path(const RecordFile& file, const std::filesystem::path& root) {
    return relative_to_root(file.path, root).value_or(file.display_path);
}

std::string render_sarif(const std::vector<RecordFile>& files, const RunSettings& settings,
                         const std::vector<std::string>& read_errors, const std::filesystem::path& root) {
    auto rules = json::Value::array();
    const auto catalog = rule_catalog();
    for (const RuleInfo& rule : catalog) rules.push(rule_descriptor(rule));

    auto results = json::Value::array();
    for (const auto& file : files) {
        for (const auto& finding : file.findings) {
            auto result = json::Value::object().set("ruleId", finding.rule);
            for (std::size_t i = 0; i < catalog.size(); ++i) {
                if (catalog[i].id == finding.rule) result.set("ruleIndex", i);
            }
            const auto region = json::Value::object()
                                    .set("startLine", finding.pos.line)
                                    .set("startColumn", finding.pos.column);
            result.set("level", sarif_level(finding.severity))
                .set("message", json::Value::object().set("text", finding.message))
                .set("locations", json::Value::array().push(json::Value::object().set(
                                      "physicalLocation", json::Value::object()
                                                              .set("artifactLocation", artifact_location(file, root))
                                                              .set("region", region))));
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
    if (!information_uri.empty()) driver.set("informationUri", information_uri);
    driver.set("rules", std::move(rules));

    // The root's absolute path is left out: it differs on every machine, and
    // code-scanning services resolve %SRCROOT% to their own checkout.
    const auto base_ids = json::Value::object().set(
        std::string(root_base_id), json::Value::object().set(
                          "description", json::Value::object().set(
                                             "text", "The root of the repository checked: the git work tree, else "
                                                     "the directory telework ran in.")));
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
                                          .set("profile", to_string(settings.default_profile)));
    auto root_object = json::Value::object()
                           .set("$schema", "https://json.schemastore.org/sarif-2.1.0.json")
                           .set("version", "2.1.0")
                           .set("runs", json::Value::array().push(std::move(run)));
    return root_object.dump() + "\n";
}

} // namespace telework::cli
