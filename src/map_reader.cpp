#include "map_reader.hpp"

#include <algorithm>

namespace telework::detail {

namespace {

constexpr std::string_view yaml11_booleans[] = {"yes", "no", "on", "off", "y", "n"};

bool is_plain_boolean(const YamlNode& node) {
    return node.is_scalar() && !node.quoted && (node.text == "true" || node.text == "false");
}

bool is_plain_integer(const YamlNode& node) {
    if (!node.is_scalar() || node.quoted) return false;
    std::string_view text = node.text;
    if (!text.empty() && (text[0] == '-' || text[0] == '+')) text.remove_prefix(1);
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool looks_boolean(std::string_view text) {
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    return lower == "true" || lower == "false" ||
           std::find(std::begin(yaml11_booleans), std::end(yaml11_booleans), lower) != std::end(yaml11_booleans);
}

bool is_record_id(std::string_view id) {
    // ^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$
    auto upper_or_digit = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
    if (id.empty() || id[0] < 'A' || id[0] > 'Z') return false;
    std::size_t i = 1;
    while (i < id.size() && upper_or_digit(id[i])) ++i;
    int groups = 0;
    while (i < id.size()) {
        if (id[i] != '-') return false;
        const std::size_t start = ++i;
        while (i < id.size() && upper_or_digit(id[i])) ++i;
        if (i == start) return false;
        ++groups;
    }
    return groups > 0;
}

bool is_snake_case(std::string_view name) {
    // ^[a-z][a-z0-9_]*$
    if (name.empty() || name[0] < 'a' || name[0] > 'z') return false;
    return std::all_of(name.begin(), name.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

// "Assistant Commissioner" -> "assistant_commissioner": ASCII letters
// lowered, every other run of characters one '_'; none for text beyond
// ASCII or when the result is no snake_case name.
std::optional<std::string> to_snake_case(std::string_view text) {
    if (std::any_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; })) {
        return std::nullopt;
    }
    std::string out;
    bool gap = false;
    for (const char c : text) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum) {
            gap = true;
            continue;
        }
        if (gap && !out.empty()) out += '_';
        gap = false;
        out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    if (!is_snake_case(out)) return std::nullopt;
    return out;
}

std::optional<TimeOfDay> parse_time(std::string_view text) {
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    if (text.size() != 5 || text[2] != ':' || !digit(text[0]) || !digit(text[1]) || !digit(text[3]) ||
        !digit(text[4])) {
        return std::nullopt;
    }
    const int hours = (text[0] - '0') * 10 + (text[1] - '0');
    const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
    if (hours > 23 || minutes > 59) return std::nullopt;
    return TimeOfDay{hours * 60 + minutes};
}

} // namespace

std::string describe_value(const YamlNode& node) {
    switch (node.kind) {
    case YamlNode::Kind::Null: return "null";
    case YamlNode::Kind::Sequence: return "a list";
    case YamlNode::Kind::Mapping: return "a mapping";
    case YamlNode::Kind::Scalar: break;
    }
    if (node.quoted) return fmt::format("the string \"{}\"", node.text);
    if (is_plain_boolean(node)) return node.text;
    if (is_plain_integer(node)) return fmt::format("the number {}", node.text);
    return fmt::format("'{}'", node.text);
}

std::string KeyPath::str() const {
    std::string out = parent && !parent->top() ? parent->str() + "." : std::string();
    out += key;
    if (index) out += fmt::format("[{}]", *index);
    return out;
}

// A mapping in a record seldom has more keys than this; reserving them saves
// growing the list key by key.
constexpr std::size_t usual_keys = 16;

MapReader::MapReader(const YamlNode& mapping, const KeyPath& path, Position owner_pos, std::vector<Finding>& findings)
    : mapping_(mapping), path_(path), owner_pos_(owner_pos), findings_(findings) {
    known_.reserve(usual_keys);
}

const YamlEntry* MapReader::find(std::string_view key) const {
    for (const auto& entry : mapping_.entries) {
        if (entry.key == key) return &entry;
    }
    return nullptr;
}

std::optional<Position> MapReader::key_pos(std::string_view key) const {
    if (const YamlEntry* entry = find(key)) return entry->key_pos;
    return std::nullopt;
}

void MapReader::problem(Position pos, std::string message) {
    findings_.push_back(Finding{"TW002", Severity::Error, pos, std::move(message)});
}

std::optional<std::string_view> MapReader::scalar_text(const YamlNode& node) const {
    if (!node.is_scalar()) return std::nullopt;
    return node.text;
}

std::optional<std::string> MapReader::string_value(const YamlNode& node, const KeyPath& name) {
    if (!node.is_scalar()) {
        problem(node.pos, fmt::format("'{}' must be a string; got {}", name.str(), describe_value(node)));
        return std::nullopt;
    }
    if (is_plain_boolean(node) || is_plain_integer(node)) {
        problem(node.pos, fmt::format("'{}' must be a string; got {}; quote it: \"{}\"", name.str(),
                                      describe_value(node), node.text));
        return std::nullopt;
    }
    return node.text;
}

Field<std::string> MapReader::string(std::string_view key, Need need) {
    Field<std::string> field;
    const YamlEntry* entry = begin(key, need, field);
    if (!entry) return field;
    auto value = string_value(entry->value, at(key));
    if (!value) {
        field.presence = Presence::Invalid;
    } else if (need == Need::Required && value->empty()) {
        reject(field, entry->value, fmt::format("'{}' is required and cannot be empty", qualified(key)));
    } else {
        field.presence = Presence::Present;
        field.value = std::move(*value);
    }
    return field;
}

Field<std::string> MapReader::record_id(std::string_view key, Need need) {
    Field<std::string> field = string(key, need);
    if (field.present() && !is_record_id(field.value)) {
        field.presence = Presence::Invalid;
        problem(field.pos, fmt::format("'{}' must be an agreement ID such as TW-2026-0142 (capital letters and digits in "
                                       "groups joined by '-'); got '{}'",
                                       qualified(key), field.value));
    }
    return field;
}

Field<std::string> MapReader::snake_case(std::string_view key, std::string_view example, Need need) {
    Field<std::string> field = string(key, need);
    if (field.present() && !is_snake_case(field.value)) {
        field.presence = Presence::Invalid;
        std::string message = fmt::format("'{}' must be snake_case (lowercase letters, digits and '_', starting with "
                                          "a letter) such as {}; got '{}'",
                                          qualified(key), example, field.value);
        if (const auto guess = to_snake_case(field.value)) message += fmt::format(" (did you mean '{}'?)", *guess);
        problem(field.pos, std::move(message));
    }
    return field;
}

Field<bool> MapReader::boolean(std::string_view key, Need need) {
    Field<bool> field;
    const YamlEntry* entry = begin(key, need, field);
    if (!entry) return field;
    const YamlNode& node = entry->value;
    if (is_plain_boolean(node)) {
        field.presence = Presence::Present;
        field.value = node.text == "true";
    } else if (node.is_scalar() && node.quoted && looks_boolean(node.text)) {
        reject(field, node, fmt::format("'{}' must be true or false; got {}: write it without quotes", qualified(key),
                                        describe_value(node)));
    } else if (node.is_scalar() && looks_boolean(node.text)) {
        reject(field, node,
               fmt::format("'{}' must be true or false; got {}: write true or false (YAML 1.1 and 1.2 tools read "
                           "'{}' differently)",
                           qualified(key), describe_value(node), node.text));
    } else {
        reject(field, node, fmt::format("'{}' must be true or false; got {}", qualified(key), describe_value(node)));
    }
    return field;
}

Field<int> MapReader::integer(std::string_view key, int min, int max, Need need) {
    Field<int> field;
    const YamlEntry* entry = begin(key, need, field);
    if (!entry) return field;
    const YamlNode& node = entry->value;
    if (is_plain_integer(node) && node.text.size() <= 9) {
        const int value = std::stoi(node.text);
        if (value >= min && value <= max) {
            field.presence = Presence::Present;
            field.value = value;
            return field;
        }
    }
    const std::string range = min == max ? fmt::format("{}", min) : fmt::format("an integer from {} to {}", min, max);
    reject(field, node, fmt::format("'{}' must be {}; got {}", qualified(key), range, describe_value(node)));
    return field;
}

Field<Date> MapReader::date(std::string_view key, Need need) {
    Field<Date> field;
    const YamlEntry* entry = begin(key, need, field);
    if (!entry) return field;
    const YamlNode& node = entry->value;
    if (node.is_scalar()) {
        if (const auto date = Date::parse(node.text)) {
            field.presence = Presence::Present;
            field.value = *date;
            return field;
        }
    }
    reject(field, node,
           fmt::format("'{}' must be a date YYYY-MM-DD that exists in the calendar; got {}", qualified(key),
                       describe_value(node)));
    return field;
}

Field<TimeOfDay> MapReader::time(std::string_view key, Need need) {
    Field<TimeOfDay> field;
    const YamlEntry* entry = begin(key, need, field);
    if (!entry) return field;
    const YamlNode& node = entry->value;
    if (node.is_scalar()) {
        if (const auto time = parse_time(node.text)) {
            field.presence = Presence::Present;
            field.value = *time;
            return field;
        }
    }
    reject(field, node,
           fmt::format("'{}' must be a time \"HH:MM\" (24-hour); got {}", qualified(key), describe_value(node)));
    return field;
}

Field<std::vector<std::string>> MapReader::strings(std::string_view key, Need need) {
    Field<std::vector<std::string>> field;
    const YamlEntry* entry = begin(key, need, field);
    if (!entry) return field;
    if (!entry->value.is_sequence()) {
        reject(field, entry->value,
               fmt::format("'{}' must be a list of strings; got {}", qualified(key), describe_value(entry->value)));
        return field;
    }
    field.presence = Presence::Present;
    for (std::size_t i = 0; i < entry->value.items.size(); ++i) {
        auto value = string_value(entry->value.items[i], at(key, i));
        if (value) {
            field.value.push_back(std::move(*value));
        } else {
            field.presence = Presence::Invalid;
        }
    }
    return field;
}

Field<std::vector<Weekday>> MapReader::weekdays(std::string_view key, Need need) {
    Field<std::vector<Weekday>> field;
    const YamlEntry* entry = begin(key, need, field);
    if (!entry) return field;
    if (!entry->value.is_sequence()) {
        reject(field, entry->value,
               fmt::format("'{}' must be a list of days (mon..sun); got {}", qualified(key),
                           describe_value(entry->value)));
        return field;
    }
    field.presence = Presence::Present;
    for (std::size_t i = 0; i < entry->value.items.size(); ++i) {
        const YamlNode& item = entry->value.items[i];
        const auto day = enum_value<Weekday>(item, at(key, i));
        if (!day) {
            field.presence = Presence::Invalid;
        } else if (std::find(field.value.begin(), field.value.end(), *day) != field.value.end()) {
            problem(item.pos, fmt::format("'{}' lists '{}' twice", qualified(key), to_string(*day)));
            field.presence = Presence::Invalid;
        } else {
            field.value.push_back(*day);
        }
    }
    return field;
}

Field<std::vector<Answer>> MapReader::answers(std::string_view key, std::span<const std::string_view> questions) {
    Field<std::vector<Answer>> field;
    const YamlEntry* entry = begin(key, Need::Optional, field);
    if (!entry) return field;
    if (!entry->value.is_mapping()) {
        reject(field, entry->value,
               fmt::format("'{}' must be a mapping of questions to true/false/null; got {}", qualified(key),
                           describe_value(entry->value)));
        return field;
    }
    field.presence = Presence::Present;
    const KeyPath inner_path = at(key);
    MapReader inner(entry->value, inner_path, entry->key_pos, findings_);
    for (const auto question : questions) field.value.push_back(Answer{question, inner.boolean(question)});
    inner.finish();
    return field;
}

void MapReader::finish() {
    std::vector<std::string_view> misspelt; // missing keys an unknown key was probably meant as
    for (const auto& entry : mapping_.entries) {
        if (std::find(known_.begin(), known_.end(), entry.key) != known_.end()) continue;
        std::string message = path_.top() ? fmt::format("unknown key '{}'", entry.key)
                                          : fmt::format("unknown key '{}' in '{}'", entry.key, path_.str());
        if (const auto guess = closest_match(entry.key, known_)) {
            message += fmt::format(" (did you mean '{}'?)", *guess);
            misspelt.push_back(*std::find(known_.begin(), known_.end(), *guess));
        } else {
            message += fmt::format("; expected one of {}", join_names(known_));
        }
        problem(entry.key_pos, std::move(message));
    }
    for (const auto key : missing_) {
        if (std::find(misspelt.begin(), misspelt.end(), key) != misspelt.end()) continue;
        problem(owner_pos_, fmt::format("missing required key '{}'", qualified(key)));
    }
}

Field<std::string> MapReader::one_of(std::string_view key, std::span<const std::string> names) {
    Field<std::string> field;
    const YamlEntry* entry = begin(key, Need::Optional, field);
    if (!entry) return field;
    const auto text = scalar_text(entry->value);
    if (text && std::find(names.begin(), names.end(), *text) != names.end()) {
        field.presence = Presence::Present;
        field.value = std::string(*text);
        return field;
    }
    const std::vector<std::string_view> views(names.begin(), names.end());
    std::string message =
        fmt::format("'{}' must be one of {}; got {}", qualified(key), join_names(views), describe_value(entry->value));
    if (text) {
        if (const auto guess = closest_match(*text, views)) message += fmt::format(" (did you mean '{}'?)", *guess);
    }
    problem(entry->value.pos, std::move(message));
    field.presence = Presence::Invalid;
    return field;
}

} // namespace telework::detail
