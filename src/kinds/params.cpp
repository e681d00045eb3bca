#include "kind.hpp"

#include "rules/rule_helpers.hpp"
#include "telework/suggest.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace telework::kinds {

using toml_reading::fail;

double Number::value(const RuleContext& context) const {
    if (threshold.empty()) return literal;
    return context.profile.threshold(threshold).value_or(literal);
}

std::string Template::render(Values values) const {
    std::string out;
    for (std::size_t i = 0; i < text_.size(); ++i) {
        if (text_[i] == '{') {
            const auto close = text_.find('}', i);
            if (close != std::string::npos) {
                const std::string_view name = std::string_view(text_).substr(i + 1, close - i - 1);
                const auto found = std::find_if(values.begin(), values.end(), [&](const auto& v) { return v.first == name; });
                if (found != values.end()) {
                    out += found->second;
                    i = close;
                    continue;
                }
            }
        }
        out += text_[i];
    }
    return out;
}

bool FactValue::matches(const FactView& fact) const {
    if (!fact.present()) return false;
    switch (type) {
    case FactView::Type::Bool: return fact.boolean == boolean;
    case FactView::Type::Integer: return fact.integer == integer;
    case FactView::Type::Date: return fact.date == date;
    default: return fact.text == text;
    }
}

std::string FactValue::to_text() const {
    switch (type) {
    case FactView::Type::Bool: return boolean ? "true" : "false";
    case FactView::Type::Integer: return std::to_string(integer);
    case FactView::Type::Date: return date.to_string();
    default: return text;
    }
}

bool Condition::holds(const Agreement& record) const {
    const FactView view = fact->get(record);
    return equals ? equals->matches(view) : view.present();
}

std::string_view status_word(const Agreement& record) {
    return record.status.present() ? to_string(record.status.value) : std::string_view("this");
}

std::string missing_words(const FactView& fact, std::string_view name) {
    return fact.presence == Presence::Null ? fmt::format("'{}' is not yet answered (null)", name)
                                           : fmt::format("'{}' is not recorded", name);
}

Params::Params(const toml::table& table, const ProfileScope& scope, std::string_view kind)
    : table_(table), scope_(scope), kind_(kind) {}

const toml::node* Params::node(std::string_view key) {
    read_.emplace_back(key);
    return table_.get(key);
}

const toml::array& Params::list(std::string_view key, std::string_view what) {
    const toml::node* at = node(key);
    const toml::array* array = at ? at->as_array() : nullptr;
    if (!array || array->empty()) fail(key, fmt::format("kind '{}' needs '{}', {}", kind_, key, what));
    if (array->size() > max_list_items) {
        fail_at(*at, fmt::format("'{}' holds {} entries; at most {} are allowed", key, array->size(), max_list_items));
    }
    return *array;
}

void Params::fail(std::string_view key, std::string message) const {
    if (const toml::node* at = table_.get(key)) toml_reading::fail(*at, std::move(message));
    // A parameter that is missing because it is misspelt is reported at the misspelling.
    const std::array<std::string_view, 1> wanted = {key};
    for (const auto& [other, node] : table_) {
        if (other.str() == "kind" || !closest_match(other.str(), wanted)) continue;
        toml_reading::fail_key(other, fmt::format("unknown parameter '{}' for kind '{}' (did you mean '{}'?)", other.str(),
                                                  kind_, key));
    }
    throw toml_reading::TomlProblem{table_.source().begin, std::move(message)};
}

void Params::fail_at(const toml::node& node, std::string message) const { toml_reading::fail(node, std::move(message)); }

const FactPath& Params::fact_at(const toml::node& node, std::string_view what) {
    const auto* text = node.as_string();
    if (!text) fail_at(node, fmt::format("'{}' must be a key path of the format page, such as \"employee.id\"", what));
    if (const FactPath* fact = find_fact(text->get())) return *fact;
    std::vector<std::string_view> known;
    for (const auto& f : fact_paths()) known.push_back(f.path);
    std::string message = fmt::format("unknown key path '{}' in '{}'", text->get(), what);
    if (const auto guess = closest_match(text->get(), known)) message += fmt::format(" (did you mean '{}'?)", *guess);
    fail_at(node, std::move(message));
}

const FactPath& Params::fact(std::string_view key) {
    const toml::node* at = node(key);
    if (!at) fail(key, fmt::format("kind '{}' needs '{}'", kind_, key));
    return fact_at(*at, key);
}

const FactPath* Params::optional_fact(std::string_view key) {
    const toml::node* at = node(key);
    return at ? &fact_at(*at, key) : nullptr;
}

std::optional<Number> Params::optional_number(std::string_view key, bool whole) {
    const toml::node* at = node(key);
    if (!at) return std::nullopt;
    if (const auto* name = at->as_string()) {
        const auto found = std::find_if(scope_.thresholds.begin(), scope_.thresholds.end(),
                                        [&](const Threshold& t) { return t.name == name->get(); });
        if (found == scope_.thresholds.end()) {
            std::vector<std::string_view> known;
            for (const auto& t : scope_.thresholds) known.push_back(t.name);
            std::string message = fmt::format("'{}' names no threshold of this profile", name->get());
            if (const auto guess = closest_match(name->get(), known)) {
                message += fmt::format(" (did you mean '{}'?)", *guess);
            } else if (!known.empty()) {
                message += fmt::format("; its thresholds are {}", join_names(known));
            }
            fail_at(*at, std::move(message));
        }
        if (whole && !found->integral) fail_at(*at, fmt::format("'{}' needs a whole number; threshold '{}' is a share", key, found->name));
        return Number{found->value, found->name};
    }
    const auto* integer = at->as_integer();
    const auto* floating = at->as_floating_point();
    if (whole && (!integer || integer->get() < 0 || integer->get() > 3660)) {
        fail_at(*at, fmt::format("'{}' must be a whole number from 0 to 3660, or the name of a threshold", key));
    }
    if (!whole) {
        const double value = integer ? static_cast<double>(integer->get()) : floating ? floating->get() : -1;
        if (!(value > 0 && value <= 1)) {
            fail_at(*at, fmt::format("'{}' must be a number above 0 and at most 1 (0.5 = 50%), or the name of a "
                                     "threshold",
                                     key));
        }
        return Number{value, {}};
    }
    return Number{static_cast<double>(integer->get()), {}};
}

Number Params::number(std::string_view key, bool whole) {
    if (auto value = optional_number(key, whole)) return *value;
    fail(key, fmt::format("kind '{}' needs '{}'", kind_, key));
}

std::optional<std::string> Params::optional_text(std::string_view key) {
    const toml::node* at = node(key);
    if (!at) return std::nullopt;
    const auto* text = at->as_string();
    if (!text) fail_at(*at, fmt::format("'{}' must be a string", key));
    return text->get();
}

std::string Params::text(std::string_view key) {
    if (auto value = optional_text(key)) return *value;
    fail(key, fmt::format("kind '{}' needs '{}'", kind_, key));
}

bool Params::boolean(std::string_view key, bool fallback) {
    const toml::node* at = node(key);
    if (!at) return fallback;
    const auto* value = at->as_boolean();
    if (!value) fail_at(*at, fmt::format("'{}' must be true or false", key));
    return value->get();
}

std::string Params::choice(std::string_view key, std::span<const std::string_view> choices, std::string_view fallback) {
    const toml::node* at = node(key);
    if (!at) return std::string(fallback);
    const auto* text = at->as_string();
    if (text && std::find(choices.begin(), choices.end(), text->get()) != choices.end()) return text->get();
    std::string message = fmt::format("'{}' must be one of {}", key, join_names(choices));
    if (const auto guess = text ? closest_match(text->get(), choices) : std::nullopt) {
        message += fmt::format(" (did you mean '{}'?)", *guess);
    }
    fail_at(*at, std::move(message));
}

Template Params::message_at(const toml::node& node, std::span<const std::string_view> allowed) {
    const auto* text = node.as_string();
    if (!text) fail_at(node, "a message must be a string");
    const std::string& value = text->get();
    for (std::size_t open = value.find('{'); open != std::string::npos; open = value.find('{', open + 1)) {
        const auto close = value.find('}', open);
        if (close == std::string::npos) break;
        const std::string_view name = std::string_view(value).substr(open + 1, close - open - 1);
        const bool is_placeholder = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || c == '_';
        });
        if (is_placeholder && std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
            std::string message = fmt::format("unknown placeholder '{{{}}}' in a message of kind '{}'", name, kind_);
            if (const auto guess = closest_match(name, allowed)) message += fmt::format(" (did you mean '{{{}}}'?)", *guess);
            message += fmt::format("; it fills {}", join_names(allowed));
            fail_at(node, std::move(message));
        }
    }
    return Template(value);
}

Template Params::message(std::string_view key, std::string_view fallback, std::span<const std::string_view> allowed) {
    const toml::node* at = node(key);
    return at ? message_at(*at, allowed) : Template(std::string(fallback));
}

FactValue Params::value_for(const FactPath& fact, const toml::node& node) {
    FactValue value;
    value.type = fact.type();
    const auto mismatch = [&] {
        fail_at(node, fmt::format("'{}' is {}; the value must be that too", fact.path, describe_type(fact)));
    };
    switch (value.type) {
    case FactView::Type::Bool:
        if (!node.as_boolean()) mismatch();
        value.boolean = node.as_boolean()->get();
        break;
    case FactView::Type::Integer:
        if (!node.as_integer()) mismatch();
        value.integer = static_cast<int>(node.as_integer()->get());
        break;
    case FactView::Type::Text:
        if (!node.as_string()) mismatch();
        value.text = node.as_string()->get();
        break;
    case FactView::Type::Date: {
        const auto* text = node.as_string();
        const auto* date = node.as_date();
        std::optional<Date> parsed;
        if (text) parsed = Date::parse(text->get());
        if (date) parsed = Date::parse(fmt::format("{:04}-{:02}-{:02}", date->get().year, date->get().month, date->get().day));
        if (!parsed) mismatch();
        value.date = *parsed;
        break;
    }
    case FactView::Type::Enum: {
        const auto* text = node.as_string();
        const auto names = fact.get(Agreement{}).names;
        if (!text || std::find(names.begin(), names.end(), text->get()) == names.end()) {
            std::string message = fmt::format("'{}' is {}", fact.path, describe_type(fact));
            if (const auto guess = text ? closest_match(text->get(), names) : std::nullopt) {
                message += fmt::format(" (did you mean '{}'?)", *guess);
            }
            fail_at(node, std::move(message));
        }
        value.text = text->get();
        break;
    }
    case FactView::Type::List:
    case FactView::Type::Answers:
    case FactView::Type::Block:
        if (value.type == FactView::Type::Answers && node.as_boolean()) {
            value.type = FactView::Type::Bool;
            value.boolean = node.as_boolean()->get();
            break;
        }
        fail_at(node, fmt::format("'{}' is {}: it cannot be compared with a value", fact.path, describe_type(fact)));
    }
    return value;
}

std::optional<Condition> Params::when() {
    const toml::node* at = node("when");
    if (!at) return std::nullopt;
    const auto* table = at->as_table();
    if (!table) fail_at(*at, "'when' must be a table: { fact = \"...\", equals = ... } or { fact = \"...\", given = true }");
    Condition condition;
    const toml::node* fact = table->get("fact");
    if (!fact) fail_at(*at, "'when' needs 'fact'");
    condition.fact = &fact_at(*fact, "when.fact");
    for (const auto& [key, value] : *table) {
        if (key == "fact") continue;
        if (key == "equals") {
            condition.equals = value_for(*condition.fact, value);
        } else if (key == "given") {
            if (!value.as_boolean() || !value.as_boolean()->get()) fail_at(value, "'given' can only be true");
        } else {
            static constexpr std::array<std::string_view, 3> known = {"fact", "equals", "given"};
            toml_reading::unknown_key(key, "when", known);
        }
    }
    return condition;
}

void Params::finish() {
    for (const auto& [key_ptr, node_ptr] : toml_reading::in_file_order(table_)) {
        const std::string_view key = key_ptr->str();
        if (key == "kind" || std::find(read_.begin(), read_.end(), key) != read_.end()) continue;
        std::vector<std::string_view> known(read_.begin(), read_.end());
        std::string message = fmt::format("unknown parameter '{}' for kind '{}'", key, kind_);
        if (const auto guess = closest_match(key, known)) message += fmt::format(" (did you mean '{}'?)", *guess);
        else if (!known.empty()) message += fmt::format("; it takes {}", join_names(known));
        toml_reading::fail_key(*key_ptr, std::move(message));
    }
}

namespace {

class WhenCheck final : public Check {
public:
    WhenCheck(Condition condition, std::shared_ptr<const Check> check)
        : condition_(std::move(condition)), check_(std::move(check)) {}
    void evaluate(const RuleContext& context, EvaluationSink& out) const override {
        if (condition_.holds(context.record)) check_->evaluate(context, out);
    }

private:
    Condition condition_;
    std::shared_ptr<const Check> check_;
};

// clang-format off
const std::array kinds = {
    KindInfo{"required-facts", parse_required_facts, "each listed fact is given (not absent, null or empty)"},
    KindInfo{"some-items", parse_some_items, "when the first list is given, the lists together hold an item"},
    KindInfo{"fact-equals", parse_fact_equals, "a fact, or each question of a group, has a given value"},
    KindInfo{"required-signatures", parse_required_signatures, "the signatures of these roles, with name and date"},
    KindInfo{"signer-is-current", parse_signer_is_current, "the person who signed in a role is the current one"},
    KindInfo{"dated-before-approval", parse_dated_before_approval, "a dated fact on or before approval, optionally not too old"},
    KindInfo{"within-days", parse_within_days, "a date at most N days after another"},
    KindInfo{"no-recent-event", parse_no_recent_event, "no dated event in the N months up to approval"},
    KindInfo{"min-rating", parse_min_rating, "a performance rating at least this good"},
    KindInfo{"max-term-months", parse_max_term_months, "the term lasts at most N months"},
    KindInfo{"ends-by-date", parse_ends_by_date, "the term ends by a fixed day of the year"},
    KindInfo{"max-telework-share", parse_max_telework_share, "telework share per week or pay period at most N"},
    KindInfo{"min-onsite-days", parse_min_onsite_days, "at least N days at the official worksite per week or pay period"},
    KindInfo{"max-telework-days", parse_max_telework_days, "at most N telework days per week or pay period"},
    KindInfo{"reapply-after", parse_reapply_after, "a new request no sooner than N months after an earlier removal"},
    KindInfo{"whole-days", parse_whole_days, "built-in (GL32 IV.D): partial days only with field work"},
    KindInfo{"personal-computer", parse_personal_computer, "built-in (GL32 III.C.1): a personal computer needs an exception"},
};
// clang-format on

} // namespace

std::shared_ptr<const Check> only_when(Condition condition, std::shared_ptr<const Check> check) {
    return std::make_shared<WhenCheck>(std::move(condition), std::move(check));
}

std::span<const KindInfo> all_kinds() { return kinds; }

const KindInfo* find_kind(std::string_view name) {
    const auto found = std::find_if(kinds.begin(), kinds.end(), [&](const KindInfo& k) { return k.name == name; });
    return found == kinds.end() ? nullptr : &*found;
}

} // namespace telework::kinds
