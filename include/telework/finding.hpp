#pragma once

#include "telework/position.hpp"
#include "telework/severity.hpp"

#include <string>

namespace telework {

struct RuleInfo;

// One problem found in one file: what rule, how bad, where, and why.
struct Finding {
    std::string rule;   // catalog ID, e.g. "CT201"
    Severity severity = Severity::Error;
    Position pos;
    std::string message;
    // The rule's entry, set when the run judges the record: a profile may
    // give an ID its own entry, so output reads the one that found it.
    const RuleInfo* info = nullptr;
};

} // namespace telework
