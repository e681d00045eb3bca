#pragma once

#include "telework/catalog.hpp"
#include "telework/config.hpp"
#include "telework/expected.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace telework {

// A number a profile judges by; `telework.toml` [thresholds] may change it.
// Its type is its default's: a whole number (0-3660) or a share (above 0,
// at most 1).
struct Threshold {
    std::string name;
    double value = 0;
    bool integral = true;
};

// What makes a current agreement due for renewal (`telework expire`).
struct RenewalPolicy {
    enum class Ends { TermEnd, Annual };
    Ends ends = Ends::TermEnd;
    // Annual: add_months(approval date, months), or term.end when earlier.
    std::string months_threshold = "renewal_months";
    // Ends no later than this day each year (e.g. June 30): the first such
    // day on or after term.start, when it comes before term.end.
    std::optional<int> last_month;
    std::optional<int> last_day;
    // A failure of one of these rules means a new agreement is needed now.
    struct Trigger {
        std::string rule;
        std::string reason; // kebab-case, e.g. new-manager
    };
    std::vector<Trigger> required;
};

// A policy as data (docs/profiles.md): its rules, thresholds, approval
// signatures and renewal, after `extends` and `telework.toml`.
struct Profile {
    std::string id;
    std::string title;
    std::string source;  // the policy text it implements
    std::string origin;  // "built-in", or the profile file it was read from
    std::optional<std::string> extends;
    // The signatures whose latest date is the approval date: the five roles
    // of the format page or roles of signatures.others.
    std::vector<std::string> approval_signatures;
    std::vector<Threshold> thresholds;
    RenewalPolicy renewal;
    // Inherited rules first (overridden ones in place), then its own.
    std::vector<std::shared_ptr<const RuleInfo>> rules;

    std::optional<double> threshold(std::string_view name) const;
    const RuleInfo* rule(std::string_view id) const;
    bool includes(const RuleInfo& rule) const;
};

// The profiles a run knows: the built-in ones and those its telework.toml names.
// A built-in profile is read when a run first uses it (thread-safe), so a run
// pays only for the profiles it looks at; copies of a set share them.
class ProfileSet {
public:
    // The shipped profiles, compiled in from profiles/*.toml (opm and ct-gl32 first).
    static std::shared_ptr<const ProfileSet> built_in();

    // Reads a profile from TOML `text`; `name` is the file for messages.
    // A profile may extend only one already in the set.
    Expected<const Profile*, ConfigError> add(std::string_view text, const std::string& name, std::string origin);
    // Adds a profile already read and checked, whose id is new to the set.
    const Profile* add_parsed(Profile profile);

    const Profile* find(std::string_view id) const;
    // Known without reading any profile.
    std::vector<std::string_view> ids() const;
    // Every profile, in order (reads all of them).
    std::vector<const Profile*> profiles() const;

    // Every rule once: the structure rules, then each profile's in order.
    std::vector<const RuleInfo*> all_rules() const;
    // Every rule of that name, in all_rules()' order.
    std::vector<const RuleInfo*> rules_named(std::string_view name) const;
    // By ID (any case) or name; a rule of `prefer` first, where IDs repeat.
    const RuleInfo* find_rule(std::string_view id_or_name, std::string_view prefer = {}) const;
    // The profiles whose effective rules include this one.
    std::vector<std::string_view> profiles_with(const RuleInfo& rule) const;

    // Sets a threshold in every profile that has it; false when none has.
    bool set_threshold(std::string_view name, double value);
    // The threshold of that name in the first profile that has it.
    const Threshold* find_threshold(std::string_view name) const;
    std::vector<std::string_view> threshold_names() const;

private:
    struct Entry; // one profile, or a built-in one not read yet (profile.cpp)
    std::vector<std::shared_ptr<Entry>> entries_;
};

// The profiles, default profile and severities of a run configured by
// `config`: profile files are read beneath the configuration's directory,
// and the [thresholds] and [rules] entries are checked against them.
struct ConfiguredProfiles {
    std::shared_ptr<const ProfileSet> profiles;
    std::string default_profile = "opm";
    SeverityOverrides severities;
};

Expected<ConfiguredProfiles, ConfigError> configure_profiles(const Config& config);

// Reads a profile file (inside the root of its checkout, size-capped) into `set`.
Expected<const Profile*, ConfigError> load_profile_file(ProfileSet& set, const std::filesystem::path& file);

} // namespace telework
