#pragma once

#include "telework/position.hpp"
#include "telework/severity.hpp"

#include <string>

namespace telework {

// One problem found in one file: what rule, how bad, where, and why.
struct Finding {
    std::string rule;   // catalog ID, e.g. "CT201"
    Severity severity = Severity::Error;
    Position pos;
    std::string message;
};

} // namespace telework
