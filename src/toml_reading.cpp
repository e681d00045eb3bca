#include "toml_reading.hpp"

#include "telework/suggest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace telework::toml_reading {

[[noreturn]] void fail(const toml::node& node, std::string message) {
    throw TomlProblem{node.source().begin, std::move(message)};
}

[[noreturn]] void fail_key(const toml::key& key, std::string message) {
    throw TomlProblem{key.source().begin, std::move(message)};
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

namespace {

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
std::optional<TomlProblem> check_shape(std::string_view text, const ConfigLimits& limits) {
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
                    return TomlProblem{at, fmt::format("more than {} nested arrays or tables", limits.max_nesting)};
                }
            } else if (c == ']' || c == '}') {
                depth = std::max(0, depth - 1);
            } else if (c == '.' && ++dots > limits.max_dotted_parts) {
                return TomlProblem{at, fmt::format("more than {} dots in one line's keys and values",
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
            return TomlProblem{at, fmt::format("more than {} dots on one line", 128 * limits.max_dotted_parts)};
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

} // namespace

ConfigError to_error(const std::string& name, const toml::source_position& where, std::string message) {
    return ConfigError{name, static_cast<int>(std::max<toml::source_index>(where.line, 1)),
                       static_cast<int>(std::max<toml::source_index>(where.column, 1)), std::move(message)};
}


StatusSet read_statuses(const toml::node& node, std::string_view key, std::string_view usage) {
    const auto* array = node.as_array();
    if (!array || array->empty() || array->size() > EnumNames<Status>::names.size()) fail(node, std::string(usage));
    StatusSet statuses;
    for (const auto& item : *array) {
        const auto* text = item.as_string();
        const auto status = text ? parse_enum<Status>(text->get()) : std::nullopt;
        if (!status) {
            std::string message =
                fmt::format("unknown status in '{}'; expected one of {}", key, join_names(EnumNames<Status>::names));
            if (const auto guess = text ? closest_match(text->get(), EnumNames<Status>::names) : std::nullopt) {
                message += fmt::format(" (did you mean '{}'?)", *guess);
            }
            fail(item, std::move(message));
        }
        statuses.add(*status);
    }
    return statuses;
}

Position position_of(const toml::source_position& where) {
    return Position{static_cast<int>(std::max<toml::source_index>(where.line, 1)),
                    static_cast<int>(std::max<toml::source_index>(where.column, 1))};
}

std::optional<ConfigError> check_text(std::string_view text, const std::string& name, const ConfigLimits& limits) {
    if (text.size() > limits.max_bytes) {
        return ConfigError{name, 1, 1, fmt::format("the file is larger than the limit of {} bytes", limits.max_bytes)};
    }
    if (auto problem = check_shape(text, limits)) return to_error(name, problem->where, problem->message);
    return std::nullopt;
}

ConfigError parse_error(std::string_view text, const std::string& name, const toml::parse_error& error) {
    const auto& at = error.source().begin;
    return to_error(name, at, explain_parse_error(text, at, error.description()));
}

} // namespace telework::toml_reading
