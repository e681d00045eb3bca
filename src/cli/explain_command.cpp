#include "command.hpp"
#include "errors.hpp"
#include "json.hpp"
#include "output.hpp"
#include "rule_entry.hpp"
#include "run_setup.hpp"
#include "text_format.hpp"

#include "telework/catalog.hpp"
#include "telework/suggest.hpp"
#include "telework/visible.hpp"

#include <fmt/format.h>

#include <vector>

namespace telework::cli {

namespace {

// One rule's keys, added to `out`.
json::Value& add_entry(json::Value& out, const RuleInfo& rule, const ProfileSet& set) {
    auto profiles = json::Value::array();
    for (const auto profile : profile_list(rule, set)) profiles.push(profile);
    return out.set("rule", rule.id)
        .set("name", rule.name)
        .set("severity", to_string(rule.severity))
        .set("profiles", std::move(profiles))
        .set("judges", judged_records(rule.judges))
        .set("eligibility", rule.eligibility)
        .set("citation", rule.citation)
        .set("summary", rule.summary)
        .set("description", rule.description)
        .set("source", rule.source)
        .set("quote", rule.quote);
}

// By ID, or by name; a name two profiles share ("signatures") gives both rules.
std::vector<const RuleInfo*> rules_named(const ProfileSet& set, std::string_view wanted, std::string_view prefer) {
    std::vector<const RuleInfo*> found = set.rules_named(wanted);
    if (found.empty()) {
        if (const RuleInfo* rule = set.find_rule(wanted, prefer)) found.push_back(rule);
    }
    return found;
}

int run_explain(const GlobalOptions& global, const std::string& wanted) {
    const auto format = choose_format(global, "explain");
    const RunSettings settings = prepare_profiles(global);
    const ProfileSet& set = *settings.profiles;
    std::vector<const RuleInfo*> rules;
    if (wanted.empty()) {
        rules = set.all_rules();
    } else if (const auto named = rules_named(set, wanted, settings.default_profile); !named.empty()) {
        rules = named;
    } else {
        std::vector<std::string_view> names;
        for (const RuleInfo* r : set.all_rules()) {
            names.push_back(r->id);
            names.push_back(r->name);
        }
        std::string message = fmt::format("unknown rule '{}'", wanted);
        if (const auto guess = closest_match(wanted, names)) message += fmt::format(" (did you mean '{}'?)", *guess);
        throw UsageError(message + "; 'telework explain' lists every rule");
    }
    std::string out;
    if (format == "json") {
        // The envelope (explain judges nothing: as_of and profile are null),
        // then, for one rule asked for, its keys, and always "rules": every
        // rule shown.
        auto root = json::envelope(std::nullopt, std::nullopt);
        if (rules.size() == 1 && !wanted.empty()) add_entry(root, *rules.front(), set);
        auto list = json::Value::array();
        for (const RuleInfo* rule : rules) {
            auto entry = json::Value::object();
            list.push(std::move(add_entry(entry, *rule, set)));
        }
        out = root.set("rules", std::move(list)).dump() + "\n";
    } else if (wanted.empty()) {
        for (const RuleInfo* rule : rules) {
            out += fmt::format("{:<7} {:<24} {:<8} {:<9} {}\n", rule->id, rule->name, to_string(rule->severity),
                               rule->structure() ? "all" : profiles_of(*rule, set), visible(rule->citation));
        }
    } else {
        for (const RuleInfo* rule : rules) out += (out.empty() ? "" : "\n") + render_rule_entry(*rule, set);
    }
    write_result(global, out);
    return exit_ok;
}

} // namespace

std::function<int()> setup_explain(CLI::App& app, GlobalOptions& global) {
    auto rule = std::make_shared<std::string>();
    app.add_option("rule", *rule, "rule ID (CT201) or name (max-term)");
    return [&global, rule] { return run_explain(global, *rule); };
}

} // namespace telework::cli
