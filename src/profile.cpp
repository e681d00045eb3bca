#include "telework/profile.hpp"

#include "profile_loader.hpp"

#include "telework/discovery.hpp"
#include "telework/file_access.hpp"
#include "telework/suggest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>

namespace telework {

std::optional<double> Profile::threshold(std::string_view name) const {
    for (const auto& t : thresholds) {
        if (t.name == name) return t.value;
    }
    return std::nullopt;
}

const RuleInfo* Profile::rule(std::string_view rule_id) const {
    for (const auto& r : rules) {
        if (r->id == rule_id) return r.get();
    }
    return nullptr;
}

bool Profile::includes(const RuleInfo& rule) const {
    if (rule.structure()) return true;
    return std::any_of(rules.begin(), rules.end(), [&](const auto& r) { return r.get() == &rule; });
}

namespace {

std::string upper(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::toupper(c); });
    return out;
}

// "'extends' names no known profile 'opn' (did you mean 'opm'?)", else the known ids.
std::string unknown_base(std::string_view extends, std::span<const std::string_view> ids) {
    if (const auto guess = closest_match(extends, ids)) {
        return fmt::format("'extends' names no known profile '{}' (did you mean '{}'?)", extends, *guess);
    }
    return fmt::format("'extends' names no known profile '{}'; known: {}", extends, join_names(ids));
}

bool names_a_file(std::string_view profile) {
    return profile.ends_with(".toml") || profile.find('/') != std::string_view::npos;
}

} // namespace

// A profile of the set. A built-in one is read from its text on first use,
// once however many threads ask (its `profile` is written only inside
// call_once, and set_threshold replaces an entry instead of changing it),
// so sets copied from ProfileSet::built_in() share what has been read.
struct ProfileSet::Entry {
    std::string id;
    const BuiltInProfileText* built_in = nullptr;
    // The built-in profiles before this one: those it may extend.
    std::vector<std::shared_ptr<Entry>> earlier;
    const Entry* base = nullptr; // the one of them it extends
    std::once_flag read_once;
    std::optional<Profile> profile;

    explicit Entry(Profile read) : id(read.id), profile(std::move(read)) {}
    Entry(const BuiltInProfileText& text, std::vector<std::shared_ptr<Entry>> before)
        : id(text.id), built_in(&text), earlier(std::move(before)) {
        for (const auto& entry : earlier) {
            if (entry->id == text.extends) base = entry.get();
        }
    }

    const Profile& get() {
        if (built_in) std::call_once(read_once, [this] { profile = read_built_in(); });
        return *profile;
    }

    // False when the profile cannot include `rule`, told without reading it:
    // reading a profile makes rules of its own (RuleInfo::profile is its id)
    // and takes the others from the profile it extends, so a built-in one
    // holds only rules declared by itself or the profiles it extends.
    bool may_include(const RuleInfo& rule) const {
        if (!built_in || rule.structure()) return true;
        for (const Entry* e = this; e; e = e->base) {
            if (e->id == rule.profile) return true;
        }
        return false;
    }

private:
    Profile read_built_in() const {
        const ExtendsResolver by_id = [this](std::string_view extends, std::string& error) -> const Profile* {
            std::vector<std::string_view> ids;
            for (const auto& entry : earlier) {
                if (entry->id == extends) return &entry->get();
                ids.push_back(entry->id);
            }
            error = unknown_base(extends, ids);
            return nullptr;
        };
        auto read = parse_profile(built_in->text, std::string(built_in->name), by_id);
        // The shipped profiles are checked by the tests; a failure here is a bug of this build.
        if (!read) throw std::logic_error("built-in profile: " + read.error().to_string());
        if (read->id != id || read->extends.value_or("") != built_in->extends) {
            throw std::logic_error(fmt::format("built-in profile {}: id '{}' extends '{}', but CMake read '{}' and '{}'",
                                               built_in->name, read->id, read->extends.value_or(""), id, built_in->extends));
        }
        read->origin = "built-in";
        return std::move(*read);
    }
};

std::shared_ptr<const ProfileSet> ProfileSet::built_in() {
    static const std::shared_ptr<const ProfileSet> set = [] {
        auto built = std::make_shared<ProfileSet>();
        for (const BuiltInProfileText& text : built_in_profile_texts()) {
            built->entries_.push_back(std::make_shared<Entry>(text, built->entries_));
        }
        return built;
    }();
    return set;
}

Expected<const Profile*, ConfigError> ProfileSet::add(std::string_view text, const std::string& name, std::string origin) {
    const ExtendsResolver by_id = [this](std::string_view extends, std::string& error) -> const Profile* {
        if (const Profile* base = find(extends)) return base;
        error = unknown_base(extends, ids());
        return nullptr;
    };
    auto profile = parse_profile(text, name, by_id);
    if (!profile) return unexpected(profile.error());
    if (const Profile* existing = find(profile->id)) {
        return unexpected(ConfigError{name, 1, 1,
                                      fmt::format("profile id '{}' is already defined ({})", profile->id, existing->origin)});
    }
    profile->origin = std::move(origin);
    return add_parsed(std::move(*profile));
}

const Profile* ProfileSet::add_parsed(Profile profile) {
    entries_.push_back(std::make_shared<Entry>(std::move(profile)));
    return &entries_.back()->get();
}

const Profile* ProfileSet::find(std::string_view id) const {
    for (const auto& entry : entries_) {
        if (entry->id == id) return &entry->get();
    }
    return nullptr;
}

std::vector<std::string_view> ProfileSet::ids() const {
    std::vector<std::string_view> out;
    for (const auto& entry : entries_) out.push_back(entry->id);
    return out;
}

std::vector<const Profile*> ProfileSet::profiles() const {
    std::vector<const Profile*> out;
    for (const auto& entry : entries_) out.push_back(&entry->get());
    return out;
}

std::vector<const RuleInfo*> ProfileSet::all_rules() const {
    std::vector<const RuleInfo*> out;
    std::set<const RuleInfo*> seen;
    for (const auto& rule : structure_rules()) out.push_back(&rule);
    for (const auto& entry : entries_) {
        for (const auto& rule : entry->get().rules) {
            if (seen.insert(rule.get()).second) out.push_back(rule.get());
        }
    }
    return out;
}

std::vector<const RuleInfo*> ProfileSet::rules_named(std::string_view name) const {
    std::vector<const RuleInfo*> out;
    for (const auto& rule : structure_rules()) {
        if (rule.name == name) out.push_back(&rule);
    }
    // A profile's rule names are kebab-case (profile_loader.cpp): for any
    // other name (an ID, say) no profile need be read.
    if (!is_kebab(name)) return out;
    std::set<const RuleInfo*> seen;
    for (const auto& entry : entries_) {
        for (const auto& rule : entry->get().rules) {
            if (rule->name == name && seen.insert(rule.get()).second) out.push_back(rule.get());
        }
    }
    return out;
}

const RuleInfo* ProfileSet::find_rule(std::string_view id_or_name, std::string_view prefer) const {
    const std::string id = upper(id_or_name);
    if (const Profile* preferred = prefer.empty() ? nullptr : find(prefer)) {
        if (const RuleInfo* rule = preferred->rule(id)) return rule;
    }
    // The first match in all_rules()' order, reading profiles only until it is found.
    const auto matches = [&](const RuleInfo& rule) { return rule.id == id || rule.name == id_or_name; };
    for (const auto& rule : structure_rules()) {
        if (matches(rule)) return &rule;
    }
    for (const auto& entry : entries_) {
        for (const auto& rule : entry->get().rules) {
            if (matches(*rule)) return rule.get();
        }
    }
    return nullptr;
}

std::vector<std::string_view> ProfileSet::profiles_with(const RuleInfo& rule) const {
    if (rule.structure()) return ids(); // every profile includes them
    std::vector<std::string_view> out;
    for (const auto& entry : entries_) {
        if (entry->may_include(rule) && entry->get().includes(rule)) out.push_back(entry->id);
    }
    return out;
}

bool ProfileSet::set_threshold(std::string_view name, double value) {
    bool found = false;
    for (auto& entry : entries_) {
        const Profile& current = entry->get();
        if (!current.threshold(name)) continue;
        // The entry may be shared with other sets (built_in()): this set gets its own.
        Profile changed = current;
        for (auto& t : changed.thresholds) {
            if (t.name == name) t.value = value;
        }
        entry = std::make_shared<Entry>(std::move(changed));
        found = true;
    }
    return found;
}

const Threshold* ProfileSet::find_threshold(std::string_view name) const {
    for (const auto& entry : entries_) {
        for (const auto& t : entry->get().thresholds) {
            if (t.name == name) return &t;
        }
    }
    return nullptr;
}

std::vector<std::string_view> ProfileSet::threshold_names() const {
    std::vector<std::string_view> out;
    for (const auto& entry : entries_) {
        for (const auto& t : entry->get().thresholds) {
            if (std::find(out.begin(), out.end(), t.name) == out.end()) out.push_back(t.name);
        }
    }
    return out;
}

namespace {

// Reads profile files beneath one root, following `extends` to other files
// and refusing a cycle.
class ProfileFiles {
public:
    ProfileFiles(ProfileSet& set, const ReadRoot& root) : set_(set), root_(root) {}

    Expected<const Profile*, ConfigError> load(const std::filesystem::path& file) {
        const std::filesystem::path normal = std::filesystem::absolute(file).lexically_normal();
        const std::string name = display_path(file);
        if (std::find(loading_.begin(), loading_.end(), normal) != loading_.end()) {
            std::string chain;
            for (const auto& f : loading_) chain += display_path(f) + " -> ";
            return unexpected(ConfigError{name, 1, 1, fmt::format("'extends' goes round in a cycle: {}{}", chain, name)});
        }
        if (const auto done = loaded_.find(normal.string()); done != loaded_.end()) return set_.find(done->second);
        // Each level is a nested call: the chain's length is capped.
        constexpr std::size_t max_depth = 16;
        if (loading_.size() >= max_depth) {
            return unexpected(ConfigError{name, 1, 1, fmt::format("'extends' goes deeper than {} profile files", max_depth)});
        }
        constexpr std::size_t max_bytes = ConfigLimits{}.max_bytes;
        auto read = read_beneath(root_, file, max_bytes);
        if (!read) return unexpected(ConfigError{name, 1, 1, fmt::format("cannot read the profile: {}", read.error())});
        if (read->over_limit) {
            return unexpected(ConfigError{name, 1, 1, fmt::format("the file is larger than the limit of {} bytes", max_bytes)});
        }
        loading_.push_back(normal);
        std::optional<ConfigError> nested;
        const ExtendsResolver resolve = [&](std::string_view extends, std::string& error) -> const Profile* {
            if (!names_a_file(extends)) {
                if (const Profile* base = set_.find(extends)) return base;
                error = unknown_base(extends, set_.ids());
                return nullptr;
            }
            auto base = load(normal.parent_path() / std::string(extends));
            if (!base) {
                nested = base.error();
                error = fmt::format("cannot extend '{}': {}", extends, base.error().message);
                return nullptr;
            }
            return *base;
        };
        auto profile = parse_profile(read->bytes, name, resolve);
        loading_.pop_back();
        if (!profile) return unexpected(nested && nested->message.starts_with("'extends' goes round") ? *nested : profile.error());
        const std::string id = profile->id;
        if (const Profile* existing = set_.find(id)) {
            return unexpected(ConfigError{name, 1, 1, fmt::format("profile id '{}' is already defined ({})", id, existing->origin)});
        }
        profile->origin = name;
        auto placed = set_.add_parsed(std::move(*profile));
        loaded_.emplace(normal.string(), id);
        return placed;
    }

private:
    ProfileSet& set_;
    const ReadRoot& root_;
    std::vector<std::filesystem::path> loading_;
    std::map<std::string, std::string> loaded_;
};

} // namespace

Expected<const Profile*, ConfigError> load_profile_file(ProfileSet& set, const std::filesystem::path& file) {
    std::error_code error;
    const std::filesystem::path dir = std::filesystem::absolute(file, error).lexically_normal().parent_path();
    auto root = ReadRoot::open(read_root_of(dir));
    if (!root) return unexpected(ConfigError{display_path(file), 1, 1, fmt::format("cannot read the profile: {}", root.error())});
    return ProfileFiles(set, *root).load(file);
}

Expected<ConfiguredProfiles, ConfigError> configure_profiles(const Config& config) {
    ConfiguredProfiles out;
    auto set = std::make_shared<ProfileSet>(*ProfileSet::built_in());
    const std::string config_name = config.file ? display_path(*config.file) : std::string("telework.toml");
    const auto at = [&](Position pos, std::string message) {
        return ConfigError{config_name, pos.line, pos.column, std::move(message)};
    };
    if (config.file) {
        std::error_code error;
        auto root = ReadRoot::open(read_root_of(config.base_dir()));
        if (!root) return unexpected(ConfigError{config_name, 1, 1, fmt::format("cannot read profiles: {}", root.error())});
        ProfileFiles files(*set, *root);
        std::vector<std::pair<std::string, Position>> wanted;
        for (std::size_t i = 0; i < config.profiles.size(); ++i) wanted.emplace_back(config.profiles[i], config.profiles_pos[i]);
        if (config.profile && names_a_file(*config.profile)) wanted.emplace_back(*config.profile, config.profile_pos);
        for (const auto& [entry, pos] : wanted) {
            auto loaded = files.load(config.base_dir() / entry);
            if (!loaded) return unexpected(loaded.error());
            if (config.profile && *config.profile == entry) out.default_profile = (*loaded)->id;
        }
    }
    if (config.profile && !names_a_file(*config.profile)) {
        if (!set->find(*config.profile)) {
            return unexpected(at(config.profile_pos, fmt::format("unknown profile '{}'; expected one of {}", *config.profile,
                                                                 join_names(set->ids()))));
        }
        out.default_profile = *config.profile;
    }
    for (const auto& setting : config.thresholds) {
        const Threshold* threshold = set->find_threshold(setting.key);
        if (!threshold) {
            const auto known = set->threshold_names();
            std::string message = fmt::format("unknown key '{}' in [thresholds]", setting.key);
            if (const auto guess = closest_match(setting.key, known)) {
                message += fmt::format(" (did you mean '{}'?)", *guess);
            } else {
                message += fmt::format("; expected one of {}", join_names(known));
            }
            return unexpected(at(setting.key_pos, std::move(message)));
        }
        if (threshold->integral) {
            if (!setting.integer || *setting.integer < 0 || *setting.integer > 3660) {
                return unexpected(at(setting.value_pos, fmt::format("threshold '{}' must be a whole number from 0 to 3660", setting.key)));
            }
        } else if (!setting.number || !(*setting.number > 0 && *setting.number <= 1)) {
            return unexpected(at(setting.value_pos, fmt::format("threshold '{}' must be a number above 0 and at most 1 (0.5 = 50%)",
                                                                setting.key)));
        }
        set->set_threshold(setting.key, *setting.number);
    }
    for (const auto& setting : config.rules) {
        const RuleInfo* rule = set->find_rule(setting.key);
        if (!rule) {
            std::vector<std::string_view> ids;
            for (const RuleInfo* r : set->all_rules()) ids.push_back(r->id);
            std::string message = fmt::format("unknown rule '{}' in [rules]", setting.key);
            if (const auto guess = closest_match(setting.key, ids)) message += fmt::format(" (did you mean '{}'?)", *guess);
            return unexpected(at(setting.key_pos, std::move(message)));
        }
        if (setting.text && *setting.text == "off") {
            out.severities[rule->id] = std::nullopt;
        } else if (const auto severity = setting.text ? parse_severity(*setting.text) : std::nullopt) {
            out.severities[rule->id] = severity;
        } else {
            static constexpr std::array<std::string_view, 4> levels = {"error", "warning", "info", "off"};
            std::string message =
                fmt::format("unknown severity for {}; expected \"error\", \"warning\", \"info\" or \"off\"", rule->id);
            if (const auto guess = setting.text ? closest_match(*setting.text, levels) : std::nullopt) {
                message += fmt::format(" (did you mean \"{}\"?)", *guess);
            }
            return unexpected(at(setting.value_pos, std::move(message)));
        }
    }
    out.profiles = std::move(set);
    return out;
}

} // namespace telework
