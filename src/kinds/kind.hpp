#pragma once

#include "facts.hpp"
#include "toml_reading.hpp"

#include "telework/catalog.hpp"
#include "telework/profile.hpp"
#include "telework/suggest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// The vocabulary of rule kinds (docs/profiles.md): each kind is one class
// with typed parameters, read and checked when a profile is loaded.
namespace telework::kinds {

// A number a profile gives as a literal or as the name of one of its
// thresholds, read at evaluation so that telework.toml can change it.
struct Number {
    double literal = 0;
    std::string threshold; // empty for a literal

    double value(const RuleContext& context) const;
    int whole(const RuleContext& context) const { return static_cast<int>(value(context)); }
};

// A message with {placeholders}; each kind says which it fills.
class Template {
public:
    Template() = default;
    explicit Template(std::string text) : text_(std::move(text)) {}
    using Values = std::initializer_list<std::pair<std::string_view, std::string_view>>;
    std::string render(Values values) const;
    const std::string& text() const { return text_; }

private:
    std::string text_;
};

// An expected value of a fact, typed by the fact.
struct FactValue {
    FactView::Type type = FactView::Type::Bool;
    bool boolean = false;
    int integer = 0;
    std::string text;
    Date date;

    bool matches(const FactView& fact) const;
    std::string to_text() const;
};

// `when = { fact = "location.kind", equals = "home" }`, or `given = true`.
struct Condition {
    const FactPath* fact = nullptr;
    std::optional<FactValue> equals; // none: the fact is given
    bool holds(const Agreement& record) const;
};

// What kinds know of the profile being read.
struct ProfileScope {
    std::span<const Threshold> thresholds;
};

// The parameters of one `[[rules.then]]` entry. Every getter checks the
// type and marks the key as read; finish() reports the keys no getter read.
class Params {
public:
    Params(const toml::table& table, const ProfileScope& scope, std::string_view kind);

    const FactPath& fact(std::string_view key);
    const FactPath* optional_fact(std::string_view key);
    Number number(std::string_view key, bool whole = true);
    std::optional<Number> optional_number(std::string_view key, bool whole = true);
    std::string text(std::string_view key);
    std::optional<std::string> optional_text(std::string_view key);
    bool boolean(std::string_view key, bool fallback);
    // One of `choices`; `fallback` when absent.
    std::string choice(std::string_view key, std::span<const std::string_view> choices, std::string_view fallback);
    // A message; `fallback` when absent. Placeholders outside `allowed` are errors.
    Template message(std::string_view key, std::string_view fallback, std::span<const std::string_view> allowed);
    std::optional<Condition> when();
    FactValue value_for(const FactPath& fact, const toml::node& node);
    // A raw node for shapes of one kind (lists of tables); null when absent.
    const toml::node* node(std::string_view key);
    // A non-empty list of at most max_list_items entries; `what` says what it holds.
    const toml::array& list(std::string_view key, std::string_view what);
    static constexpr std::size_t max_list_items = 256;
    [[noreturn]] void fail(std::string_view key, std::string message) const;
    [[noreturn]] void fail_at(const toml::node& node, std::string message) const;
    const FactPath& fact_at(const toml::node& node, std::string_view what);
    Template message_at(const toml::node& node, std::span<const std::string_view> allowed);

    void finish();

private:
    const toml::table& table_;
    const ProfileScope& scope_;
    std::string kind_;
    std::vector<std::string> read_;
};

using Parse = std::shared_ptr<const Check> (*)(Params&);

// Any check with `when`: it runs only on records where the condition holds.
std::shared_ptr<const Check> only_when(Condition condition, std::shared_ptr<const Check> check);

struct KindInfo {
    std::string_view name;
    Parse parse;
    std::string_view summary;
};

std::span<const KindInfo> all_kinds();
const KindInfo* find_kind(std::string_view name);

// "approved", from the record's status, for messages.
std::string_view status_word(const Agreement& record);

// The words of the format page for a fact that is not there.
std::string missing_words(const FactView& fact, std::string_view name);

// One parse function per kind (a file each in src/kinds/).
std::shared_ptr<const Check> parse_required_facts(Params&);
std::shared_ptr<const Check> parse_some_items(Params&);
std::shared_ptr<const Check> parse_fact_equals(Params&);
std::shared_ptr<const Check> parse_required_signatures(Params&);
std::shared_ptr<const Check> parse_signer_is_current(Params&);
std::shared_ptr<const Check> parse_dated_before_approval(Params&);
std::shared_ptr<const Check> parse_within_days(Params&);
std::shared_ptr<const Check> parse_no_recent_event(Params&);
std::shared_ptr<const Check> parse_min_rating(Params&);
std::shared_ptr<const Check> parse_max_term_months(Params&);
std::shared_ptr<const Check> parse_ends_by_date(Params&);
std::shared_ptr<const Check> parse_max_telework_share(Params&);
std::shared_ptr<const Check> parse_min_onsite_days(Params&);
std::shared_ptr<const Check> parse_max_telework_days(Params&);
std::shared_ptr<const Check> parse_reapply_after(Params&);
std::shared_ptr<const Check> parse_whole_days(Params&);
std::shared_ptr<const Check> parse_personal_computer(Params&);

} // namespace telework::kinds
