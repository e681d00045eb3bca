#include "json.hpp"

#include "telework/source_text.hpp"
#include "telework/visible.hpp"

#include <fmt/format.h>

namespace telework::cli::json {

Value& Value::set(std::string key, Value value) {
    std::get<Object>(data_).emplace_back(std::move(key), std::move(value));
    return *this;
}

Value& Value::push(Value value) {
    std::get<Array>(data_).push_back(std::move(value));
    return *this;
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

} // namespace

// Valid UTF-8 is written exactly, every character a JSON parser gives back
// unchanged; what visible() escapes (controls, bidi controls, line
// separators, noncharacters, the '[' of "##[") is written as a \u escape, so
// the output is plain, printable and safe to print in a terminal or CI log.
// Text that is not UTF-8 (only a file name can be) cannot be a JSON string
// at all: it is written as visible() shows it, "\xff" for the byte 0xFF, so
// distinct names stay distinct.
std::string escape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 2);
    out += '"';
    int hashes = 0;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t start = i;
        const auto decoded = next_code_point(text, i);
        if (!decoded) return escape(visible(text)); // visible() is always UTF-8
        const char32_t c = *decoded;
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (needs_escape(c) || (c == '[' && hashes >= 2)) {
                append_unicode_escape(out, c);
            } else {
                out.append(text.substr(start, i - start));
            }
        }
        hashes = c == '#' ? hashes + 1 : 0;
    }
    out += '"';
    return out;
}

std::string Value::dump(int indent) const {
    std::string out;
    write(out, indent, 0);
    return out;
}

void Value::write(std::string& out, int indent, int depth) const {
    const auto newline = [&](int level) {
        if (indent <= 0) return;
        out += '\n';
        out.append(static_cast<std::size_t>(indent * level), ' ');
    };
    std::visit(
        [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::nullptr_t>) {
                out += "null";
            } else if constexpr (std::is_same_v<T, bool>) {
                out += v ? "true" : "false";
            } else if constexpr (std::is_same_v<T, std::int64_t>) {
                out += fmt::format("{}", v);
            } else if constexpr (std::is_same_v<T, double>) {
                out += fmt::format("{}", v);
            } else if constexpr (std::is_same_v<T, std::string>) {
                out += escape(v);
            } else if constexpr (std::is_same_v<T, Array>) {
                if (v.empty()) {
                    out += "[]";
                    return;
                }
                out += '[';
                for (std::size_t i = 0; i < v.size(); ++i) {
                    if (i) out += ',';
                    newline(depth + 1);
                    v[i].write(out, indent, depth + 1);
                }
                newline(depth);
                out += ']';
            } else {
                if (v.empty()) {
                    out += "{}";
                    return;
                }
                out += '{';
                for (std::size_t i = 0; i < v.size(); ++i) {
                    if (i) out += ',';
                    newline(depth + 1);
                    out += escape(v[i].first);
                    out += indent > 0 ? ": " : ":";
                    v[i].second.write(out, indent, depth + 1);
                }
                newline(depth);
                out += '}';
            }
        },
        data_);
}

} // namespace telework::cli::json
