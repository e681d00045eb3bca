#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace telework::cli::json {

// A JSON value that keeps object keys in insertion order, so output shapes
// are stable and match the documented field order.
class Value {
public:
    using Array = std::vector<Value>;
    using Object = std::vector<std::pair<std::string, Value>>;

    Value() = default;
    Value(std::nullptr_t) {}
    Value(bool b) : data_(b) {}
    Value(int n) : data_(static_cast<std::int64_t>(n)) {}
    Value(std::int64_t n) : data_(n) {}
    Value(std::size_t n) : data_(static_cast<std::int64_t>(n)) {}
    Value(double d) : data_(d) {}
    Value(const char* s) : data_(std::string(s)) {}
    Value(std::string s) : data_(std::move(s)) {}
    Value(std::string_view s) : data_(std::string(s)) {}
    Value(Array a) : data_(std::move(a)) {}
    Value(Object o) : data_(std::move(o)) {}

    static Value object() { return Value(Object{}); }
    static Value array() { return Value(Array{}); }

    // Object: sets a key (appended in order). Array: appends.
    Value& set(std::string key, Value value);
    Value& push(Value value);

    std::string dump(int indent = 2) const;

private:
    void write(std::string& out, int indent, int depth) const;
    std::variant<std::nullptr_t, bool, std::int64_t, double, std::string, Array, Object> data_;
};

// A JSON string literal, quotes included: always valid UTF-8 and printable
// (see json.cpp).
std::string escape(std::string_view text);

} // namespace telework::cli::json
