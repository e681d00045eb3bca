#include "profile_loader.hpp"

#include "kinds/kind.hpp"
#include "toml_reading.hpp"

#include "telework/suggest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <set>

namespace telework {

bool is_kebab(std::string_view text) {
    if (text.empty() || !(text.front() >= 'a' && text.front() <= 'z') || text.back() == '-') return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && text[i - 1] != '-');
        if (!ok) return false;
    }
    return true;
}

namespace {

using namespace toml_reading;

// Capital letters, then digits: AGY001. TW is the format's own.
bool is_rule_id(std::string_view text) {
    std::size_t letters = 0;
    while (letters < text.size() && text[letters] >= 'A' && text[letters] <= 'Z') ++letters;
    if (letters == 0 || letters == text.size() || text.size() > 16) return false;
    return std::all_of(text.begin() + static_cast<std::ptrdiff_t>(letters), text.end(),
                       [](char c) { return c >= '0' && c <= '9'; });
}

const std::string& string_at(const toml::node& node, std::string_view key) {
    const auto* text = node.as_string();
    if (!text) fail(node, fmt::format("'{}' must be a string", key));
    return text->get();
}

const toml::table& table_at(const toml::node& node, std::string_view key) {
    const auto* table = node.as_table();
    if (!table) fail(node, fmt::format("'{}' must be a table", key));
    return *table;
}

std::optional<std::pair<int, int>> month_day(std::string_view text) {
    int month = 0, day = 0;
    if (text.size() != 5 || text[2] != '-' || std::sscanf(std::string(text).c_str(), "%2d-%2d", &month, &day) != 2) {
        return std::nullopt;
    }
    if (!Date::parse(fmt::format("2027-{}", text))) return std::nullopt;
    return std::pair{month, day};
}

constexpr std::size_t max_rules = 1000;
constexpr std::size_t max_checks = 32;

class ProfileReader {
public:
    ProfileReader(const ExtendsResolver& resolve) : resolve_(resolve) {}

    Profile read(const toml::table& root) {
        static constexpr std::array<std::string_view, 9> known = {
            "id", "title", "source", "extends", "approval_signatures", "thresholds", "renewal", "rules", "description"};
        const toml::node* id = root.get("id");
        if (!id) throw TomlProblem{{1, 1}, "a profile needs 'id', its kebab-case name (for example id = \"agency\")"};
        profile_.id = string_at(*id, "id");
        if (!is_kebab(profile_.id)) fail(*id, fmt::format("profile id '{}' must be kebab-case, like 'ct-gl32'", profile_.id));
        // extends first: the base's thresholds are what this profile's rules may name.
        if (const toml::node* extends = root.get("extends")) read_extends(*extends);
        for (const auto& [key_ptr, node_ptr] : in_file_order(root)) {
            const toml::key& key = *key_ptr;
            const toml::node& node = *node_ptr;
            if (key == "id" || key == "extends" || key == "rules") continue;
            if (key == "title") {
                profile_.title = string_at(node, "title");
            } else if (key == "source") {
                profile_.source = string_at(node, "source");
            } else if (key == "description") {
                string_at(node, "description");
            } else if (key == "approval_signatures") {
                read_approval(node);
            } else if (key == "thresholds") {
                read_thresholds(table_at(node, "thresholds"));
            } else if (key == "renewal") {
                read_renewal(table_at(node, "renewal"));
            } else {
                unknown_key(key, "profile", known);
            }
        }
        for (const auto& [key, node] : std::initializer_list<std::pair<std::string_view, const std::string*>>{
                 {"title", &profile_.title}, {"source", &profile_.source}}) {
            if (node->empty()) throw TomlProblem{id->source().begin, fmt::format("profile '{}' needs '{}'", profile_.id, key)};
        }
        if (profile_.approval_signatures.empty()) {
            throw TomlProblem{id->source().begin,
                              fmt::format("profile '{}' needs 'approval_signatures', the roles whose latest signature "
                                          "date is the approval date",
                                          profile_.id)};
        }
        if (const toml::node* rules = root.get("rules")) read_rules(*rules);
        check_renewal_triggers(root);
        return std::move(profile_);
    }

private:
    void read_extends(const toml::node& node) {
        const std::string& name = string_at(node, "extends");
        std::string error;
        const Profile* base = resolve_(name, error);
        if (!base) fail(node, error);
        const std::string id = profile_.id;
        profile_ = *base;
        profile_.id = id;
        profile_.title.clear();
        profile_.origin.clear();
        profile_.extends = base->id;
    }

    void read_approval(const toml::node& node) {
        const auto* array = node.as_array();
        if (!array || array->empty() || array->size() > max_checks) {
            fail(node, fmt::format("'approval_signatures' must be a list of 1 to {} roles, such as [\"employee\", \"manager\"]",
                                   max_checks));
        }
        profile_.approval_signatures.clear();
        for (const auto& item : *array) {
            const auto* text = item.as_string();
            const bool snake = text && !text->get().empty() &&
                               text->get().find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") == std::string::npos;
            const auto guess = text ? closest_match(text->get(), EnumNames<Role>::names) : std::nullopt;
            if (!snake || (!parse_enum<Role>(text->get()) && guess)) {
                std::string message = fmt::format("unknown role in 'approval_signatures'; expected one of {} or a "
                                                  "snake_case role of signatures.others",
                                                  join_names(EnumNames<Role>::names));
                if (guess) message += fmt::format(" (did you mean '{}'?)", *guess);
                fail(item, std::move(message));
            }
            profile_.approval_signatures.push_back(text->get());
        }
    }

    void read_thresholds(const toml::table& table) {
        for (const auto& [key_ptr, node_ptr] : in_file_order(table)) {
            const std::string name(key_ptr->str());
            const toml::node& node = *node_ptr;
            if (!is_kebab(name) && name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos) {
                fail_key(*key_ptr, fmt::format("threshold name '{}' must be snake_case", name));
            }
            Threshold threshold{name, 0, true};
            if (const auto* integer = node.as_integer()) {
                if (integer->get() < 0 || integer->get() > 3660) fail(node, fmt::format("threshold '{}' must be a whole number from 0 to 3660", name));
                threshold.value = static_cast<double>(integer->get());
            } else if (const auto* share = node.as_floating_point()) {
                if (!(share->get() > 0 && share->get() <= 1)) {
                    fail(node, fmt::format("threshold '{}' must be a number above 0 and at most 1 (0.5 = 50%)", name));
                }
                threshold.value = share->get();
                threshold.integral = false;
            } else {
                fail(node, fmt::format("threshold '{}' must be a whole number (days, months) or a share such as 0.5", name));
            }
            auto existing = std::find_if(profile_.thresholds.begin(), profile_.thresholds.end(),
                                         [&](const Threshold& t) { return t.name == name; });
            if (existing == profile_.thresholds.end()) {
                profile_.thresholds.push_back(threshold);
            } else if (existing->integral != threshold.integral) {
                fail(node, fmt::format("threshold '{}' is a {} in '{}'; an extending profile keeps its type", name,
                                       existing->integral ? "whole number" : "share", *profile_.extends));
            } else {
                existing->value = threshold.value;
            }
        }
    }

    void read_renewal(const toml::table& table) {
        static constexpr std::array<std::string_view, 4> known = {"ends", "months", "last_day", "required"};
        auto& renewal = profile_.renewal;
        for (const auto& [key_ptr, node_ptr] : in_file_order(table)) {
            const toml::key& key = *key_ptr;
            const toml::node& node = *node_ptr;
            if (key == "ends") {
                const std::string& ends = string_at(node, "ends");
                if (ends == "term-end") {
                    renewal.ends = RenewalPolicy::Ends::TermEnd;
                } else if (ends == "annual") {
                    renewal.ends = RenewalPolicy::Ends::Annual;
                } else {
                    fail(node, fmt::format("'ends' must be \"term-end\" or \"annual\"; got '{}'", ends));
                }
            } else if (key == "months") {
                const std::string& name = string_at(node, "months");
                if (!profile_.threshold(name)) fail(node, fmt::format("'months' must name a threshold of this profile; '{}' is none", name));
                renewal.months_threshold = name;
            } else if (key == "last_day") {
                const auto day = month_day(string_at(node, "last_day"));
                if (!day) fail(node, "'last_day' must be a day of every year as MM-DD, such as \"06-30\"");
                renewal.last_month = day->first;
                renewal.last_day = day->second;
            } else if (key == "required") {
                const auto* array = node.as_array();
                if (!array || array->size() > max_checks) {
                    fail(node, fmt::format("'required' must be a list of at most {} {{ rule = \"ID\", reason = \"kebab-case\" }}",
                                           max_checks));
                }
                renewal.required.clear();
                for (const auto& item : *array) {
                    const auto* entry = item.as_table();
                    const toml::node* rule = entry ? entry->get("rule") : nullptr;
                    const toml::node* reason = entry ? entry->get("reason") : nullptr;
                    if (!rule || !reason || entry->size() != 2) {
                        fail(item, "each entry of 'required' is { rule = \"ID\", reason = \"kebab-case\" }");
                    }
                    const std::string& why = string_at(*reason, "reason");
                    if (!is_kebab(why)) fail(*reason, fmt::format("reason '{}' must be kebab-case", why));
                    renewal.required.push_back({string_at(*rule, "rule"), why});
                    trigger_nodes_.push_back(rule);
                }
            } else {
                unknown_key(key, "renewal", known);
            }
        }
        if (renewal.ends == RenewalPolicy::Ends::Annual && !profile_.threshold(renewal.months_threshold)) {
            throw TomlProblem{table.source().begin,
                              fmt::format("an annual renewal needs 'months', a threshold such as renewal_months")};
        }
    }

    void check_renewal_triggers(const toml::table&) {
        for (std::size_t i = 0; i < trigger_nodes_.size(); ++i) {
            if (!profile_.rule(profile_.renewal.required[i].rule)) {
                fail(*trigger_nodes_[i], fmt::format("'{}' is no rule of profile '{}'", profile_.renewal.required[i].rule,
                                                     profile_.id));
            }
        }
    }

    void read_rules(const toml::node& node) {
        const auto* array = node.as_array();
        if (!array) fail(node, "'rules' must be a list of tables ([[rules]])");
        // Every rule runs on every record: the count is capped so that a
        // pull request cannot make a run cost what it likes.
        if (array->size() > max_rules) {
            fail(node, fmt::format("{} rules in one profile; at most {} are allowed", array->size(), max_rules));
        }
        for (const auto& item : *array) {
            const auto* table = item.as_table();
            if (!table) fail(item, "each entry of 'rules' must be a table ([[rules]])");
            read_rule(*table);
        }
    }

    void read_rule(const toml::table& table) {
        static constexpr std::array<std::string_view, 13> known = {
            "id",   "name",     "severity", "judges", "eligibility", "citation", "summary",
            "description", "source", "quote", "override", "then", "url"};
        auto rule = std::make_shared<RuleInfo>();
        rule->profile = profile_.id;
        rule->source = profile_.source;
        rule->judges = StatusSet::of({Status::Approved});
        bool override = false;
        const toml::node* id_node = table.get("id");
        if (!id_node) throw TomlProblem{table.source().begin, "a rule needs 'id', such as \"AGY001\""};
        rule->id = string_at(*id_node, "id");
        if (!is_rule_id(rule->id) || rule->id.starts_with("TW")) {
            fail(*id_node, fmt::format("rule id '{}' must be capital letters then digits, such as AGY001 (TW is the "
                                       "format's own)",
                                       rule->id));
        }
        const toml::node* then = nullptr;
        for (const auto& [key_ptr, node_ptr] : in_file_order(table)) {
            const toml::key& key = *key_ptr;
            const toml::node& value = *node_ptr;
            if (key == "id") continue;
            if (key == "name") {
                rule->name = string_at(value, "name");
                if (!is_kebab(rule->name)) fail(value, fmt::format("rule name '{}' must be kebab-case, like 'max-term'", rule->name));
            } else if (key == "severity") {
                const auto severity = parse_severity(string_at(value, "severity"));
                if (!severity) fail(value, "'severity' must be \"error\", \"warning\" or \"info\"");
                rule->severity = *severity;
            } else if (key == "judges") {
                rule->judges = read_judges(value);
            } else if (key == "eligibility" || key == "override") {
                const auto* flag = value.as_boolean();
                if (!flag) fail(value, fmt::format("'{}' must be true or false", key.str()));
                (key == "override" ? override : rule->eligibility) = flag->get();
            } else if (key == "citation") {
                rule->citation = string_at(value, "citation");
            } else if (key == "summary") {
                rule->summary = string_at(value, "summary");
            } else if (key == "description") {
                rule->description = string_at(value, "description");
            } else if (key == "source") {
                rule->source = string_at(value, "source");
            } else if (key == "quote") {
                rule->quote = string_at(value, "quote");
            } else if (key == "url") {
                string_at(value, "url");
            } else if (key == "then") {
                then = &value;
            } else {
                unknown_key(key, "rules", known);
            }
        }
        for (const auto& [key, text] : std::initializer_list<std::pair<std::string_view, const std::string*>>{
                 {"name", &rule->name}, {"citation", &rule->citation}, {"summary", &rule->summary}, {"quote", &rule->quote}}) {
            if (text->empty()) fail(*id_node, fmt::format("rule {} needs '{}'", rule->id, key));
        }
        if (rule->description.empty()) rule->description = rule->summary;
        if (!then) fail(*id_node, fmt::format("rule {} needs 'then': one or more checks ([[rules.then]] with a kind)", rule->id));
        read_checks(*then, *rule);
        place(std::move(rule), override, *id_node);
    }

    StatusSet read_judges(const toml::node& node) {
        if (const auto* text = node.as_string(); text && text->get() == "every") return StatusSet::every();
        return read_statuses(node, "judges", "'judges' must be \"every\" or a list of statuses, such as [\"approved\"]");
    }

    void read_checks(const toml::node& node, RuleInfo& rule) {
        std::vector<const toml::table*> tables;
        if (const auto* single = node.as_table()) {
            tables.push_back(single);
        } else if (const auto* array = node.as_array(); array && !array->empty()) {
            for (const auto& item : *array) {
                const auto* table = item.as_table();
                if (!table) fail(item, "each check in 'then' is a table with a 'kind'");
                tables.push_back(table);
            }
        } else {
            fail(node, "'then' must be a check ([rules.then]) or a list of checks ([[rules.then]]) with a 'kind'");
        }
        if (tables.size() > max_checks) {
            fail(node, fmt::format("rule {} has {} checks; at most {} are allowed", rule.id, tables.size(), max_checks));
        }
        const kinds::ProfileScope scope{profile_.thresholds};
        for (const toml::table* table : tables) {
            const toml::node* kind_node = table->get("kind");
            if (!kind_node) throw TomlProblem{table->source().begin, fmt::format("a check of rule {} needs 'kind'", rule.id)};
            const std::string& kind = string_at(*kind_node, "kind");
            const kinds::KindInfo* info = kinds::find_kind(kind);
            if (!info) {
                std::vector<std::string_view> names;
                for (const auto& k : kinds::all_kinds()) names.push_back(k.name);
                std::string message = fmt::format("unknown kind '{}'", kind);
                if (const auto guess = closest_match(kind, names)) message += fmt::format(" (did you mean '{}'?)", *guess);
                message += "; docs/profiles.md lists the kinds";
                fail(*kind_node, std::move(message));
            }
            kinds::Params params(*table, scope, kind);
            auto when = params.when();
            auto check = info->parse(params);
            rule.checks.push_back(when ? kinds::only_when(std::move(*when), std::move(check)) : std::move(check));
            rule.kinds.push_back(info->name);
            params.finish();
        }
    }

    void place(std::shared_ptr<RuleInfo> rule, bool override, const toml::node& id_node) {
        auto& rules = profile_.rules;
        const auto same = std::find_if(rules.begin(), rules.end(), [&](const auto& r) { return r->id == rule->id; });
        if (!own_.insert(rule->id).second) fail(id_node, fmt::format("rule id {} is used twice in this profile", rule->id));
        if (same != rules.end()) {
            if (!override) {
                fail(id_node, fmt::format("rule {} is inherited from '{}'; say 'override = true' to replace it", rule->id,
                                          *profile_.extends));
            }
            *same = std::move(rule);
            return;
        }
        if (override) fail(id_node, fmt::format("rule {} overrides nothing: no inherited rule has that id", rule->id));
        rules.push_back(std::move(rule));
    }

    const ExtendsResolver& resolve_;
    Profile profile_;
    std::set<std::string> own_;
    std::vector<const toml::node*> trigger_nodes_;
};

} // namespace

Expected<Profile, ConfigError> parse_profile(std::string_view text, const std::string& name,
                                             const ExtendsResolver& resolve_extends) {
    std::optional<Profile> profile;
    const ConfigLimits limits;
    auto problem = read_document(text, name, limits, [&](const toml::table& root) {
        profile = ProfileReader(resolve_extends).read(root);
    });
    if (problem) return unexpected(std::move(*problem));
    return std::move(*profile);
}

} // namespace telework
