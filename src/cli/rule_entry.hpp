#pragma once

#include "telework/catalog.hpp"
#include "telework/profile.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace telework::cli {

// A rule's catalog entry as `telework explain ID` prints it, and as SARIF
// carries it in each rule's `help`: one text, rendered in one place.
std::string render_rule_entry(const RuleInfo& rule, const ProfileSet& profiles);

// The profiles that run a rule, as a list and in words.
std::vector<std::string_view> profile_list(const RuleInfo& rule, const ProfileSet& profiles);
std::string profiles_of(const RuleInfo& rule, const ProfileSet& profiles);

} // namespace telework::cli
