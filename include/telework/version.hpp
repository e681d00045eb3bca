#pragma once

#include <string_view>

namespace telework {

inline constexpr std::string_view version = "1.0.0";

} // namespace telework
