#pragma once

#include "telework/catalog.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace telework::cli {

// A rule's catalog entry as `telework explain ID` prints it, and as SARIF
// carries it in each rule's `help`: one text, rendered in one place.
std::string render_rule_entry(const RuleInfo& rule);

// The profiles that run a rule (a list; in words), and the records it judges.
std::vector<std::string_view> profile_list(const RuleInfo& rule);
std::string profiles_of(const RuleInfo& rule);
std::string_view judged_records(const RuleInfo& rule);

} // namespace telework::cli
