#pragma once

#include "telework/date.hpp"
#include "telework/enums.hpp"
#include "telework/evaluation.hpp"
#include "telework/severity.hpp"

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace telework {

class RecordIndex;
struct Agreement;
struct Profile;
struct RecordFile;

// What a rule sees: one record, the profile that judges it (with the run's
// thresholds), the as-of date and every other record of the run.
struct RuleContext {
    const RecordFile& file;
    const Agreement& record;
    const Profile& profile;
    Date as_of;
    std::optional<Date> approval; // derived once per record, from the profile's approval signatures
    const RecordIndex& index;
};

// One check of a rule: a kind (docs/profiles.md) with its parameters.
class Check {
public:
    virtual ~Check() = default;
    virtual void evaluate(const RuleContext& context, EvaluationSink& out) const = 0;
};

// The statuses a rule judges (rule catalog, "Which records a rule judges").
class StatusSet {
public:
    constexpr StatusSet() = default;
    static constexpr StatusSet every() { return StatusSet(0xF); }
    static constexpr StatusSet of(std::initializer_list<Status> statuses) {
        StatusSet set;
        for (const Status s : statuses) set.bits_ |= bit(s);
        return set;
    }
    constexpr void add(Status s) { bits_ |= bit(s); }
    constexpr bool has(Status s) const { return (bits_ & bit(s)) != 0; }
    constexpr bool is_every() const { return bits_ == 0xF; }
    constexpr bool empty() const { return bits_ == 0; }
    constexpr bool only(Status s) const { return bits_ == bit(s); }
    friend constexpr bool operator==(StatusSet, StatusSet) = default;

private:
    constexpr explicit StatusSet(unsigned bits) : bits_(bits) {}
    static constexpr unsigned bit(Status s) { return 1u << static_cast<unsigned>(s); }
    unsigned bits_ = 0;
};

struct RuleInfo {
    std::string id;
    std::string name;
    Severity severity = Severity::Error;
    std::string profile;  // the profile that declares it; empty for the structure rules (every profile)
    StatusSet judges;
    bool eligibility = false;  // a check-eligibility criterion
    std::string citation;      // e.g. "GL32 IV.E"
    std::string summary;       // one line: what it flags
    std::string description;
    std::string source;        // the policy text the quote comes from
    std::string quote;         // the sentence it enforces, verbatim
    // Run in order. None for the rules loading applies (TW001-TW003, TW007)
    // and for TW008, which --changed-since applies with the file's version at REV.
    std::vector<std::shared_ptr<const Check>> checks;
    std::vector<std::string_view> kinds; // the kind of each check, for `telework profile show`

    bool structure() const { return profile.empty(); }
};

// The structure rules (TW): the record format's own rules, in every profile.
std::span<const RuleInfo> structure_rules();

// A structure rule by ID ("TW004", any case) or name.
const RuleInfo* find_structure_rule(std::string_view id_or_name);

bool judges_status(const RuleInfo& rule, const Agreement& record);

// "approved records", "approved and proposed records", "every record".
std::string judged_records(StatusSet judges);

} // namespace telework
