#include "command.hpp"
#include "diagnostic_text.hpp"
#include "errors.hpp"
#include "json.hpp"
#include "output.hpp"
#include "run_setup.hpp"
#include "terminal_style.hpp"

#include "telework/eligibility.hpp"
#include "telework/visible.hpp"

#include <fmt/format.h>

#include <map>

namespace telework::cli {

namespace {

std::string_view status_name(Outcome outcome) {
    switch (outcome) {
    case Outcome::Pass: return "pass";
    case Outcome::Fail: return "fail";
    case Outcome::Unknown: return "unknown";
    }
    return "unknown";
}

std::string_view verdict_color(Verdict verdict) {
    switch (verdict) {
    case Verdict::Eligible: return "1;32";
    case Verdict::Ineligible: return "1;31";
    case Verdict::Incomplete: return "1;33";
    }
    return "1";
}

std::string criterion_line(const CriterionResult& c, bool color) {
    const std::string label = c.advisory ? "advisory" : std::string(status_name(c.evaluation.outcome));
    const std::string_view code = c.advisory ? "36" : c.evaluation.outcome == Outcome::Fail ? "31" : "33";
    return fmt::format("  {} {:<28} {:<6} {} [{}]\n", paint(color, code, fmt::format("{:<8}", label)),
                       fmt::format("{} {}", c.rule->id, c.rule->name),
                       fmt::format("{}:{}", c.evaluation.pos.line, c.evaluation.pos.column),
                       visible(message_for_people(c.evaluation.message)), c.rule->citation);
}

// "CT208 CT213 CT210 9/10": every criterion that passed, compactly.
std::string passing_summary(const EligibilityResult& result) {
    std::vector<std::string_view> order;
    std::map<std::string_view, std::pair<int, int>> tally; // rule -> (passed, evaluated)
    for (const auto& c : result.criteria) {
        if (!tally.contains(c.rule->id)) order.push_back(c.rule->id);
        auto& [passed, total] = tally[c.rule->id];
        passed += c.evaluation.outcome == Outcome::Pass ? 1 : 0;
        ++total;
    }
    std::string out;
    for (const auto id : order) {
        const auto [passed, total] = tally[id];
        if (passed == 0) continue;
        out += out.empty() ? "" : ", ";
        out += passed == total && total == 1 ? std::string(id) : fmt::format("{} {}/{}", id, passed, total);
    }
    return out;
}

std::string render_text(const std::vector<EligibilityResult>& results, std::size_t skipped, bool color, bool quiet) {
    std::string out;
    std::map<Verdict, int> counts;
    for (const auto& result : results) {
        ++counts[result.verdict];
        const auto record_unpacked = result.file->agreement();
        const Agreement& record = *record_unpacked;
        out += fmt::format("{} {} {} ({})\n", paint(color, verdict_color(result.verdict), fmt::format("{:<10}", to_string(result.verdict))),
                           record.id.present() ? visible(record.id.value) : "(no id)",
                           visible(result.file->display_path),
                           result.profile->id);
        for (const Outcome wanted : {Outcome::Fail, Outcome::Unknown}) {
            for (const auto& c : result.criteria) {
                if (!c.advisory && c.evaluation.outcome == wanted) out += criterion_line(c, color);
            }
        }
        for (const auto& c : result.criteria) {
            if (c.advisory && c.evaluation.outcome != Outcome::Pass) out += criterion_line(c, color);
        }
        if (const auto passing = passing_summary(result); !passing.empty()) {
            out += fmt::format("  {} {}\n", paint(color, "32", "pass    "), passing);
        }
    }
    if (!quiet) {
        out += fmt::format("{} record{}: {} eligible, {} ineligible, {} incomplete", results.size() + skipped,
                           results.size() + skipped == 1 ? "" : "s", counts[Verdict::Eligible],
                           counts[Verdict::Ineligible], counts[Verdict::Incomplete]);
        out += skipped ? fmt::format(", {} skipped (structural problems)\n", skipped) : std::string("\n");
    }
    return out;
}

std::string render_json(const std::vector<EligibilityResult>& results, const std::vector<const RecordFile*>& skipped,
                        const RunSettings& settings, const std::vector<std::string>& read_errors) {
    auto list = json::Value::array();
    for (const auto& result : results) {
        auto criteria = json::Value::array();
        for (const auto& c : result.criteria) {
            auto item = json::Value::object()
                            .set("rule", c.rule->id)
                            .set("name", c.rule->name)
                            .set("status", status_name(c.evaluation.outcome))
                            .set("message", c.evaluation.message)
                            .set("citation", c.rule->citation)
                            .set("severity", to_string(c.severity))
                            .set("advisory", c.advisory)
                            .set("line", c.evaluation.pos.line)
                            .set("column", c.evaluation.pos.column);
            if (!c.evaluation.subject.empty()) item.set("question", c.evaluation.subject);
            criteria.push(std::move(item));
        }
        const auto record_unpacked = result.file->agreement();
        const Agreement& record = *record_unpacked;
        list.push(json::Value::object()
                      .set("file", result.file->display_path)
                      .set("id", record.id.present() ? json::Value(record.id.value) : json::Value(nullptr))
                      .set("profile", result.profile->id)
                      .set("verdict", to_string(result.verdict))
                      .set("criteria", std::move(criteria)));
    }
    auto skipped_list = json::Value::array();
    for (const RecordFile* file : skipped) {
        skipped_list.push(json::Value::object()
                              .set("file", file->display_path)
                              .set("reason", "fails structural checks; run telework validate"));
    }
    auto unreadable = json::Value::array();
    for (const auto& error : read_errors) unreadable.push(error);
    return json::envelope(settings.as_of.to_string(), settings.default_profile)
               .set("results", std::move(list))
               .set("skipped", std::move(skipped_list))
               .set("unreadable", std::move(unreadable))
               .dump() +
           "\n";
}

int run_check_eligibility(const GlobalOptions& global) {
    const auto format = choose_format(global, "check-eligibility");
    const SystemClock clock;
    RunSetup setup = prepare_run(global, clock);
    LoadedRun run = load_all(setup, global);
    judge_records(run.files, setup.settings);
    const bool unreadable = report_read_errors(run.read_errors);
    const auto usable = judgeable_records(run.files, global.quiet);
    std::vector<const RecordFile*> skipped;
    for (const auto& file : run.files) {
        if (std::find(usable.begin(), usable.end(), &file) == usable.end()) skipped.push_back(&file);
    }
    const RecordIndex index(run.files);
    std::vector<EligibilityResult> results;
    for (const RecordFile* file : usable) results.push_back(check_eligibility(*file, index, setup.settings));

    write_result(global, format == "json" ? render_json(results, skipped, setup.settings, run.read_errors)
                                          : render_text(results, skipped.size(), use_color(global), global.quiet));
    if (unreadable) return exit_unreadable;
    const bool all_eligible = skipped.empty() && std::all_of(results.begin(), results.end(), [](const auto& r) {
                                  return r.verdict == Verdict::Eligible;
                              });
    return all_eligible ? exit_ok : exit_flagged;
}

} // namespace

std::function<int()> setup_check_eligibility(CLI::App& app, GlobalOptions& global) {
    app.add_option("paths", global.paths, "request records, or directories of them");
    return [&global] { return run_check_eligibility(global); };
}

} // namespace telework::cli
