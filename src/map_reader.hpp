#pragma once

#include "telework/agreement.hpp"
#include "telework/finding.hpp"
#include "telework/suggest.hpp"
#include "telework/yaml_node.hpp"

#include <fmt/format.h>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace telework::detail {

enum class Need { Optional, Required };

// Where a value lies in the record ("schedule.weeks[1].days"), spelt out only
// when a message names it: most records need no message, and building every
// name up front was a string per key decoded.
struct KeyPath {
    const KeyPath* parent = nullptr;
    std::string_view key;                // empty at the top level
    std::optional<std::size_t> index;    // an item of the list at `key`

    std::string str() const;
    bool top() const { return parent == nullptr && key.empty(); }
};

// Reads the keys of one YAML mapping into typed fields. Each call names a key
// the format knows; finish() reports every other key as unknown, with the
// closest known key as a suggestion. Problems are TW002 findings.
class MapReader {
public:
    // `path` is where this mapping lies (KeyPath{} for the top level; it
    // must outlive the reader); `owner_pos` is where findings about absent
    // keys point.
    MapReader(const YamlNode& mapping, const KeyPath& path, Position owner_pos, std::vector<Finding>& findings);
    MapReader(const YamlNode&, KeyPath&&, Position, std::vector<Finding>&) = delete; // it would dangle
    MapReader(const MapReader&) = delete;
    MapReader& operator=(const MapReader&) = delete;

    Field<std::string> string(std::string_view key, Need need = Need::Optional);
    Field<std::string> record_id(std::string_view key, Need need = Need::Optional);
    // A snake_case name, ^[a-z][a-z0-9_]*$; `example` shows one in messages.
    Field<std::string> snake_case(std::string_view key, std::string_view example, Need need = Need::Optional);
    Field<bool> boolean(std::string_view key, Need need = Need::Optional);
    Field<int> integer(std::string_view key, int min, int max, Need need = Need::Optional);
    Field<Date> date(std::string_view key, Need need = Need::Optional);
    Field<TimeOfDay> time(std::string_view key, Need need = Need::Optional);
    Field<std::vector<std::string>> strings(std::string_view key, Need need = Need::Optional);
    Field<std::vector<Weekday>> weekdays(std::string_view key, Need need = Need::Optional);
    Field<std::vector<Answer>> answers(std::string_view key, std::span<const std::string_view> questions);

    template <class E>
    Field<E> enumeration(std::string_view key, Need need = Need::Optional);

    // A string that must be one of `names` (the run's profile ids for `policy`).
    Field<std::string> one_of(std::string_view key, std::span<const std::string> names);

    // A nested mapping decoded by `decode(MapReader&) -> T`.
    template <class T, class Decode>
    Field<T> block(std::string_view key, Decode decode, Need need = Need::Optional);

    // A list of mappings, each decoded by `decode(MapReader&) -> T`.
    template <class T, class Decode>
    Field<std::vector<T>> block_list(std::string_view key, Decode decode, Need need = Need::Optional);

    // A list of exactly `length` mappings; `length_text` says it in messages
    // ("two weeks"), `item_noun` names one item ("week"). Another length is
    // a finding at the key, and the field is Invalid.
    template <class T, class Decode>
    Field<std::vector<T>> block_list(std::string_view key, Decode decode, std::size_t length,
                                     std::string_view length_text, std::string_view item_noun,
                                     Need need = Need::Optional);

    // Whether the mapping holds `key` (with any value, null included), and
    // where that key is. Neither marks the key as known.
    bool has(std::string_view key) const { return find(key) != nullptr; }
    std::optional<Position> key_pos(std::string_view key) const;
    // The dotted name of `key` in this mapping ("schedule.pay_period").
    std::string name_of(std::string_view key) const { return qualified(key); }
    // Where findings about this mapping's absent keys point.
    Position owner_pos() const { return owner_pos_; }
    // A TW002 finding that no single key's reader can judge (keys that
    // exclude each other).
    void report(Position pos, std::string message) { problem(pos, std::move(message)); }

    void finish();

private:
    // Finds the key and settles absent/null; returns the entry to decode, or null.
    template <class T>
    const YamlEntry* begin(std::string_view key, Need need, Field<T>& field);
    const YamlEntry* find(std::string_view key) const;
    template <class T, class Decode>
    Field<std::vector<T>> mapping_list(std::string_view key, Decode decode, Need need,
                                       const YamlEntry** entry_out);
    std::string qualified(std::string_view key) const { return at(key).str(); }
    KeyPath at(std::string_view key, std::optional<std::size_t> index = std::nullopt) const {
        return KeyPath{&path_, key, index};
    }
    void problem(Position pos, std::string message);
    template <class T>
    void reject(Field<T>& field, const YamlNode& node, std::string message);
    std::optional<std::string_view> scalar_text(const YamlNode& node) const;
    std::optional<std::string> string_value(const YamlNode& node, const KeyPath& name);
    template <class E>
    std::optional<E> enum_value(const YamlNode& node, const KeyPath& name);

    const YamlNode& mapping_;
    const KeyPath& path_;
    Position owner_pos_;
    std::vector<Finding>& findings_;
    std::vector<std::string_view> known_;
    std::vector<std::string_view> missing_; // required keys not given, reported by finish()
};

// How a YAML value reads in a message: `'yes'`, `the number 5`, `a list`.
std::string describe_value(const YamlNode& node);

template <class T>
const YamlEntry* MapReader::begin(std::string_view key, Need need, Field<T>& field) {
    known_.push_back(key);
    const YamlEntry* found = find(key);
    if (!found) {
        field.presence = Presence::Absent;
        field.pos = owner_pos_;
        if (need == Need::Required) {
            missing_.push_back(key);
            field.presence = Presence::Invalid;
        }
        return nullptr;
    }
    if (found->value.is_null()) {
        field.presence = Presence::Null;
        field.pos = found->key_pos;
        if (need == Need::Required) {
            problem(found->key_pos, fmt::format("'{}' is required and cannot be null", qualified(key)));
            field.presence = Presence::Invalid;
        }
        return nullptr;
    }
    field.pos = found->value.is_scalar() ? found->value.pos : found->key_pos;
    return found;
}

template <class T>
void MapReader::reject(Field<T>& field, const YamlNode& node, std::string message) {
    field.presence = Presence::Invalid;
    problem(node.pos, std::move(message));
}

template <class E>
std::optional<E> MapReader::enum_value(const YamlNode& node, const KeyPath& name) {
    const auto text = scalar_text(node);
    const auto& names = EnumNames<E>::names;
    if (text) {
        if (const auto value = parse_enum<E>(*text)) return value;
    }
    std::string message =
        fmt::format("'{}' must be one of {}; got {}", name.str(), join_names(names), describe_value(node));
    if (text) {
        if (const auto guess = closest_match(*text, names)) message += fmt::format(" (did you mean '{}'?)", *guess);
    }
    problem(node.pos, std::move(message));
    return std::nullopt;
}

template <class E>
Field<E> MapReader::enumeration(std::string_view key, Need need) {
    Field<E> field;
    const YamlEntry* entry = begin(key, need, field);
    if (!entry) return field;
    if (const auto value = enum_value<E>(entry->value, at(key))) {
        field.presence = Presence::Present;
        field.value = *value;
    } else {
        field.presence = Presence::Invalid;
    }
    return field;
}

template <class T, class Decode>
Field<T> MapReader::block(std::string_view key, Decode decode, Need need) {
    Field<T> field;
    const YamlEntry* entry = begin(key, need, field);
    if (!entry) return field;
    if (!entry->value.is_mapping()) {
        reject(field, entry->value, fmt::format("'{}' must be a mapping of keys; got {}", qualified(key),
                                                describe_value(entry->value)));
        return field;
    }
    const KeyPath inner_path = at(key);
    MapReader inner(entry->value, inner_path, entry->key_pos, findings_);
    field.value = decode(inner);
    inner.finish();
    field.presence = Presence::Present;
    return field;
}

template <class T, class Decode>
Field<std::vector<T>> MapReader::block_list(std::string_view key, Decode decode, Need need) {
    return mapping_list<T>(key, decode, need, nullptr);
}

template <class T, class Decode>
Field<std::vector<T>> MapReader::block_list(std::string_view key, Decode decode, std::size_t length,
                                            std::string_view length_text, std::string_view item_noun, Need need) {
    const YamlEntry* entry = nullptr;
    Field<std::vector<T>> field = mapping_list<T>(key, decode, need, &entry);
    if (!entry || !entry->value.is_sequence()) return field;
    const std::size_t given = entry->value.items.size();
    if (given == length) return field;
    field.presence = Presence::Invalid;
    const std::string got = given == 0 ? std::string("an empty list")
                                       : fmt::format("{} {}{}", given, item_noun, given == 1 ? "" : "s");
    problem(entry->key_pos, fmt::format("'{}' must list exactly {}; got {}", qualified(key), length_text, got));
    return field;
}

// `entry_out`, when given, receives the key's entry (null when absent or null).
template <class T, class Decode>
Field<std::vector<T>> MapReader::mapping_list(std::string_view key, Decode decode, Need need,
                                              const YamlEntry** entry_out) {
    Field<std::vector<T>> field;
    const YamlEntry* entry = begin(key, need, field);
    if (entry_out) *entry_out = entry;
    if (!entry) return field;
    if (!entry->value.is_sequence()) {
        reject(field, entry->value,
               fmt::format("'{}' must be a list; got {}", qualified(key), describe_value(entry->value)));
        return field;
    }
    field.presence = Presence::Present;
    for (std::size_t i = 0; i < entry->value.items.size(); ++i) {
        const YamlNode& item = entry->value.items[i];
        const KeyPath item_path = at(key, i);
        if (!item.is_mapping()) {
            problem(item.pos,
                    fmt::format("'{}' must be a mapping of keys; got {}", item_path.str(), describe_value(item)));
            field.presence = Presence::Invalid;
            continue;
        }
        MapReader inner(item, item_path, item.pos, findings_);
        field.value.push_back(decode(inner));
        inner.finish();
    }
    return field;
}

} // namespace telework::detail
