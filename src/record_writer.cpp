#include "telework/record_writer.hpp"

#include "telework/agreement.hpp"
#include "telework/source_text.hpp"
#include "telework/visible.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>

namespace telework {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }

} // namespace

bool is_agreement_id(std::string_view text) {
    if (text.empty() || !is_upper(text.front()) || text.back() == '-') return false;
    bool dash = false;
    char previous = ' ';
    for (const char c : text) {
        if (c == '-') {
            if (previous == '-') return false;
            dash = true;
        } else if (!is_upper(c) && !is_digit(c)) {
            return false;
        }
        previous = c;
    }
    return dash;
}

namespace {

using KeyOrder = std::vector<std::string_view>;

const KeyOrder& questions(std::string_view group) {
    static const KeyOrder none;
    if (group == "position") return position_questions;
    if (group == "must_be_yes") return must_be_yes_questions;
    if (group == "must_be_no") return must_be_no_questions;
    return none;
}

// The format page's key order, by the path of the mapping ("" is the top,
// "[]" marks a list's items).
const std::map<std::string_view, KeyOrder, std::less<>>& key_orders() {
    static const std::map<std::string_view, KeyOrder, std::less<>> orders = {
        {"", {"format", "id", "status", "type", "policy", "agency", "unit", "supersedes", "employee", "supervisor",
              "manager", "location", "official_duty_station", "schedule", "term", "duties", "equipment", "computer",
              "safety_checklist", "emergency", "dependent_care", "insurance_certificate_on_file", "training",
              "eligibility", "signatures", "das_copy_sent", "decision", "request", "work_plan", "notes"}},
        {"employee", {"id", "name", "email", "position", "supervises_staff", "working_test_period", "training_class",
                      "last_discipline", "performance_rating", "outside_employment", "responsible_for_safety",
                      "disciplined_awol", "disciplined_prohibited_content"}},
        {"supervisor", {"id", "name", "email"}},
        {"manager", {"id", "name", "email"}},
        {"location", {"kind", "address", "phone"}},
        {"schedule", {"workweek_days", "telework_days", "partial_days", "field_work", "hours", "alternate_schedule",
                      "pay_period"}},
        {"schedule.hours", {"start", "end"}},
        {"schedule.pay_period[]", {"workweek_days", "telework_days", "partial_days"}},
        {"term", {"start", "end"}},
        {"equipment[]", {"item", "provided_by", "asset_tag"}},
        {"computer", {"personal_computer", "basis"}},
        {"safety_checklist", {"completed", "date"}},
        {"emergency", {"coop", "pandemic", "weather"}},
        {"dependent_care", {"dependents", "arrangements_on_file"}},
        {"training", {"telework", "it_security", "supervisor"}},
        {"eligibility", {"position", "must_be_yes", "must_be_no"}},
        {"signatures", {"employee", "supervisor", "manager", "hr", "agency_head", "others"}},
        {"signatures.employee", {"name", "date"}},
        {"signatures.supervisor", {"name", "date"}},
        {"signatures.manager", {"name", "date"}},
        {"signatures.hr", {"name", "date"}},
        {"signatures.agency_head", {"name", "date"}},
        {"signatures.others[]", {"role", "name", "date"}},
        {"decision", {"date", "by", "reason_category", "reason", "reapply_after", "improvement_actions",
                      "copy_to_employee", "copy_to_coordinator"}},
        {"request", {"kind", "date"}},
        {"work_plan", {"date"}},
    };
    return orders;
}

const KeyOrder* order_of(std::string_view path) {
    if (path.starts_with("eligibility.")) {
        const KeyOrder& group = questions(path.substr(std::string_view("eligibility.").size()));
        return group.empty() ? nullptr : &group;
    }
    const auto found = key_orders().find(path);
    return found == key_orders().end() ? nullptr : &found->second;
}

std::string join(std::string_view parent, std::string_view key) {
    return parent.empty() ? std::string(key) : fmt::format("{}.{}", parent, key);
}

void order_in(DraftNode& node, const std::string& path) {
    if (node.kind == DraftNode::Kind::Sequence) {
        for (auto& item : node.items) order_in(item, path + "[]");
        return;
    }
    if (node.kind != DraftNode::Kind::Mapping) return;
    if (const KeyOrder* order = order_of(path)) {
        const auto rank = [&](const DraftEntry& entry) {
            const auto found = std::find(order->begin(), order->end(), entry.key);
            return static_cast<std::size_t>(found - order->begin());
        };
        std::stable_sort(node.entries.begin(), node.entries.end(),
                         [&](const DraftEntry& a, const DraftEntry& b) { return rank(a) < rank(b); });
    }
    for (auto& entry : node.entries) order_in(entry.value, join(path, entry.key));
}

// Appends text and keeps the position of the next character, in code points
// as the loader counts columns.
class Writer {
public:
    void put(std::string_view text) {
        out_ += text;
        for (std::size_t i = 0; i < text.size();) {
            if (text[i] == '\n') {
                ++line_;
                column_ = 1;
                ++i;
                continue;
            }
            next_code_point(text, i);
            ++column_;
        }
    }
    Position here() const { return Position{line_, column_}; }
    std::string take() { return std::move(out_); }

private:
    std::string out_;
    int line_ = 1;
    int column_ = 1;
};

class RecordEmitter {
public:
    explicit RecordEmitter(Writer& writer, std::vector<WrittenPosition>& positions)
        : w_(writer), positions_(positions) {}

    void mapping_body(const DraftNode& node, int indent, const std::string& path, bool first_inline) {
        bool first = true;
        for (const auto& entry : node.entries) {
            if (!(first && first_inline)) w_.put(std::string(static_cast<std::size_t>(indent), ' '));
            first = false;
            const Position key = w_.here();
            // Keys come from the format page; anything else is quoted all the same.
            w_.put(is_plain_token(entry.key) ? entry.key : quote_yaml(entry.key));
            w_.put(":");
            value(entry.value, indent, join(path, entry.key), key);
        }
    }

private:
    static bool flow_list(const DraftNode& node) {
        return std::all_of(node.items.begin(), node.items.end(), [](const DraftNode& item) {
            return item.kind == DraftNode::Kind::Token && is_plain_token(item.text);
        });
    }

    void comment(const DraftNode& node) {
        if (node.comment.empty()) return;
        // visible() escapes every line break and control character, so the
        // comment cannot end early and start a line of YAML.
        w_.put("  # ");
        w_.put(visible(node.comment));
    }

    void scalar(const DraftNode& node) {
        if (node.kind == DraftNode::Kind::Null) {
            w_.put("null");
        } else if (node.kind == DraftNode::Kind::Token && is_plain_token(node.text)) {
            w_.put(node.text);
        } else {
            w_.put(quote_yaml(node.text));
        }
    }

    // After "key:" (or "- " for list items, where `key` is the dash).
    void value(const DraftNode& node, int indent, const std::string& path, Position key) {
        using Kind = DraftNode::Kind;
        if (node.kind == Kind::Mapping && !node.entries.empty()) {
            positions_.push_back({path, key, key});
            comment(node);
            w_.put("\n");
            mapping_body(node, indent + 2, path, false);
            return;
        }
        if (node.kind == Kind::Sequence && !node.items.empty() && !flow_list(node)) {
            positions_.push_back({path, key, key});
            comment(node);
            w_.put("\n");
            for (std::size_t i = 0; i < node.items.size(); ++i) item(node.items[i], indent + 2, fmt::format("{}[{}]", path, i));
            return;
        }
        w_.put(" ");
        positions_.push_back({path, key, w_.here()});
        if (node.kind == Kind::Mapping) {
            w_.put("{}");
        } else if (node.kind == Kind::Sequence) {
            w_.put("[");
            for (std::size_t i = 0; i < node.items.size(); ++i) {
                if (i > 0) w_.put(", ");
                positions_.push_back({fmt::format("{}[{}]", path, i), w_.here(), w_.here()});
                w_.put(node.items[i].text);
            }
            w_.put("]");
        } else {
            scalar(node);
        }
        comment(node);
        w_.put("\n");
    }

    void item(const DraftNode& node, int indent, const std::string& path) {
        w_.put(std::string(static_cast<std::size_t>(indent), ' '));
        const Position dash = w_.here();
        w_.put("- ");
        if (node.kind == DraftNode::Kind::Mapping && !node.entries.empty()) {
            positions_.push_back({path, dash, w_.here()});
            mapping_body(node, indent + 2, path, true);
            return;
        }
        positions_.push_back({path, dash, w_.here()});
        if (node.kind == DraftNode::Kind::Mapping) {
            w_.put("{}");
        } else if (node.kind == DraftNode::Kind::Sequence) {
            w_.put("[]"); // nested lists do not occur in the format
        } else {
            scalar(node);
        }
        comment(node);
        w_.put("\n");
    }

    Writer& w_;
    std::vector<WrittenPosition>& positions_;
};

} // namespace

DraftNode DraftNode::null(std::string comment) {
    DraftNode node;
    node.comment = std::move(comment);
    return node;
}

DraftNode DraftNode::string(std::string text) {
    DraftNode node;
    node.kind = Kind::Text;
    node.text = std::move(text);
    return node;
}

DraftNode DraftNode::token(std::string text) {
    DraftNode node;
    node.kind = is_plain_token(text) ? Kind::Token : Kind::Text;
    node.text = std::move(text);
    return node;
}

DraftNode DraftNode::mapping() {
    DraftNode node;
    node.kind = Kind::Mapping;
    return node;
}

DraftNode DraftNode::sequence() {
    DraftNode node;
    node.kind = Kind::Sequence;
    return node;
}

DraftNode* DraftNode::find(std::string_view key) {
    for (auto& entry : entries) {
        if (entry.key == key) return &entry.value;
    }
    return nullptr;
}

const DraftNode* DraftNode::find(std::string_view key) const {
    for (const auto& entry : entries) {
        if (entry.key == key) return &entry.value;
    }
    return nullptr;
}

DraftNode& DraftNode::set(std::string_view key, DraftNode value) {
    if (DraftNode* existing = find(key)) {
        *existing = std::move(value);
        return *existing;
    }
    entries.push_back(DraftEntry{std::string(key), std::move(value)});
    return entries.back().value;
}

DraftNode* DraftNode::at(std::string_view path) {
    DraftNode* node = this;
    while (node) {
        const auto dot = path.find('.');
        node = node->find(path.substr(0, dot));
        if (dot == std::string_view::npos) break;
        path.remove_prefix(dot + 1);
    }
    return node;
}

bool DraftNode::erase(std::string_view key) {
    const auto found = std::find_if(entries.begin(), entries.end(), [&](const DraftEntry& e) { return e.key == key; });
    if (found == entries.end()) return false;
    entries.erase(found);
    return true;
}

bool is_plain_token(std::string_view text) {
    if (text == "true" || text == "false") return true;
    std::string_view digits = text;
    if (!digits.empty() && digits.front() == '-') digits.remove_prefix(1);
    if (!digits.empty() && digits.size() <= 9 && std::all_of(digits.begin(), digits.end(), is_digit)) return true;
    if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
        bool date = true;
        for (std::size_t i = 0; i < text.size(); ++i) date = date && (i == 4 || i == 7 || is_digit(text[i]));
        if (date) return true;
    }
    // An agreement id holds no indicator, and no YAML word starts so.
    if (is_agreement_id(text)) return true;
    // Words YAML gives a meaning of its own stay strings: null and its
    // spellings, and the YAML 1.1 booleans.
    static constexpr std::array<std::string_view, 7> reserved = {"null", "yes", "no", "on", "off", "y", "n"};
    if (std::find(reserved.begin(), reserved.end(), text) != reserved.end()) return false;
    return !text.empty() && is_lower(text.front()) && std::all_of(text.begin(), text.end(), [](char c) {
        return is_lower(c) || is_digit(c) || c == '_';
    });
}

std::string quote_yaml(std::string_view text) {
    std::string out = "\"";
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t start = i;
        const auto code = next_code_point(text, i);
        if (!code) {
            out += "\\ufffd"; // callers pass valid UTF-8; never a raw invalid byte
            continue;
        }
        const char32_t c = *code;
        if (c == '"') out += "\\\"";
        else if (c == '\\') out += "\\\\";
        else if (c == '\n') out += "\\n";
        else if (c == '\t') out += "\\t";
        else if (c == '\r') out += "\\r";
        else if (c < 0x20 || c == 0x7f) out += fmt::format("\\x{:02x}", static_cast<unsigned>(c));
        else if ((c >= 0x80 && c <= 0x9f) || c == 0x2028 || c == 0x2029 || c == 0xfeff || needs_escape(c)) {
            out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
        } else {
            out.append(text.substr(start, i - start));
        }
    }
    out += '"';
    return out;
}

DraftNode draft_from_yaml(const YamlNode& node) {
    DraftNode draft;
    switch (node.kind) {
    case YamlNode::Kind::Null: return draft;
    case YamlNode::Kind::Scalar:
        draft = !node.quoted && is_plain_token(node.text) ? DraftNode::token(node.text) : DraftNode::string(node.text);
        return draft;
    case YamlNode::Kind::Sequence:
        draft = DraftNode::sequence();
        for (const auto& item : node.items) draft.items.push_back(draft_from_yaml(item));
        return draft;
    case YamlNode::Kind::Mapping:
        draft = DraftNode::mapping();
        for (const auto& entry : node.entries) draft.entries.push_back(DraftEntry{entry.key, draft_from_yaml(entry.value)});
        return draft;
    }
    return draft;
}

void order_keys(DraftNode& root) { order_in(root, ""); }

WrittenRecord write_record(const DraftNode& root, std::string_view schema_path) {
    Writer writer;
    WrittenRecord record;
    writer.put(fmt::format("# yaml-language-server: $schema={}\n", schema_path));
    RecordEmitter emitter(writer, record.positions);
    emitter.mapping_body(root, 0, "", false);
    record.text = writer.take();
    return record;
}

} // namespace telework
