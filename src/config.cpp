#include "telework/config.hpp"

#include "telework/catalog.hpp"
#include "telework/suggest.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <array>

namespace telework {

std::filesystem::path Config::base_dir() const {
    return file ? file->parent_path() : std::filesystem::current_path();
}

std::string ConfigError::to_string() const { return fmt::format("{}:{}:{}: {}", file, line, column, message); }

namespace {

// Thrown inside this file only; load_config returns it as a value.
struct ConfigProblem {
    toml::source_position where;
    std::string message;
};

[[noreturn]] void fail(const toml::node& node, std::string message) {
    throw ConfigProblem{node.source().begin, std::move(message)};
}

[[noreturn]] void fail_key(const toml::key& key, std::string message) {
    throw ConfigProblem{key.source().begin, std::move(message)};
}

void unknown_key(const toml::key& key, std::string_view table, std::span<const std::string_view> known) {
    std::string message = fmt::format("unknown key '{}' in [{}]", key.str(), table);
    if (const auto guess = closest_match(key.str(), known)) {
        message += fmt::format(" (did you mean '{}'?)", *guess);
    } else {
        message += fmt::format("; expected one of {}", join_names(known));
    }
    fail_key(key, std::move(message));
}

// A table's entries in file order: toml++ keeps them sorted by key, and the
// first problem reported should be the first one in the file.
std::vector<std::pair<const toml::key*, const toml::node*>> in_file_order(const toml::table& table) {
    std::vector<std::pair<const toml::key*, const toml::node*>> entries;
    for (const auto& [key, node] : table) entries.emplace_back(&key, &node);
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
        const auto& x = a.first->source().begin;
        const auto& y = b.first->source().begin;
        return x.line != y.line ? x.line < y.line : x.column < y.column;
    });
    return entries;
}

const toml::table& as_table(const toml::key& key, const toml::node& node) {
    const auto* table = node.as_table();
    if (!table) fail_key(key, fmt::format("'{}' must be a table ([{}])", key.str(), key.str()));
    return *table;
}

std::vector<std::string> string_list(const toml::key& key, const toml::node& node) {
    std::vector<std::string> out;
    if (const auto* single = node.as_string()) {
        out.push_back(single->get());
        return out;
    }
    const auto* array = node.as_array();
    if (!array) fail(node, fmt::format("'{}' must be a list of paths or globs", key.str()));
    for (const auto& item : *array) {
        const auto* text = item.as_string();
        if (!text) fail(item, fmt::format("'{}' must hold strings only", key.str()));
        out.push_back(text->get());
    }
    return out;
}

void read_telework(const toml::table& table, Config& config) {
    static constexpr std::array<std::string_view, 3> known = {"profile", "agreements", "exclude"};
    for (const auto& [key_ptr, node_ptr] : in_file_order(table)) {
        const toml::key& key = *key_ptr;
        const toml::node& node = *node_ptr;
        if (key == "profile") {
            const auto* text = node.as_string();
            const auto profile = text ? parse_enum<ProfileId>(text->get()) : std::nullopt;
            if (!profile) {
                fail(node, fmt::format("unknown profile {}; expected one of {}",
                                       text ? fmt::format("'{}'", text->get()) : std::string("(not a string)"),
                                       join_names(EnumNames<ProfileId>::names)));
            }
            config.profile = profile;
        } else if (key == "agreements") {
            config.agreements = string_list(key, node);
        } else if (key == "exclude") {
            config.exclude = string_list(key, node);
        } else {
            unknown_key(key, "telework", known);
        }
    }
}

void read_thresholds(const toml::table& table, Thresholds& t) {
    std::vector<std::string_view> known;
    for (const auto& threshold : threshold_keys()) known.push_back(threshold.name);
    for (const auto& [key_ptr, node_ptr] : in_file_order(table)) {
        const toml::key& key = *key_ptr;
        const toml::node& node = *node_ptr;
        const auto number = node.value<double>();
        const bool integral = node.is_integer();
        auto need = [&](bool ok, std::string_view what) {
            if (!ok) fail(node, fmt::format("threshold '{}' must be {}", key.str(), what));
        };
        if (key == "max_telework_share") {
            need(number && *number > 0 && *number <= 1, "a number above 0 and at most 1 (0.5 = 50%)");
            t.max_telework_share = *number;
            continue;
        }
        int* target = key == "max_term_months"              ? &t.max_term_months
                      : key == "das_copy_days"              ? &t.das_copy_days
                      : key == "renewal_months"             ? &t.renewal_months
                      : key == "discipline_lookback_months" ? &t.discipline_lookback_months
                      : key == "renewal_window_days"        ? &t.renewal_window_days
                                                            : nullptr;
        if (!target) unknown_key(key, "thresholds", known);
        need(integral && *number >= 0 && *number <= 3660, "a whole number from 0 to 3660");
        *target = static_cast<int>(*number);
    }
}

void read_rules(const toml::table& table, SeverityOverrides& overrides) {
    std::vector<std::string_view> ids;
    for (const auto& rule : rule_catalog()) ids.push_back(rule.id);
    for (const auto& [key_ptr, node_ptr] : in_file_order(table)) {
        const toml::key& key = *key_ptr;
        const toml::node& node = *node_ptr;
        const RuleInfo* rule = find_rule(key.str());
        if (!rule) {
            std::string message = fmt::format("unknown rule '{}' in [rules]", key.str());
            if (const auto guess = closest_match(key.str(), ids)) message += fmt::format(" (did you mean '{}'?)", *guess);
            fail_key(key, std::move(message));
        }
        const auto* text = node.as_string();
        if (text && text->get() == "off") {
            overrides[std::string(rule->id)] = std::nullopt;
        } else if (const auto severity = text ? parse_severity(text->get()) : std::nullopt) {
            overrides[std::string(rule->id)] = severity;
        } else {
            fail(node, fmt::format("unknown severity for {}; expected \"error\", \"warning\", \"info\" or \"off\"",
                                   rule->id));
        }
    }
}

} // namespace

Expected<Config, ConfigError> load_config(const std::filesystem::path& file) {
    const std::string name = file.generic_string();
    Config config;
    config.file = std::filesystem::absolute(file);
    try {
        const toml::table root = toml::parse_file(file.string());
        static constexpr std::array<std::string_view, 3> known = {"telework", "thresholds", "rules"};
        for (const auto& [key_ptr, node_ptr] : in_file_order(root)) {
            const toml::key& key = *key_ptr;
            const toml::node& node = *node_ptr;
            if (key == "telework") {
                read_telework(as_table(key, node), config);
            } else if (key == "thresholds") {
                read_thresholds(as_table(key, node), config.thresholds);
            } else if (key == "rules") {
                read_rules(as_table(key, node), config.rules);
            } else {
                unknown_key(key, "top level", known);
            }
        }
    } catch (const toml::parse_error& error) {
        const auto& begin = error.source().begin;
        return unexpected(ConfigError{name, static_cast<int>(std::max<toml::source_index>(begin.line, 1)),
                                      static_cast<int>(std::max<toml::source_index>(begin.column, 1)),
                                      std::string(error.description())});
    } catch (const ConfigProblem& problem) {
        return unexpected(ConfigError{name, static_cast<int>(std::max<toml::source_index>(problem.where.line, 1)),
                                      static_cast<int>(std::max<toml::source_index>(problem.where.column, 1)),
                                      problem.message});
    }
    return config;
}

std::optional<std::filesystem::path> find_config(const std::filesystem::path& start) {
    std::error_code error;
    std::filesystem::path dir = std::filesystem::absolute(start, error);
    if (error) return std::nullopt;
    if (!std::filesystem::is_directory(dir, error)) dir = dir.parent_path();
    dir = dir.lexically_normal();
    while (true) {
        const auto candidate = dir / "telework.toml";
        if (std::filesystem::is_regular_file(candidate, error)) return candidate;
        if (std::filesystem::exists(dir / ".git", error) || dir == dir.root_path() || dir.parent_path() == dir) {
            return std::nullopt;
        }
        dir = dir.parent_path();
    }
}

} // namespace telework
