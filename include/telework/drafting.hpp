#pragma once

#include "telework/engine.hpp"
#include "telework/record_writer.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace telework {

// Drafting records (`telework new`, `telework renew`). What a profile needs
// is learnt by running its own rules on probe records, so a profile file
// (docs/profiles.md) needs nothing beyond its rules for drafting to follow
// it, and a draft is flagged by `validate` for exactly what it leaves open.

// The last day of a term starting on `start`: the latest end that none of
// the profile's rules objects to (CT201's 9 months under ct-gl32); when no
// rule limits the term, the annual renewal (renewal_months) or, failing
// that, 12 months; and no later than the profile's fixed last day
// ([renewal] last_day, June 30 under ny-its).
Date last_term_day(const RunSettings& settings, const Profile& profile, Date start);

// The id after the most common pattern among `ids`: the highest number of
// the prefix most ids share, plus one, as wide as before
// (DRS-TW-2026-000123 -> DRS-TW-2026-000124). Without ids of that form,
// TW-<year>-0001.
std::string next_record_id(const std::vector<std::string>& ids, int year);

// What the command line of `telework new` gives; empty means not given.
struct NewRecordFacts {
    std::string id;
    std::string type = "routine";
    std::string agency;
    std::string unit;
    std::string employee_id;
    std::string employee_name;
    std::string employee_email;
    std::string position;
    std::string supervisor_id;
    std::string supervisor_name;
    std::string manager_id;
    std::string manager_name;
    Date start;
};

// A new record under `profile`, status proposed: the given facts, the term
// from `start` to last_term_day(), and `null` with a comment naming the rule
// for every fact the profile's rules need on approval that nobody gave.
// Signatures are left out.
DraftNode draft_new_record(const NewRecordFacts& facts, const RunSettings& settings, const Profile& profile);

// The successor of `current` (a record without structural errors): a new
// id, `supersedes`, status proposed, the next term (from the day after the
// agreement ends, or `as_of` when later), the facts copied, and cleared
// with a comment: signatures, the DAS copy, the safety checklist and every
// dated fact the profile's rules would reject on the successor's approval
// (training older than the profile allows).
DraftNode draft_renewal(const RecordFile& current, const std::string& new_id, const RunSettings& settings,
                        const Profile& profile);

// The modeline's schema path for a record written in `record_dir`, when the
// repository's root is `repo_root`: relative, with '/' separators.
std::string schema_path_for(const std::filesystem::path& record_dir, const std::filesystem::path& repo_root);

// The first line of a record when it is a `# yaml-language-server` modeline:
// its schema path; none otherwise.
std::optional<std::string> modeline_schema(std::string_view text);

} // namespace telework
