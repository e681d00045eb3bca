#include "choices.hpp"
#include "command.hpp"
#include "drafts.hpp"
#include "errors.hpp"
#include "output.hpp"

#include "telework/drafting.hpp"
#include "telework/record_writer.hpp"
#include "telework/visible.hpp"

#include <fmt/format.h>

#include <cstdio>

namespace telework::cli {

namespace {

namespace fs = std::filesystem;

struct NewOptions {
    NewRecordFacts facts;
    std::string start;
    std::string dir;
};

// The directory a new record goes to: --dir, else the first directory the
// repo's telework.toml lists, else agreements/ in the repo.
fs::path target_dir(const DraftRepo& repo, const NewOptions& options) {
    if (!options.dir.empty()) return options.dir;
    for (const auto& entry : repo.setup.config.agreements) {
        if (entry.find_first_of("*?[") == std::string::npos) return repo.root / entry;
    }
    return repo.root / "agreements";
}

int run_new(const GlobalOptions& global, NewOptions options) {
    choose_format(global, "new");
    NewRecordFacts& facts = options.facts;
    for (const auto& [option, value] :
         {std::pair<std::string_view, const std::string*>{"--id", &facts.id}, {"--agency", &facts.agency},
          {"--unit", &facts.unit}, {"--employee-id", &facts.employee_id}, {"--name", &facts.employee_name},
          {"--email", &facts.employee_email}, {"--position", &facts.position},
          {"--supervisor-id", &facts.supervisor_id}, {"--supervisor", &facts.supervisor_name},
          {"--manager-id", &facts.manager_id}, {"--manager", &facts.manager_name}}) {
        check_utf8(option, *value);
    }
    if (!facts.id.empty() && !is_agreement_id(facts.id)) {
        throw UsageError(fmt::format("--id '{}' is not an agreement ID such as TW-2026-0142 (capital letters and "
                                     "digits in groups joined by '-')",
                                     visible(facts.id)));
    }
    bool unreadable = false;
    const DraftRepo repo = open_draft_repo(global, unreadable);
    const RunSettings& settings = repo.setup.settings;
    if (options.start.empty()) {
        facts.start = settings.as_of;
    } else if (const auto start = Date::parse(options.start)) {
        facts.start = *start;
    } else {
        throw UsageError(fmt::format("--start '{}' is not a date YYYY-MM-DD", visible(options.start)));
    }
    if (facts.id.empty()) {
        facts.id = next_record_id(repo.ids(), static_cast<int>(facts.start.ymd().year()));
    } else if (repo.has_id(facts.id)) {
        throw RunError(fmt::format("a record with id '{}' already exists; choose another --id, or leave it out for "
                                   "the next free one",
                                   facts.id));
    }
    const fs::path dir = absolute_normal(target_dir(repo, options));
    const DraftNode record = draft_new_record(facts, settings, settings.default_profile_entry());
    const std::string shown =
        write_new_record(repo, dir, facts.id, record, schema_path_for(dir, repo.root));
    fmt::print("created {}\n", visible(shown));
    if (!global.quiet) {
        fmt::print(stderr, "telework: fill in the facts marked 'to fill in' in {}, then run 'telework validate'\n",
                   visible(shown));
    }
    return unreadable ? exit_unreadable : exit_ok;
}

} // namespace

std::function<int()> setup_new(CLI::App& app, GlobalOptions& global) {
    auto options = std::make_shared<NewOptions>();
    NewRecordFacts& f = options->facts;
    app.add_option("--id", f.id, "the agreement's id (default: the next free id in the repo's pattern, else TW-<year>-0001)")
        ->option_text("ID");
    app.add_option("--type", f.type, "routine, situational, medical or emergency")
        ->check(one_of({"routine", "situational", "medical", "emergency"}))
        ->capture_default_str();
    app.add_option("--agency", f.agency, "the agency")->option_text("TEXT");
    app.add_option("--unit", f.unit, "the unit (subcomponent)")->option_text("TEXT");
    app.add_option("--employee-id", f.employee_id, "the employee's id")->option_text("ID");
    app.add_option("--name", f.employee_name, "the employee's name")->option_text("TEXT");
    app.add_option("--email", f.employee_email, "the employee's email")->option_text("TEXT");
    app.add_option("--position", f.position, "the employee's job classification or title")->option_text("TEXT");
    app.add_option("--supervisor", f.supervisor_name, "the supervisor's name")->option_text("TEXT");
    app.add_option("--supervisor-id", f.supervisor_id, "the supervisor's id")->option_text("ID");
    app.add_option("--manager", f.manager_name, "the manager's name")->option_text("TEXT");
    app.add_option("--manager-id", f.manager_id, "the manager's id")->option_text("ID");
    app.add_option("--start", options->start, "the first day of the term (default: today, or --as-of)")
        ->option_text("DATE");
    app.add_option("--dir", options->dir,
                   "directory to write the record in (default: the first agreements directory of telework.toml, else agreements)")
        ->option_text("DIR");
    return [&global, options] { return run_new(global, *options); };
}

} // namespace telework::cli
