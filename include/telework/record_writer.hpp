#pragma once

#include "telework/position.hpp"
#include "telework/yaml_node.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace telework {

struct DraftEntry;

// A record as telework writes it (`new`, `renew`): a tree of values in the
// order of the format page, each with an optional one-line comment.
struct DraftNode {
    enum class Kind { Null, Text, Token, Mapping, Sequence };

    Kind kind = Kind::Null;
    // Text is any string and is always written double-quoted and escaped;
    // Token is a plain scalar, used only when it matches is_plain_token()
    // (true, 5, 2026-03-01, home), so no value can change the structure.
    std::string text;
    std::vector<DraftEntry> entries; // Mapping
    std::vector<DraftNode> items;    // Sequence
    std::string comment;             // after the value; escaped and kept on one line when written

    static DraftNode null(std::string comment = {});
    static DraftNode string(std::string text);
    // A plain scalar; text that is not a plain token is written as a string.
    static DraftNode token(std::string text);
    static DraftNode mapping();
    static DraftNode sequence();

    // The entry of a mapping, or null.
    DraftNode* find(std::string_view key);
    const DraftNode* find(std::string_view key) const;
    // Sets `key` (adding it when absent, in format-page order on writing).
    DraftNode& set(std::string_view key, DraftNode value);
    // Finds a dotted path ("employee.name"); null when any step is missing.
    DraftNode* at(std::string_view path);
    bool erase(std::string_view key);
};

struct DraftEntry {
    std::string key;
    DraftNode value;
};

// Whether text can be written as a plain YAML scalar that every YAML reader
// reads back as the same text: true, false, a whole number, a date
// YYYY-MM-DD, an agreement id or a snake_case word (enumerations, weekdays,
// roles).
bool is_plain_token(std::string_view text);

// ^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$, the format page's agreement id.
bool is_agreement_id(std::string_view text);

// A YAML double-quoted scalar holding exactly `text` (valid UTF-8): quotes,
// backslashes, control characters, DEL, C1 controls, line and paragraph
// separators and the byte-order mark are escaped.
std::string quote_yaml(std::string_view text);

// The tree of a parsed record: quoted scalars stay strings, plain ones stay
// plain only when they are plain tokens.
DraftNode draft_from_yaml(const YamlNode& node);

// Sorts every mapping's keys into the order of the format page (keys it does
// not know keep their order, after the known ones).
void order_keys(DraftNode& root);

// Where a written value is: its dotted path ("equipment[0].item"), the
// position of its key (of the "- " for a list item) and of its value.
struct WrittenPosition {
    std::string path;
    Position key;
    Position value;
};

struct WrittenRecord {
    std::string text;
    std::vector<WrittenPosition> positions;
};

// The record as YAML in block style: first the `# yaml-language-server`
// modeline naming `schema_path`, then `root` (a mapping). Comments are
// escaped with visible() so they stay on their line.
WrittenRecord write_record(const DraftNode& root, std::string_view schema_path);

} // namespace telework
