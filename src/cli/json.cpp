#include "json.hpp"

#include "telework/source_text.hpp"
#include "telework/version.hpp"
#include "telework/visible.hpp"

#include <fmt/format.h>

// JSON is written by nlohmann::json (Debian's nlohmann-json3-dev), not by
// hand: it is well kept, and with error_handler_t::strict it throws on text
// that is not UTF-8 rather than writing it. text() makes every string valid
// UTF-8 before nlohmann sees it; printable() below then writes as \u escapes
// the characters visible() escapes everywhere else.

namespace telework::cli::json {

std::string text(std::string_view raw) {
    if (find_invalid_utf8(raw) == std::string_view::npos) return std::string(raw);
    for (std::size_t i = 0; i < raw.size();) {
        if (!next_code_point(raw, i)) return visible(raw); // visible() is always UTF-8
    }
    return std::string(raw); // only NUL bytes: valid UTF-8, escaped when written
}

Value::Value(std::string_view s) : data_(text(s)) {}

Value::Value(Array a) : data_(nlohmann::ordered_json::array()) {
    for (auto& item : a) data_.push_back(std::move(item.data_));
}

Value::Value(Object o) : data_(nlohmann::ordered_json::object()) {
    for (auto& [key, value] : o) set(key, std::move(value));
}

Value& Value::set(std::string_view key, Value value) {
    data_[text(key)] = std::move(value.data_);
    return *this;
}

Value& Value::push(Value value) {
    data_.push_back(std::move(value.data_));
    return *this;
}

Value envelope(std::optional<std::string> as_of, std::optional<std::string> profile) {
    return Value::object()
        .set("tool", "telework")
        .set("version", version)
        .set("as_of", as_of ? Value(*as_of) : Value(nullptr))
        .set("profile", profile ? Value(*profile) : Value(nullptr));
}

namespace {

void append_unicode_escape(std::string& out, char32_t c) {
    if (c > 0xFFFF) { // a surrogate pair, as RFC 8259 section 7 spells it
        c -= 0x10000;
        append_unicode_escape(out, 0xD800 + (c >> 10));
        append_unicode_escape(out, 0xDC00 + (c & 0x3FF));
        return;
    }
    out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
}

// nlohmann writes valid UTF-8 exactly and escapes only '"', '\\' and C0
// controls. Inside each string of its output, this also writes as a \u
// escape what visible() escapes (DEL, C1 controls, bidi controls, line
// separators, noncharacters, the '[' of "##["), so the output is plain,
// printable and safe to print in a terminal or CI log; and it spells \b and
// \f as \u0008 and \u000c, as telework always has. Every character a JSON
// parser gives back is unchanged. Outside strings only ASCII punctuation,
// digits, literals and the indentation occur, and are copied.
std::string printable(std::string_view dumped) {
    std::string out;
    out.reserve(dumped.size());
    bool in_string = false;
    int hashes = 0;
    for (std::size_t i = 0; i < dumped.size();) {
        const char byte = dumped[i];
        if (!in_string) {
            in_string = byte == '"';
            hashes = 0;
            out += byte;
            ++i;
            continue;
        }
        if (byte == '"') {
            in_string = false;
            out += byte;
            ++i;
            continue;
        }
        if (byte == '\\' && i + 1 < dumped.size()) {
            const char next = dumped[i + 1];
            if (next == 'b') out += "\\u0008";
            else if (next == 'f') out += "\\u000c";
            else out.append(dumped.substr(i, 2));
            i += 2;
            hashes = 0;
            continue;
        }
        const std::size_t start = i;
        const auto decoded = next_code_point(dumped, i);
        const char32_t c = decoded ? *decoded : 0xFFFD; // cannot happen: the dump is UTF-8
        if (decoded && (needs_escape(c) || (c == '[' && hashes >= 2))) {
            append_unicode_escape(out, c);
        } else {
            out.append(dumped.substr(start, i - start));
        }
        hashes = c == '#' ? hashes + 1 : 0;
    }
    return out;
}

} // namespace

std::string Value::dump(int indent) const {
    return printable(data_.dump(indent > 0 ? indent : -1, ' ', false, nlohmann::ordered_json::error_handler_t::strict));
}

std::string escape(std::string_view raw) {
    return Value(raw).dump(0);
}

} // namespace telework::cli::json
