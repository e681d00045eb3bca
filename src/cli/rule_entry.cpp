#include "rule_entry.hpp"

#include "text_format.hpp"

#include <fmt/format.h>

namespace telework::cli {

std::string profiles_of(const RuleInfo& rule) {
    switch (rule.set) {
    case RuleSet::Structure: return "every profile (opm, ct-gl32)";
    case RuleSet::Opm: return "opm";
    case RuleSet::CtGl32: return "ct-gl32";
    }
    return "";
}

std::vector<std::string_view> profile_list(const RuleInfo& rule) {
    switch (rule.set) {
    case RuleSet::Structure: return {"opm", "ct-gl32"};
    case RuleSet::Opm: return {"opm"};
    case RuleSet::CtGl32: return {"ct-gl32"};
    }
    return {};
}

std::string_view judged_records(const RuleInfo& rule) {
    switch (rule.judges) {
    case Judges::Every: return "every record";
    case Judges::Approved: return "approved records";
    case Judges::ApprovedOrProposed: return "approved and proposed records";
    case Judges::DeniedOrTerminated: return "denied and terminated records";
    }
    return "";
}

std::string render_rule_entry(const RuleInfo& rule) {
    std::string out = fmt::format("{} {}\n", rule.id, rule.name);
    out += fmt::format("  severity: {} (default)\n", to_string(rule.severity));
    out += fmt::format("  profiles: {}\n", profiles_of(rule));
    out += fmt::format("  judges:   {}\n", judged_records(rule));
    if (rule.eligibility) out += "  also a check-eligibility criterion\n";
    out += fmt::format("  citation: {}\n\n", rule.citation);
    out += wrap_text(fmt::format("Flags: {}.", rule.summary), 76, "  ");
    out += "\n" + wrap_text(rule.description, 76, "  ");
    out += fmt::format("\n  Policy text ({}):\n", rule.source);
    out += wrap_text(fmt::format("\"{}\"", rule.quote), 74, "    ");
    return out;
}

} // namespace telework::cli
