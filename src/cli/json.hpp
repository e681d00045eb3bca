#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace telework::cli::json {

// A JSON document, kept in nlohmann::ordered_json so object keys stay in
// insertion order: output shapes are stable and match the documented field
// order. Every string (value or key) is made valid UTF-8 on the way in
// (text(), below), so dump() never meets a byte sequence it cannot write.
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
    Value(const char* s) : Value(std::string_view(s)) {}
    Value(const std::string& s) : Value(std::string_view(s)) {}
    Value(std::string_view s);
    Value(Array a);
    Value(Object o);

    static Value object() { return Value(nlohmann::ordered_json::object()); }
    static Value array() { return Value(nlohmann::ordered_json::array()); }

    // Object: sets a key (appended in order). Array: appends.
    Value& set(std::string_view key, Value value);
    Value& push(Value value);

    const nlohmann::ordered_json& data() const { return data_; }

    // As telework writes JSON: `indent` spaces a level (none and no line
    // breaks when 0), UTF-8 as is, and the characters visible() escapes
    // written as \u escapes (see json.cpp).
    std::string dump(int indent = 2) const;

private:
    explicit Value(nlohmann::ordered_json data) : data_(std::move(data)) {}
    nlohmann::ordered_json data_;
};

// Text as a JSON string may hold it: unchanged when it is valid UTF-8, else
// as visible() shows it ("\xff" for the byte 0xFF), so distinct names stay
// distinct.
std::string text(std::string_view raw);

// The keys every command's JSON object starts with, in this order: "tool",
// "version", "as_of" (null when the output does not depend on a date) and
// "profile" (the run's default profile; null when no record is judged).
Value envelope(std::optional<std::string> as_of, std::optional<std::string> profile);

// A JSON string literal, quotes included: always valid UTF-8 and printable.
std::string escape(std::string_view text);

} // namespace telework::cli::json
