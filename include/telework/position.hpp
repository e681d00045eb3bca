#pragma once

#include <compare>

namespace telework {

// A place in a source file: 1-based line, 1-based column counted in Unicode
// code points (what an editor's "go to line:column" expects for UTF-8 text).
struct Position {
    int line = 1;
    int column = 1;

    friend auto operator<=>(const Position&, const Position&) = default;
};

} // namespace telework
