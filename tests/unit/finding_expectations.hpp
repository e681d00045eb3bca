#pragma once

// Expectations on findings for rule tests: compact summaries ("CT201@39:8")
// and positions computed from the fixture text itself.

#include "record_fixture.hpp"

#include <doctest/doctest.h>

#include <initializer_list>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace telework::testing {

inline std::string loc(Position pos) { return std::to_string(pos.line) + ":" + std::to_string(pos.column); }

// "RULE@line:column" for each finding, in the engine's order.
inline std::string summary(const std::vector<Finding>& findings) {
    std::string out;
    for (const auto& f : findings) out += (out.empty() ? "" : " ") + f.rule + "@" + loc(f.pos);
    return out;
}

inline std::string dump(const std::vector<Finding>& findings) {
    std::string out;
    for (const auto& f : findings) {
        out += "\n  " + f.rule + "@" + loc(f.pos) + " " + std::string(to_string(f.severity)) + ": " + f.message;
    }
    return out;
}

// The line:column of `target`, searched from the first occurrence of `context`.
inline std::string at(const std::string& yaml, std::string_view context, std::string_view target = {}) {
    std::size_t offset = yaml.find(context);
    if (offset == std::string::npos) throw std::logic_error("context not found: " + std::string(context));
    if (!target.empty()) {
        offset = yaml.find(target, offset);
        if (offset == std::string::npos) throw std::logic_error("target not found: " + std::string(target));
    }
    Position pos;
    for (std::size_t i = 0; i < offset; ++i) {
        if (yaml[i] == '\n') {
            ++pos.line;
            pos.column = 1;
        } else {
            ++pos.column;
        }
    }
    return loc(pos);
}

inline bool mentions(const Finding& f, std::string_view words) { return f.message.find(words) != std::string::npos; }

// Exactly the findings in `expected` (as `summary` writes them), each message containing every word.
inline void expect(const std::vector<Finding>& findings, const std::string& expected,
            std::initializer_list<std::string_view> words = {}) {
    INFO("findings:", dump(findings));
    CHECK(summary(findings) == expected);
    for (const auto& f : findings) {
        for (const auto word : words) {
            INFO("expected in message: ", std::string(word));
            CHECK(mentions(f, word));
        }
    }
}

inline std::string sev(const Finding& f) { return std::string(to_string(f.severity)); }

} // namespace telework::testing
