#include "choices.hpp"
#include "command.hpp"
#include "drafts.hpp"
#include "errors.hpp"
#include "output.hpp"

#include "telework/drafting.hpp"
#include "telework/renewal.hpp"
#include "telework/visible.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>

namespace telework::cli {

namespace {

namespace fs = std::filesystem;

struct RenewOptions {
    std::string agreement; // ID or FILE
    bool all_due = false;
    int within = -1; // -1: the renewal_window_days threshold, as for expire
};

// A record that already drafts the successor of `id`: any record whose
// supersedes names it, whatever its status.
const RecordFile* draft_of(const DraftRepo& repo, std::string_view id) {
    for (const auto& file : repo.run.files) {
        if (file.keys && file.keys->supersedes.present() && file.keys->supersedes.value == id) return &file;
    }
    return nullptr;
}

const RecordFile* find_agreement(const DraftRepo& repo, const std::string& wanted) {
    const fs::path as_path = absolute_normal(wanted);
    for (const RecordFile* file : repo.usable) {
        if (file->keys->id.value == wanted || absolute_normal(file->path) == as_path) return file;
    }
    return nullptr;
}

// Drafts the successor of `current` (nothing when one exists already).
// Returns whether a file was created; `ids` gains the new id.
bool renew_one(const DraftRepo& repo, const RecordFile& current, std::vector<std::string>& ids, bool quiet) {
    const std::string& old_id = current.keys->id.value;
    if (const RecordFile* draft = draft_of(repo, old_id)) {
        if (!quiet) {
            fmt::print(stderr, "telework: {} already has a successor: {} ({} supersedes it); nothing drafted\n",
                       visible(old_id), visible(draft->display_path), visible(draft->keys->id.value));
        }
        return false;
    }
    const Profile* profile = repo.setup.settings.profile_for(*current.agreement());
    if (!profile) throw RunError(fmt::format("{}: its policy names no profile this run knows", visible(current.display_path)));
    const std::string new_id = next_record_id(ids, static_cast<int>(repo.setup.settings.as_of.ymd().year()));
    const DraftNode record = draft_renewal(current, new_id, repo.setup.settings, *profile);
    const fs::path dir = absolute_normal(current.path).parent_path();
    const std::string schema = modeline_schema(current.read_source()->text()).value_or(schema_path_for(dir, repo.root));
    const std::string shown = write_new_record(repo, dir, new_id, record, schema);
    ids.push_back(new_id);
    fmt::print("created {} (renews {})\n", visible(shown), visible(old_id));
    return true;
}

int run_renew(const GlobalOptions& global, const RenewOptions& options) {
    choose_format(global, "renew");
    if (options.all_due == !options.agreement.empty()) {
        throw UsageError("renew needs either an agreement (ID or FILE) or --all-due");
    }
    if (!options.all_due && options.within >= 0) throw UsageError("--within goes with --all-due");
    bool unreadable = false;
    const DraftRepo repo = open_draft_repo(global, unreadable);
    std::vector<std::string> ids = repo.ids();
    int created = 0;
    if (!options.all_due) {
        const RecordFile* current = find_agreement(repo, options.agreement);
        if (!current) {
            throw RunError(fmt::format("no record '{}' among the readable records of the repo (an ID or a file; "
                                       "see 'telework validate' for records that fail structural checks)",
                                       visible(options.agreement)));
        }
        const RecordIndex index(repo.usable);
        const auto currents = current_agreements(index);
        if (std::find(currents.begin(), currents.end(), current) == currents.end()) {
            throw RunError(fmt::format("{} ({}) is not a current agreement: only an approved agreement that no other "
                                       "approved record supersedes is renewed",
                                       visible(current->keys->id.value), visible(current->display_path)));
        }
        created += renew_one(repo, *current, ids, global.quiet) ? 1 : 0;
    } else {
        // Exactly what `telework expire` lists, from the same function.
        const RecordIndex index(repo.usable);
        const RunSettings& settings = repo.setup.settings;
        const int within = options.within >= 0
                               ? options.within
                               : static_cast<int>(settings.default_profile_entry().threshold("renewal_window_days").value_or(30));
        for (const RenewalItem& item : renewal_watch(index, settings, within)) {
            created += renew_one(repo, *item.file, ids, global.quiet) ? 1 : 0;
        }
        if (!global.quiet) fmt::print(stderr, "telework: {} renewal{} drafted\n", created, created == 1 ? "" : "s");
    }
    return unreadable ? exit_unreadable : exit_ok;
}

} // namespace

std::function<int()> setup_renew(CLI::App& app, GlobalOptions& global) {
    auto options = std::make_shared<RenewOptions>();
    app.add_option("agreement", options->agreement, "the current agreement to renew: its id or its file")
        ->option_text("ID|FILE");
    app.add_flag("--all-due", options->all_due,
                 "draft a renewal of every agreement that 'telework expire' lists (expired, renewal-required or due)");
    app.add_option("--within", options->within,
                   "with --all-due: agreements due within DAYS (default: renewal_window_days, 30)")
        ->check(whole_number(0, 3660))
        ->option_text("DAYS");
    return [&global, options] { return run_renew(global, *options); };
}

} // namespace telework::cli
