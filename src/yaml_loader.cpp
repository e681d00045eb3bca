#include "telework/yaml_loader.hpp"

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <istream>
#include <map>
#include <optional>
#include <span>
#include <streambuf>

namespace telework {

namespace {

// Thrown from inside the event handler to abandon a file that must not be
// parsed further (TW007, or a structure the format cannot hold); caught in
// parse_yaml and returned as a finding.
struct StopParsing {
    Finding finding;
};

Finding make_finding(std::string_view rule, Position pos, std::string message) {
    return Finding{std::string(rule), Severity::Error, pos, std::move(message)};
}

std::string display_tag(const std::string& tag) {
    constexpr std::string_view core = "tag:yaml.org,2002:";
    if (tag.starts_with(core)) return "!!" + tag.substr(core.size());
    return tag;
}

class TreeBuilder final : public YAML::EventHandler {
public:
    TreeBuilder(const SourceText& source, const YamlLimits& limits, std::vector<Finding>& findings)
        : source_(source), limits_(limits), findings_(findings) {}

    std::optional<YamlNode> take_root() { return std::move(root_); }
    std::optional<Position> document_start() const { return document_start_; }

    void OnDocumentStart(const YAML::Mark& mark) override { document_start_ = position(mark); }
    void OnDocumentEnd() override {}

    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        refuse_anchor(mark, anchor);
        YamlNode node;
        node.pos = position(mark);
        attach(std::move(node));
    }

    void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
        throw StopParsing{make_finding("TW007", position(mark),
                                       "YAML alias: anchors and aliases are not allowed in a record; write the value out")};
    }

    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  const std::string& value) override {
        refuse_anchor(mark, anchor);
        refuse_tag(mark, tag);
        YamlNode node;
        node.kind = YamlNode::Kind::Scalar;
        node.pos = position(mark);
        node.text = value;
        node.quoted = tag == "!";
        attach(std::move(node));
    }

    void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override {
        open(mark, tag, anchor, YamlNode::Kind::Sequence);
    }
    void OnSequenceEnd() override { close(); }

    void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override {
        open(mark, tag, anchor, YamlNode::Kind::Mapping);
    }
    void OnMapEnd() override { close(); }

private:
    // A node being built. Its children wait on the builder's pending stacks
    // and are moved into the node once, at its end, so a node's list is
    // allocated once at its final size rather than grown entry by entry.
    struct Frame {
        YamlNode node;
        std::size_t first_pending = 0; // where its children start on the pending stack
        bool expecting_key = true;
        std::string key;
        Position key_pos;
        bool drop_value = false; // the value of a duplicate key
        // The keys of its first `indexed` entries: filled only once a mapping
        // has more keys than a scan of its entries can afford, so the
        // duplicate check stays O(n log n) in the keys of one mapping without
        // a map per record.
        std::map<std::string, Position, std::less<>> first_seen;
        std::size_t indexed = 0;
    };

    static constexpr std::size_t scanned_keys = 32;

    // Where a key was first seen in the mapping; every key accepted so far
    // has its entry, since a value is attached before the next key comes.
    std::optional<Position> first_position(Frame& frame, std::string_view key) {
        const auto entries = std::span(pending_entries_).subspan(frame.first_pending);
        if (entries.size() <= scanned_keys) {
            for (const auto& entry : entries) {
                if (entry.key == key) return entry.key_pos;
            }
            return std::nullopt;
        }
        for (; frame.indexed < entries.size(); ++frame.indexed) {
            frame.first_seen.try_emplace(entries[frame.indexed].key, entries[frame.indexed].key_pos);
        }
        const auto found = frame.first_seen.find(key);
        if (found == frame.first_seen.end()) return std::nullopt;
        return found->second;
    }

    // Moves the pending children of the innermost frame into its node.
    template <class Child>
    static void take_pending(std::vector<Child>& pending, std::size_t first, std::vector<Child>& into) {
        const auto begin = pending.begin() + static_cast<std::ptrdiff_t>(first);
        into.reserve(pending.size() - first);
        into.insert(into.end(), std::make_move_iterator(begin), std::make_move_iterator(pending.end()));
        pending.erase(begin, pending.end());
    }

    Position position(const YAML::Mark& mark) const {
        if (mark.is_null()) return Position{};
        return source_.position_of(mark.line, mark.column);
    }

    void refuse_anchor(const YAML::Mark& mark, YAML::anchor_t anchor) const {
        if (anchor != YAML::NullAnchor) {
            throw StopParsing{make_finding(
                "TW007", position(mark), "YAML anchor: anchors and aliases are not allowed in a record; write the value out")};
        }
    }

    void refuse_tag(const YAML::Mark& mark, const std::string& tag) const {
        if (!tag.empty() && tag != "?" && tag != "!") {
            throw StopParsing{make_finding(
                "TW007", position(mark), fmt::format("YAML tag '{}': tags are not allowed in a record", display_tag(tag)))};
        }
    }

    void open(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor, YamlNode::Kind kind) {
        refuse_anchor(mark, anchor);
        refuse_tag(mark, tag);
        if (static_cast<int>(stack_.size()) >= limits_.max_depth) {
            throw StopParsing{make_finding("TW007", position(mark),
                                           fmt::format("nesting deeper than {} levels", limits_.max_depth))};
        }
        if (stack_.capacity() == 0) {
            // Room for a usual record at its first node, so the stacks are not
            // grown event by event (and a stream's empty end costs nothing).
            stack_.reserve(8);
            pending_entries_.reserve(64);
            pending_items_.reserve(16);
        }
        Frame frame;
        frame.node.kind = kind;
        frame.node.pos = position(mark);
        frame.first_pending = kind == YamlNode::Kind::Mapping ? pending_entries_.size() : pending_items_.size();
        stack_.push_back(std::move(frame));
    }

    void close() {
        Frame& frame = stack_.back();
        if (frame.node.is_mapping()) {
            take_pending(pending_entries_, frame.first_pending, frame.node.entries);
        } else {
            take_pending(pending_items_, frame.first_pending, frame.node.items);
        }
        YamlNode node = std::move(frame.node);
        stack_.pop_back();
        attach(std::move(node));
    }

    void attach(YamlNode&& node) {
        if (stack_.empty()) {
            root_ = std::move(node);
            return;
        }
        Frame& parent = stack_.back();
        if (parent.node.is_sequence()) {
            pending_items_.push_back(std::move(node));
        } else if (parent.expecting_key) {
            accept_key(parent, std::move(node));
        } else {
            parent.expecting_key = true;
            if (!parent.drop_value) {
                // Made in place: a node moved is a string and two lists moved.
                YamlEntry& entry = pending_entries_.emplace_back();
                entry.key = std::move(parent.key);
                entry.key_pos = parent.key_pos;
                entry.value = std::move(node);
            }
        }
    }

    void accept_key(Frame& parent, YamlNode&& key) {
        parent.expecting_key = false;
        if (!key.is_scalar()) {
            findings_.push_back(make_finding("TW002", key.pos,
                                             fmt::format("a key must be a plain string, not {}", describe_kind(key))));
            parent.drop_value = true;
            return;
        }
        parent.key_pos = key.pos;
        parent.drop_value = false;
        if (const auto first = first_position(parent, key.text)) {
            findings_.push_back(make_finding(
                "TW003", key.pos,
                fmt::format("duplicate key '{}' (first at line {}, column {}); YAML tools disagree on which value "
                            "wins, so keep one",
                            key.text, first->line, first->column)));
            parent.drop_value = true;
            return;
        }
        parent.key = std::move(key.text);
    }

    const SourceText& source_;
    const YamlLimits& limits_;
    std::vector<Finding>& findings_;
    std::vector<Frame> stack_;
    std::vector<YamlEntry> pending_entries_;
    std::vector<YamlNode> pending_items_;
    std::optional<YamlNode> root_;
    std::optional<Position> document_start_;
};

// yaml-cpp reads from a std::istream; this one reads the text where it lies
// instead of from a copy. Nothing writes through the get area: yaml-cpp only
// reads, and the base class's putback does not store.
class TextReader final : public std::streambuf {
public:
    explicit TextReader(const std::string& text) {
        char* begin = const_cast<char*>(text.data());
        setg(begin, begin, begin + text.size());
    }
};

// Where a second document starts, if the stream holds one. Its content does
// not matter: any second document is refused, even one that is unsafe.
std::optional<Position> find_second_document(YAML::Parser& parser, const SourceText& source, const YamlLimits& limits) {
    std::vector<Finding> ignored;
    TreeBuilder second(source, limits, ignored);
    try {
        if (!parser.HandleNextDocument(second)) return std::nullopt;
    } catch (const StopParsing&) {
    }
    return second.document_start().value_or(Position{});
}

} // namespace

YamlDocument parse_yaml(const SourceText& source, const YamlLimits& limits) {
    YamlDocument document;
    const std::string& text = source.text();
    if (text.size() > limits.max_bytes) {
        document.findings.push_back(make_finding(
            "TW007", Position{}, fmt::format("file is {} bytes; the limit is {} bytes", text.size(), limits.max_bytes)));
        return document;
    }
    if (const auto bad = find_invalid_utf8(text); bad != std::string::npos) {
        document.findings.push_back(make_finding(
            "TW001", source.position_at(bad),
            fmt::format("not UTF-8 text: byte 0x{:02X} cannot start or continue a character",
                        static_cast<unsigned char>(text[bad]))));
        return document;
    }

    TextReader reader(text);
    std::istream input(&reader);
    try {
        YAML::Parser parser(input);
        std::vector<Finding> findings;
        TreeBuilder first(source, limits, findings);
        std::optional<YamlNode> root;
        if (parser.HandleNextDocument(first)) root = first.take_root();
        if (!root) {
            document.findings.push_back(
                make_finding("TW001", Position{}, "no YAML document: the file is empty or holds only comments"));
            return document;
        }
        if (const auto second_start = find_second_document(parser, source, limits)) {
            document.findings.push_back(make_finding(
                "TW001", *second_start, "a second YAML document: a file holds exactly one record (remove the '---')"));
            return document;
        }
        if (!root->is_mapping()) {
            document.findings.push_back(make_finding(
                "TW001", root->pos, fmt::format("the top level is {}; a record is a mapping of keys", describe_kind(*root))));
            return document;
        }
        document.findings = std::move(findings);
        document.root = std::move(root);
    } catch (const StopParsing& stop) {
        document.findings.clear();
        document.findings.push_back(stop.finding);
    } catch (const YAML::Exception& error) {
        const Position where = error.mark.is_null() ? Position{} : source.position_of(error.mark.line, error.mark.column);
        document.findings.clear();
        document.findings.push_back(make_finding("TW001", where, fmt::format("YAML syntax error: {}", error.msg)));
    }
    return document;
}

} // namespace telework
