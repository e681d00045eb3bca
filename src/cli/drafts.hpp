#pragma once

#include "global_options.hpp"
#include "run_setup.hpp"

#include "telework/file_create.hpp"
#include "telework/record_index.hpp"
#include "telework/record_writer.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace telework::cli {

// The agreements repo that `new` and `renew` add records to: its
// configuration, its records (those without structural errors usable), and
// the root every write stays beneath (the directory of telework.toml, else
// the current directory).
struct DraftRepo {
    RunSetup setup;
    LoadedRun run;
    std::vector<const RecordFile*> usable;
    std::filesystem::path root;
    std::shared_ptr<const ReadRoot> write_root;

    std::vector<std::string> ids() const;
    bool has_id(std::string_view id) const;
};

// Throws UsageError/RunError as prepare_run does; exit 3 cases are left to
// the caller through `unreadable`.
DraftRepo open_draft_repo(const GlobalOptions& global, bool& unreadable);

// The repo's root as the directory of telework.toml names it.
std::filesystem::path repo_root_of(const RunSetup& setup);

// Writes the record `<dir>/<id>.yaml`, never replacing a file, inside the
// repo's root (directories made as needed). Returns the path as shown;
// throws RunError when the file exists or cannot be written.
std::string write_new_record(const DraftRepo& repo, const std::filesystem::path& dir, const std::string& id,
                             const DraftNode& record, const std::string& schema_path);

// Command-line text that goes into a record: valid UTF-8, else UsageError.
void check_utf8(std::string_view option, std::string_view value);

} // namespace telework::cli
