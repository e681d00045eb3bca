#pragma once

#include <fmt/format.h>

#include <string>
#include <string_view>

namespace telework::cli {

// Wraps text in an ANSI SGR colour (e.g. "1;31" bold red) when colour is on.
inline std::string paint(bool color, std::string_view code, std::string_view text) {
    return color ? fmt::format("\x1b[{}m{}\x1b[0m", code, text) : std::string(text);
}

} // namespace telework::cli
