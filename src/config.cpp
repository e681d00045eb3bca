#include "telework/config.hpp"

#include "toml_reading.hpp"

#include "telework/file_access.hpp"
#include "telework/suggest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace telework {

std::filesystem::path Config::base_dir() const {
    return file ? file->parent_path() : std::filesystem::current_path();
}

std::string ConfigError::to_string() const { return fmt::format("{}:{}:{}: {}", file, line, column, message); }

namespace {

using namespace toml_reading;

const toml::table& as_table(const toml::key& key, const toml::node& node) {
    const auto* table = node.as_table();
    if (!table) fail_key(key, fmt::format("'{}' must be a table ([{}])", key.str(), key.str()));
    return *table;
}

// `check` is called with each string and its node.
template <class Check>
std::vector<std::string> string_list(const toml::key& key, const toml::node& node, Check check) {
    std::vector<std::string> out;
    if (const auto* single = node.as_string()) {
        check(single->get(), node);
        out.push_back(single->get());
        return out;
    }
    const auto* array = node.as_array();
    if (!array) fail(node, fmt::format("'{}' must be a list of paths or globs", key.str()));
    // Every file is matched against every glob: the list's length is capped
    // so that the cost stays linear in the files.
    constexpr std::size_t max_entries = 1000;
    if (array->size() > max_entries) {
        fail(node, fmt::format("'{}' holds {} entries; at most {} are allowed", key.str(), array->size(), max_entries));
    }
    for (const auto& item : *array) {
        const auto* text = item.as_string();
        if (!text) fail(item, fmt::format("'{}' must hold strings only", key.str()));
        check(text->get(), item);
        out.push_back(text->get());
    }
    return out;
}

// A path of telework.toml names a place in the configuration's own tree.
template <class Entry>
void check_inside_as(std::string_view key, const std::string& entry, const Entry& node) {
    if (entry.empty()) fail(node, fmt::format("an empty path in '{}'; name a directory, a file or a glob", key));
    const std::filesystem::path path(entry);
    if (path.is_absolute()) {
        fail(node, fmt::format("'{}' in '{}' is an absolute path; paths are relative to the directory of "
                               "telework.toml and stay inside it",
                               entry, key));
    }
    const std::filesystem::path normal = path.lexically_normal();
    if (!normal.empty() && *normal.begin() == "..") {
        fail(node, fmt::format("'{}' in '{}' leads out of the directory of telework.toml; paths stay inside it",
                               entry, key));
    }
}

void check_inside(const std::string& entry, const toml::node& node) { check_inside_as("agreements", entry, node); }

void check_profile_file(const std::string& entry, const toml::node& node) { check_inside_as("profiles", entry, node); }

void no_check(const std::string&, const toml::node&) {}

// A profile given by file rather than by id.
bool names_a_file(std::string_view profile) { return profile.ends_with(".toml") || profile.find('/') != std::string_view::npos; }

void read_telework(const toml::table& table, Config& config) {
    static constexpr std::array<std::string_view, 4> known = {"profile", "profiles", "agreements", "exclude"};
    for (const auto& [key_ptr, node_ptr] : in_file_order(table)) {
        const toml::key& key = *key_ptr;
        const toml::node& node = *node_ptr;
        if (key == "profile") {
            const auto* text = node.as_string();
            if (!text) fail(node, "unknown profile (not a string); name a profile id or a profile file");
            if (names_a_file(text->get())) check_inside_as("profile", text->get(), node);
            config.profile = text->get();
            config.profile_pos = position_of(node.source().begin);
        } else if (key == "profiles") {
            config.profiles = string_list(key, node, check_profile_file);
            const auto* array = node.as_array();
            for (std::size_t i = 0; i < config.profiles.size(); ++i) {
                config.profiles_pos.push_back(position_of((array ? (*array)[i] : node).source().begin));
            }
        } else if (key == "agreements") {
            config.agreements = string_list(key, node, check_inside);
        } else if (key == "exclude") {
            config.exclude = string_list(key, node, no_check);
        } else {
            unknown_key(key, "telework", known);
        }
    }
}

// [thresholds] and [rules] are kept as written: which names exist depends
// on the profiles, which are read after this file.
std::vector<ConfigSetting> read_settings(const toml::table& table) {
    std::vector<ConfigSetting> settings;
    for (const auto& [key_ptr, node_ptr] : in_file_order(table)) {
        ConfigSetting setting;
        setting.key = key_ptr->str();
        setting.key_pos = position_of(key_ptr->source().begin);
        setting.value_pos = position_of(node_ptr->source().begin);
        if (const auto* integer = node_ptr->as_integer()) setting.integer = integer->get();
        if (const auto* floating = node_ptr->as_floating_point()) setting.number = floating->get();
        if (setting.integer) setting.number = static_cast<double>(*setting.integer);
        if (const auto* text = node_ptr->as_string()) setting.text = text->get();
        settings.push_back(std::move(setting));
    }
    return settings;
}

} // namespace

Expected<Config, ConfigError> parse_config(std::string_view text, const std::filesystem::path& file,
                                           const ConfigLimits& limits) {
    const std::string name = file.generic_string();
    Config config;
    std::error_code error;
    config.file = std::filesystem::absolute(file, error);
    auto problem = read_document(text, name, limits, [&](const toml::table& root) {
        static constexpr std::array<std::string_view, 3> known = {"telework", "thresholds", "rules"};
        for (const auto& [key_ptr, node_ptr] : in_file_order(root)) {
            const toml::key& key = *key_ptr;
            const toml::node& node = *node_ptr;
            if (key == "telework") {
                read_telework(as_table(key, node), config);
            } else if (key == "thresholds") {
                config.thresholds = read_settings(as_table(key, node));
            } else if (key == "rules") {
                config.rules = read_settings(as_table(key, node));
            } else {
                unknown_key(key, "top level", known);
            }
        }
    });
    if (problem) return unexpected(std::move(*problem));
    return config;
}

Expected<Config, ConfigError> load_config(const std::filesystem::path& file) {
    const std::string name = file.generic_string();
    std::error_code error;
    const std::filesystem::path dir = std::filesystem::absolute(file, error).lexically_normal().parent_path();
    auto root = ReadRoot::open(read_root_of(dir));
    if (!root) return unexpected(ConfigError{name, 1, 1, fmt::format("cannot read the file: {}", root.error())});
    const ConfigLimits limits;
    auto read = read_beneath(*root, file, limits.max_bytes);
    if (!read) return unexpected(ConfigError{name, 1, 1, fmt::format("cannot read the file: {}", read.error())});
    if (read->over_limit) {
        return unexpected(ConfigError{name, 1, 1,
                                      fmt::format("the file is larger than the limit of {} bytes", limits.max_bytes)});
    }
    return parse_config(read->bytes, file, limits);
}

std::optional<std::filesystem::path> find_config(const std::filesystem::path& start) {
    std::error_code error;
    // Searched only where no link of the tree leads (a link may point at an
    // enclosing checkout's telework.toml).
    std::filesystem::path dir = unlinked_ancestor(start);
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
