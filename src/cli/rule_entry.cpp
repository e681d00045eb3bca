#include "rule_entry.hpp"

#include "text_format.hpp"

#include "telework/suggest.hpp"
#include "telework/visible.hpp"

#include <fmt/format.h>

namespace telework::cli {

std::vector<std::string_view> profile_list(const RuleInfo& rule, const ProfileSet& profiles) {
    return profiles.profiles_with(rule);
}

std::string profiles_of(const RuleInfo& rule, const ProfileSet& profiles) {
    const std::string names = join_names(profile_list(rule, profiles));
    return rule.structure() ? fmt::format("every profile ({})", names) : names;
}

std::string render_rule_entry(const RuleInfo& rule, const ProfileSet& profiles) {
    std::string out = fmt::format("{} {}\n", rule.id, rule.name);
    out += fmt::format("  severity: {} (default)\n", to_string(rule.severity));
    out += fmt::format("  profiles: {}\n", profiles_of(rule, profiles));
    out += fmt::format("  judges:   {}\n", judged_records(rule.judges));
    if (rule.eligibility) out += "  also a check-eligibility criterion\n";
    // A profile file is repository content: its texts are shown, never printed raw.
    out += fmt::format("  citation: {}\n\n", visible(rule.citation));
    out += wrap_text(fmt::format("Flags: {}.", visible(rule.summary)), 76, "  ");
    out += "\n" + wrap_text(visible(rule.description), 76, "  ");
    out += fmt::format("\n  Policy text ({}):\n", visible(rule.source));
    out += wrap_text(fmt::format("\"{}\"", visible(rule.quote)), 74, "    ");
    return out;
}

} // namespace telework::cli
