#include "telework/config.hpp"

#include "telework/catalog.hpp"
#include "telework/file_access.hpp"
#include "telework/suggest.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
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

// An agreements entry names a place in the configuration's own tree.
void check_inside(const std::string& entry, const toml::node& node) {
    if (entry.empty()) fail(node, "an empty path in 'agreements'; name a directory, a file or a glob");
    const std::filesystem::path path(entry);
    if (path.is_absolute()) {
        fail(node, fmt::format("'{}' in 'agreements' is an absolute path; paths are relative to the directory of "
                               "telework.toml and stay inside it",
                               entry));
    }
    const std::filesystem::path normal = path.lexically_normal();
    if (!normal.empty() && *normal.begin() == "..") {
        fail(node, fmt::format("'{}' in 'agreements' leads out of the directory of telework.toml; paths stay inside it",
                               entry));
    }
}

void no_check(const std::string&, const toml::node&) {}

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
            config.agreements = string_list(key, node, check_inside);
        } else if (key == "exclude") {
            config.exclude = string_list(key, node, no_check);
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
        auto need = [&](bool ok, std::string_view what) {
            if (!ok) fail(node, fmt::format("threshold '{}' must be {}", key.str(), what));
        };
        if (key == "max_telework_share") {
            const auto number = node.value<double>();
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
        // Read as an integer: converting a large one to double may fail (an
        // empty optional) or round.
        const auto* integer = node.as_integer();
        const std::int64_t value = integer ? integer->get() : -1;
        need(integer && value >= 0 && value <= 3660, "a whole number from 0 to 3660");
        *target = static_cast<int>(value);
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
            static constexpr std::array<std::string_view, 4> levels = {"error", "warning", "info", "off"};
            std::string message = fmt::format("unknown severity for {}; expected \"error\", \"warning\", \"info\" or \"off\"",
                                              rule->id);
            if (const auto guess = text ? closest_match(text->get(), levels) : std::nullopt) {
                message += fmt::format(" (did you mean \"{}\"?)", *guess);
            }
            fail(node, std::move(message));
        }
    }
}

// A multi-line string ends at a run of three to five quotes: up to two of
// them belong to the string ("""a"""" holds a").
std::size_t closing_quotes(std::string_view rest, char quote) {
    std::size_t run = 0;
    while (run < rest.size() && run < 5 && rest[run] == quote) ++run;
    return run;
}

// Where the shape of the text would make toml++ recurse deeply: brackets
// and braces open at once, and dotted keys, counted outside strings and
// comments. nullopt when within the limits.
std::optional<ConfigProblem> check_shape(std::string_view text, const ConfigLimits& limits) {
    enum class In { Code, Comment, Basic, Literal, MultiBasic, MultiLiteral };
    constexpr std::string_view basic3 = R"(""")";
    constexpr std::string_view literal3 = "'''";
    In in = In::Code;
    toml::source_position at{1, 1};
    int depth = 0;
    int dots = 0;
    int dots_anywhere = 0;
    std::size_t i = 0;
    const auto skip = [&](std::size_t n) {
        // Multi-character tokens and escapes never hold a line break.
        i += n;
        at.column += static_cast<toml::source_index>(n);
    };
    while (i < text.size()) {
        const char c = text[i];
        const std::string_view rest = text.substr(i);
        switch (in) {
        case In::Code:
            if (c == '#') {
                in = In::Comment;
            } else if (rest.starts_with(basic3)) {
                in = In::MultiBasic;
                skip(2);
            } else if (rest.starts_with(literal3)) {
                in = In::MultiLiteral;
                skip(2);
            } else if (c == '"') {
                in = In::Basic;
            } else if (c == '\'') {
                in = In::Literal;
            } else if (c == '[' || c == '{') {
                if (++depth > limits.max_nesting) {
                    return ConfigProblem{at, fmt::format("more than {} nested arrays or tables", limits.max_nesting)};
                }
            } else if (c == ']' || c == '}') {
                depth = std::max(0, depth - 1);
            } else if (c == '.' && ++dots > limits.max_dotted_parts) {
                return ConfigProblem{at, fmt::format("more than {} dots in one line's keys and values",
                                                     limits.max_dotted_parts)};
            }
            break;
        case In::Comment:
            if (c == '\n') in = In::Code;
            break;
        case In::Basic:
            if (c == '\\' && i + 1 < text.size() && text[i + 1] != '\n') {
                skip(1);
            } else if (c == '"' || c == '\n') {
                in = In::Code;
            }
            break;
        case In::Literal:
            if (c == '\'' || c == '\n') in = In::Code;
            break;
        case In::MultiBasic:
            if (c == '\\' && i + 1 < text.size() && text[i + 1] != '\n') {
                skip(1);
            } else if (rest.starts_with(basic3)) {
                in = In::Code;
                skip(closing_quotes(rest, '"') - 1);
            }
            break;
        case In::MultiLiteral:
            if (rest.starts_with(literal3)) {
                in = In::Code;
                skip(closing_quotes(rest, '\'') - 1);
            }
            break;
        }
        if (text[i] == '.' && ++dots_anywhere > 128 * limits.max_dotted_parts) {
            // A second guard that no reading of strings can get round.
            return ConfigProblem{at, fmt::format("more than {} dots on one line", 128 * limits.max_dotted_parts)};
        }
        if (text[i] == '\n') {
            ++at.line;
            at.column = 1;
            dots = 0;
            dots_anywhere = 0;
        } else {
            ++at.column;
        }
        ++i;
    }
    return std::nullopt;
}

// toml++ describes what its parser expected next ("expected 'nan', saw
// 'ni'"); a person wrote a value. A bare word where a value goes is the
// usual mistake, so that case is said in our words; anything else is
// reported as invalid TOML with toml++'s description.
std::string explain_parse_error(std::string_view text, const toml::source_position& at, std::string_view description) {
    std::size_t start = 0;
    for (toml::source_index line = 1; line < at.line && start < text.size(); ++line) {
        const auto end = text.find('\n', start);
        start = end == std::string_view::npos ? text.size() : end + 1;
    }
    std::string_view line = text.substr(start, text.substr(start).find('\n'));
    const auto equals = line.find('=');
    if (equals != std::string_view::npos) {
        auto trim = [](std::string_view s) {
            while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
            while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
            return s;
        };
        const std::string_view key = trim(line.substr(0, equals));
        std::string_view value = trim(line.substr(equals + 1));
        value = trim(value.substr(0, value.find('#')));
        const bool bare_word = !value.empty() && std::isalpha(static_cast<unsigned char>(value.front())) &&
                               value.find_first_of("\"'[{") == std::string_view::npos;
        if (bare_word && !key.empty()) {
            return fmt::format("'{}' = {}: a value must be a number, true or false, a date, a list or a \"quoted "
                               "string\"",
                               key, value);
        }
    }
    return fmt::format("not valid TOML: {}", description);
}

ConfigError to_error(const std::string& name, const toml::source_position& where, std::string message) {
    return ConfigError{name, static_cast<int>(std::max<toml::source_index>(where.line, 1)),
                       static_cast<int>(std::max<toml::source_index>(where.column, 1)), std::move(message)};
}

} // namespace

Expected<Config, ConfigError> parse_config(std::string_view text, const std::filesystem::path& file,
                                           const ConfigLimits& limits) {
    const std::string name = file.generic_string();
    if (text.size() > limits.max_bytes) {
        return unexpected(ConfigError{name, 1, 1,
                                      fmt::format("the file is larger than the limit of {} bytes", limits.max_bytes)});
    }
    if (auto problem = check_shape(text, limits)) return unexpected(to_error(name, problem->where, problem->message));
    Config config;
    std::error_code error;
    config.file = std::filesystem::absolute(file, error);
    try {
        const toml::table root = toml::parse(text, name);
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
    } catch (const toml::parse_error& parse_error) {
        const auto& at = parse_error.source().begin;
        return unexpected(to_error(name, at, explain_parse_error(text, at, parse_error.description())));
    } catch (const ConfigProblem& problem) {
        return unexpected(to_error(name, problem.where, problem.message));
    }
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
