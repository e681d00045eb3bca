#include "json.hpp"

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

std::string escape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 2);
    out += '"';
    for (const char c : text) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
            } else {
                out += c;
            }
        }
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
