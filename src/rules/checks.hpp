#pragma once

#include "telework/catalog.hpp"

// The functions of the structure rules (TW); the policy rules are profile
// entries of the kinds in src/kinds/.
namespace telework::rules {

void duplicate_id(const RuleContext&, EvaluationSink&);
void unknown_supersedes(const RuleContext&, EvaluationSink&);
void date_order(const RuleContext&, EvaluationSink&);

} // namespace telework::rules
