#include "drafts.hpp"

#include "errors.hpp"
#include "create_file.hpp"
#include "output.hpp"

#include "telework/clock.hpp"
#include "telework/visible.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace telework::cli {

namespace fs = std::filesystem;

std::vector<std::string> DraftRepo::ids() const {
    std::vector<std::string> ids;
    for (const auto& file : run.files) {
        if (file.keys && file.keys->id.present()) ids.push_back(file.keys->id.value);
    }
    return ids;
}

bool DraftRepo::has_id(std::string_view id) const {
    const auto all = ids();
    return std::find(all.begin(), all.end(), id) != all.end();
}

fs::path repo_root_of(const RunSetup& setup) {
    return setup.config.file ? absolute_normal(setup.config.base_dir()) : absolute_normal(fs::current_path());
}

DraftRepo open_draft_repo(const GlobalOptions& global, bool& unreadable) {
    const SystemClock clock;
    DraftRepo repo;
    repo.setup = prepare_run(global, clock);
    repo.run = load_all(repo.setup, global);
    judge_records(repo.run.files, repo.setup.settings);
    unreadable = report_read_errors(repo.run.read_errors);
    repo.usable = judgeable_records(repo.run.files, global.quiet);
    repo.root = repo_root_of(repo.setup);
    auto root = ReadRoot::open(repo.root);
    if (!root) throw RunError(fmt::format("cannot use '{}': {}", display_path(repo.root), root.error()));
    repo.write_root = std::make_shared<const ReadRoot>(std::move(*root));
    return repo;
}

std::string write_new_record(const DraftRepo& repo, const fs::path& dir, const std::string& id,
                             const DraftNode& record, const std::string& schema_path) {
    const fs::path target_dir = absolute_normal(dir);
    const std::string name = id + ".yaml";
    const std::string shown = display_path(target_dir / name);
    auto opened = open_directory_beneath(*repo.write_root, target_dir, true);
    if (!opened) {
        throw RunError(fmt::format("cannot write '{}': {}; telework writes records only inside {}", shown,
                                   opened.error(), display_path(repo.root)));
    }
    const WrittenRecord written = write_record(record, schema_path);
    if (!create_new_file(**opened, name, written.text, shown)) {
        throw RunError(fmt::format("'{}' already exists; telework never replaces a record", shown));
    }
    return shown;
}

void check_utf8(std::string_view option, std::string_view value) {
    if (find_invalid_utf8(value) != std::string_view::npos) {
        throw UsageError(fmt::format("{} '{}' is not valid UTF-8 text", option, visible(value)));
    }
}

} // namespace telework::cli
