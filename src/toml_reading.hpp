#pragma once

#include "telework/catalog.hpp"
#include "telework/config.hpp"

#include "toml_headers.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// Reading a TOML file a person wrote (telework.toml, a profile): the limits
// checked before toml++ sees the text, errors in our words with the file,
// line and column, and the helpers both readers use.
namespace telework::toml_reading {

// Thrown by the readers of one file and turned into a ConfigError by read_document.
struct TomlProblem {
    toml::source_position where;
    std::string message;
};

[[noreturn]] void fail(const toml::node& node, std::string message);
[[noreturn]] void fail_key(const toml::key& key, std::string message);

// "unknown key 'x' in [table] (did you mean 'y'?)", else the known keys.
[[noreturn]] void unknown_key(const toml::key& key, std::string_view table, std::span<const std::string_view> known);

// A table's entries in file order: toml++ keeps them sorted by key, and the
// first problem reported should be the first one in the file.
std::vector<std::pair<const toml::key*, const toml::node*>> in_file_order(const toml::table& table);

Position position_of(const toml::source_position& where);

// A non-empty list of record statuses ("approved", ...) as the set they name;
// `usage` is the message for anything but such a list.
StatusSet read_statuses(const toml::node& node, std::string_view key, std::string_view usage);

ConfigError to_error(const std::string& name, const toml::source_position& where, std::string message);

// Checks the limits, parses `text` and hands the document to `read`, which
// throws TomlProblem; every failure comes back as a ConfigError.
template <class Read>
std::optional<ConfigError> read_document(std::string_view text, const std::string& name, const ConfigLimits& limits,
                                         Read read);

// The parts of read_document that do not depend on `read`.
std::optional<ConfigError> check_text(std::string_view text, const std::string& name, const ConfigLimits& limits);
ConfigError parse_error(std::string_view text, const std::string& name, const toml::parse_error& error);

template <class Read>
std::optional<ConfigError> read_document(std::string_view text, const std::string& name, const ConfigLimits& limits,
                                         Read read) {
    if (auto problem = check_text(text, name, limits)) return problem;
    try {
        const toml::table root = toml::parse(text, name);
        read(root);
    } catch (const toml::parse_error& error) {
        return parse_error(text, name, error);
    } catch (const TomlProblem& problem) {
        return to_error(name, problem.where, problem.message);
    }
    return std::nullopt;
}

} // namespace telework::toml_reading
