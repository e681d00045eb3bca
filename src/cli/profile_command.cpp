#include "command.hpp"
#include "errors.hpp"
#include "json.hpp"
#include "output.hpp"
#include "run_setup.hpp"

#include "telework/engine.hpp"
#include "telework/suggest.hpp"
#include "telework/visible.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <cmath>

namespace telework::cli {

namespace {

struct ProfileOptions {
    std::string action;
    std::string target;
};

std::string number_text(const Threshold& t) {
    return t.integral ? fmt::format("{}", static_cast<long>(std::lround(t.value))) : fmt::format("{:g}", t.value);
}

std::string severity_text(const RuleInfo& rule, const RunSettings& settings) {
    const auto severity = effective_severity(rule, settings.severity_overrides);
    return severity ? std::string(to_string(*severity)) : std::string("off");
}

std::string renewal_text(const Profile& p) {
    std::string out = p.renewal.ends == RenewalPolicy::Ends::Annual
                          ? fmt::format("annual: the approval date + {} months, or term.end when earlier",
                                        p.renewal.months_threshold)
                          : std::string("at term.end");
    if (p.renewal.last_month) out += fmt::format(", and by {:02}-{:02} each year", *p.renewal.last_month, *p.renewal.last_day);
    for (const auto& trigger : p.renewal.required) {
        out += fmt::format("; now when {} fails ({})", trigger.rule, trigger.reason);
    }
    return out;
}

std::string render_show_text(const Profile& p, const RunSettings& settings) {
    std::string out = fmt::format("{}: {}\n", p.id, visible(p.title));
    out += fmt::format("  from:       {}\n", visible(p.origin));
    if (p.extends) out += fmt::format("  extends:    {}\n", *p.extends);
    out += fmt::format("  source:     {}\n", visible(p.source));
    out += fmt::format("  approval:   the latest of the {} signatures\n", join_names(std::vector<std::string_view>(
                                                                               p.approval_signatures.begin(),
                                                                               p.approval_signatures.end())));
    out += fmt::format("  renewal:    {}\n", renewal_text(p));
    out += "  thresholds:\n";
    for (const auto& t : p.thresholds) out += fmt::format("    {} = {}\n", t.name, number_text(t));
    out += fmt::format("  rules ({} of this profile, plus the structure rules TW001-TW008 of every profile):\n",
                       p.rules.size());
    std::size_t id_width = 7, name_width = 24;
    for (const auto& rule : p.rules) {
        id_width = std::max(id_width, rule->id.size());
        name_width = std::max(name_width, rule->name.size());
    }
    for (const auto& rule : p.rules) {
        std::string kinds;
        for (const auto kind : rule->kinds) kinds += (kinds.empty() ? "" : ", ") + std::string(kind);
        out += fmt::format("    {:<{}} {:<{}} {:<8} {:<30} {}\n", rule->id, id_width, rule->name, name_width,
                           severity_text(*rule, settings), judged_records(rule->judges), kinds);
    }
    return out;
}

json::Value profile_json(const Profile& p, const RunSettings& settings) {
    auto thresholds = json::Value::object();
    for (const auto& t : p.thresholds) {
        if (t.integral) {
            thresholds.set(t.name, static_cast<std::int64_t>(std::lround(t.value)));
        } else {
            thresholds.set(t.name, t.value);
        }
    }
    auto approval = json::Value::array();
    for (const auto& role : p.approval_signatures) approval.push(role);
    auto required = json::Value::array();
    for (const auto& trigger : p.renewal.required) {
        required.push(json::Value::object().set("rule", trigger.rule).set("reason", trigger.reason));
    }
    auto renewal = json::Value::object()
                       .set("ends", p.renewal.ends == RenewalPolicy::Ends::Annual ? "annual" : "term-end")
                       .set("months", p.renewal.ends == RenewalPolicy::Ends::Annual ? json::Value(p.renewal.months_threshold)
                                                                                    : json::Value(nullptr))
                       .set("last_day", p.renewal.last_month ? json::Value(fmt::format("{:02}-{:02}", *p.renewal.last_month,
                                                                                       *p.renewal.last_day))
                                                             : json::Value(nullptr))
                       .set("required", std::move(required));
    auto rules = json::Value::array();
    for (const auto& rule : p.rules) {
        auto kinds = json::Value::array();
        for (const auto kind : rule->kinds) kinds.push(kind);
        rules.push(json::Value::object()
                       .set("rule", rule->id)
                       .set("name", rule->name)
                       .set("severity", severity_text(*rule, settings))
                       .set("default_severity", to_string(rule->severity))
                       .set("declared_by", rule->profile)
                       .set("judges", judged_records(rule->judges))
                       .set("eligibility", rule->eligibility)
                       .set("citation", rule->citation)
                       .set("kinds", std::move(kinds)));
    }
    return json::Value::object()
        .set("id", p.id)
        .set("title", p.title)
        .set("origin", p.origin)
        .set("extends", p.extends ? json::Value(*p.extends) : json::Value(nullptr))
        .set("source", p.source)
        .set("approval_signatures", std::move(approval))
        .set("thresholds", std::move(thresholds))
        .set("renewal", std::move(renewal))
        .set("rules", std::move(rules));
}

const Profile& find_profile(RunSettings& settings, const std::string& target) {
    if (const Profile* found = settings.profiles->find(target)) return *found;
    if (target.ends_with(".toml") || target.find('/') != std::string::npos) {
        // A file telework.toml already names is shown as the run has it.
        std::error_code error;
        const auto wanted = std::filesystem::weakly_canonical(target, error);
        for (const Profile* p : settings.profiles->profiles()) {
            if (p->origin == "built-in") continue;
            std::error_code other_error;
            if (std::filesystem::weakly_canonical(p->origin, other_error) == wanted && !error && !other_error) return *p;
        }
        auto set = std::make_shared<ProfileSet>(*settings.profiles);
        auto loaded = load_profile_file(*set, target);
        if (!loaded) throw RunError(loaded.error().to_string());
        const Profile* profile = *loaded;
        settings.profiles = std::move(set);
        return *profile;
    }
    const auto ids = settings.profiles->ids();
    std::string message = fmt::format("unknown profile '{}'; expected one of {}, or a profile file (*.toml)",
                                      visible(target), join_names(ids));
    if (const auto guess = closest_match(target, ids)) message += fmt::format(" (did you mean '{}'?)", *guess);
    throw UsageError(message);
}

int run_profile(const GlobalOptions& global, const ProfileOptions& options) {
    const auto format = choose_format(global, "profile");
    RunSettings settings = prepare_profiles(global);
    std::string out;
    if (options.action == "list") {
        if (!options.target.empty()) throw UsageError("'profile list' takes no argument; use 'profile show ID|FILE'");
        if (format == "json") {
            auto list = json::Value::array();
            for (const Profile* p : settings.profiles->profiles()) {
                list.push(json::Value::object()
                              .set("id", p->id)
                              .set("title", p->title)
                              .set("origin", p->origin)
                              .set("extends", p->extends ? json::Value(*p->extends) : json::Value(nullptr))
                              .set("default", p->id == settings.default_profile)
                              .set("rules", p->rules.size()));
            }
            out = json::envelope(std::nullopt, settings.default_profile).set("profiles", std::move(list)).dump() + "\n";
        } else {
            for (const Profile* p : settings.profiles->profiles()) {
                out += fmt::format("{} {:<12} {:>3} rules  {:<10} {}\n", p->id == settings.default_profile ? '*' : ' ',
                                   p->id, p->rules.size(), visible(p->origin), visible(p->title));
            }
        }
    } else if (options.action == "show") {
        const Profile& p = find_profile(settings, options.target.empty() ? settings.default_profile : options.target);
        out = format == "json" ? json::envelope(std::nullopt, settings.default_profile)
                                         .set("profile", profile_json(p, settings))
                                         .dump() +
                                     "\n"
                               : render_show_text(p, settings);
    } else {
        static constexpr std::array<std::string_view, 2> actions = {"list", "show"};
        std::string message = fmt::format("unknown action '{}'; expected list or show", visible(options.action));
        if (const auto guess = closest_match(options.action, actions)) message += fmt::format(" (did you mean '{}'?)", *guess);
        throw UsageError(message);
    }
    write_result(global, out);
    return exit_ok;
}

} // namespace

std::function<int()> setup_profile(CLI::App& app, GlobalOptions& global) {
    auto options = std::make_shared<ProfileOptions>();
    options->action = "list";
    app.add_option("action", options->action, "list (every profile the run knows; the default) or show (one, after "
                                               "extends and telework.toml)");
    app.add_option("profile", options->target, "for show: a profile id or a profile file; the default profile without one");
    return [&global, options] { return run_profile(global, *options); };
}

} // namespace telework::cli
