#pragma once

#include "telework/position.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace telework {

struct YamlEntry;

// A YAML node with the position of every key and value. Built from parser
// events so that anchors, aliases and tags are refused before any expansion.
struct YamlNode {
    enum class Kind { Null, Scalar, Sequence, Mapping };

    Kind kind = Kind::Null;
    Position pos;
    std::string text;            // scalars only
    bool quoted = false;         // scalars: quoted or block style, so always a string
    std::vector<YamlNode> items; // sequences
    std::vector<YamlEntry> entries; // mappings, in file order, first of any duplicates

    bool is_null() const { return kind == Kind::Null; }
    bool is_scalar() const { return kind == Kind::Scalar; }
    bool is_sequence() const { return kind == Kind::Sequence; }
    bool is_mapping() const { return kind == Kind::Mapping; }
    const YamlNode* find(std::string_view key) const;
};

struct YamlEntry {
    std::string key;
    Position key_pos;
    YamlNode value;
};

std::string_view describe_kind(const YamlNode& node);

} // namespace telework
