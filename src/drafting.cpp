#include "telework/drafting.hpp"

#include "facts.hpp"

#include "telework/agreement.hpp"
#include "telework/renewal.hpp"
#include "telework/yaml_loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <set>

namespace telework {

namespace fs = std::filesystem;

namespace {

using Kind = DraftNode::Kind;

// Facts a draft never leaves open for people to fill in: the ones drafting
// sets itself, and those that only follow an approval or a decision.
bool drafted_or_later(std::string_view path) {
    static constexpr std::array<std::string_view, 12> prefixes = {
        "format", "id", "status", "type", "policy", "supersedes", "term", "signatures",
        "das_copy_sent", "decision", "schedule.pay_period", "notes"};
    return std::any_of(prefixes.begin(), prefixes.end(), [&](std::string_view prefix) {
        return path == prefix || (path.starts_with(prefix) && path[prefix.size()] == '.');
    });
}

// The paths a person fills in: every fact of the format page that holds a
// value rather than other facts; the eligibility groups by question.
std::vector<std::string> fillable_paths() {
    std::vector<std::string> paths;
    const auto all = fact_paths();
    for (const FactPath& fact : all) {
        if (drafted_or_later(fact.path)) continue;
        const std::string prefix = fmt::format("{}.", fact.path);
        const bool has_parts = std::any_of(all.begin(), all.end(), [&](const FactPath& other) {
            return other.path.starts_with(prefix);
        });
        if (has_parts) continue;
        if (fact.type() == FactView::Type::Answers) {
            const std::string_view group = fact.path.substr(std::string_view("eligibility.").size());
            const auto& questions = group == "position"      ? position_questions
                                    : group == "must_be_yes" ? must_be_yes_questions
                                                             : must_be_no_questions;
            for (const auto question : questions) paths.push_back(fmt::format("{}.{}", fact.path, question));
            continue;
        }
        paths.emplace_back(fact.path);
    }
    return paths;
}

DraftNode& ensure(DraftNode& root, std::string_view path) {
    DraftNode* node = &root;
    while (true) {
        const auto dot = path.find('.');
        const std::string_view key = path.substr(0, dot);
        DraftNode* next = node->find(key);
        if (!next || (dot != std::string_view::npos && next->kind != Kind::Mapping)) {
            next = &node->set(key, dot == std::string_view::npos ? DraftNode::null() : DraftNode::mapping());
        }
        if (dot == std::string_view::npos) return *next;
        node = next;
        path.remove_prefix(dot + 1);
    }
}

// A value that satisfies the record format, to look past a missing
// required fact at what the rules need behind it.
DraftNode stand_in(std::string_view path, Date date) {
    if (path == "duties") {
        DraftNode list = DraftNode::sequence();
        list.items.push_back(DraftNode::string("x"));
        return list;
    }
    if (path == "equipment") {
        DraftNode item = DraftNode::mapping();
        item.set("item", DraftNode::string("x"));
        item.set("provided_by", DraftNode::token("agency"));
        DraftNode list = DraftNode::sequence();
        list.items.push_back(std::move(item));
        return list;
    }
    if (path == "schedule.hours") {
        DraftNode hours = DraftNode::mapping();
        hours.set("start", DraftNode::string("08:00"));
        hours.set("end", DraftNode::string("16:00"));
        return hours;
    }
    const FactPath* fact = find_fact(path);
    const FactView::Type type = fact ? fact->type() : FactView::Type::Bool;
    switch (type) {
    case FactView::Type::Integer: return DraftNode::token("5");
    case FactView::Type::Text: return DraftNode::string("x");
    case FactView::Type::Date: return DraftNode::token(date.to_string());
    case FactView::Type::Enum: return DraftNode::token(std::string(fact->get(Agreement{}).names.front()));
    case FactView::Type::List: {
        DraftNode list = DraftNode::sequence();
        if (path.ends_with("telework_days")) list.items.push_back(DraftNode::token("mon"));
        return list;
    }
    case FactView::Type::Block: return DraftNode::mapping();
    default: return DraftNode::token("false");
    }
}

struct ProbeFinding {
    std::string path;
    std::string rule;
    std::string message;
};

// Writes `draft` as an approved record, judges it under the run's profiles
// as of `as_of`, and names the fact at each finding's line.
std::vector<ProbeFinding> probe(DraftNode draft, const RunSettings& settings, Date as_of) {
    draft.set("status", DraftNode::token("approved"));
    order_keys(draft);
    const WrittenRecord written = write_record(draft, "probe");
    RunSettings run = settings;
    run.as_of = as_of;
    run.jobs = 1;
    run.files_loaded = nullptr;
    std::vector<RecordFile> files;
    files.push_back(decode_record(written.text, "probe.yaml", "probe.yaml", run.load));
    judge_records(files, run);
    std::vector<ProbeFinding> found;
    for (const Finding& finding : files.front().findings) {
        const auto at = std::find_if(written.positions.begin(), written.positions.end(),
                                     [&](const WrittenPosition& p) { return p.key.line == finding.pos.line; });
        if (at == written.positions.end()) continue;
        const std::string name = finding.info ? fmt::format("{} {}", finding.rule, finding.info->name) : finding.rule;
        found.push_back({at->path, name, finding.message});
    }
    return found;
}

// The smallest record the format accepts, for judging a term on its own.
DraftNode minimal_record(Date start, Date end) {
    DraftNode root = DraftNode::mapping();
    root.set("format", DraftNode::token("1"));
    root.set("id", DraftNode::token("TW-PROBE-1"));
    root.set("type", DraftNode::token("routine"));
    root.set("agency", DraftNode::string("x"));
    DraftNode& employee = root.set("employee", DraftNode::mapping());
    employee.set("id", DraftNode::string("x"));
    employee.set("name", DraftNode::string("x"));
    employee.set("position", DraftNode::string("x"));
    root.set("supervisor", DraftNode::mapping()).set("name", DraftNode::string("x"));
    root.set("manager", DraftNode::mapping()).set("name", DraftNode::string("x"));
    DraftNode& term = root.set("term", DraftNode::mapping());
    term.set("start", DraftNode::token(start.to_string()));
    term.set("end", DraftNode::token(end.to_string()));
    return root;
}

// "to fill in (CT219 arrangement-elements): approved agreement lacks ...";
// for a key the format requires in a block a rule needs, that rule too.
std::string fill_in_comment(const std::vector<ProbeFinding>& reasons, const std::vector<ProbeFinding>* block_reasons) {
    std::vector<std::string> rules;
    for (const auto& reason : reasons) {
        if (std::find(rules.begin(), rules.end(), reason.rule) == rules.end()) rules.push_back(reason.rule);
    }
    std::string names = rules.front();
    for (std::size_t i = 1; i < rules.size(); ++i) names += ", " + rules[i];
    const ProbeFinding& first = reasons.front();
    if (!first.rule.starts_with("TW002")) return fmt::format("to fill in ({}): {}", names, first.message);
    const std::string block = first.path.substr(0, first.path.find('.'));
    if (!block_reasons || block_reasons->empty()) return fmt::format("to fill in ({}): required by the record format", names);
    return fmt::format("to fill in ({}): required by the record format in '{}', which {} needs", names, block,
                       block_reasons->front().rule);
}

bool is_signature_role(std::string_view role) {
    static constexpr std::array<std::string_view, 5> roles = {"employee", "supervisor", "manager", "hr", "agency_head"};
    return std::find(roles.begin(), roles.end(), role) != roles.end();
}

void set_text(DraftNode& root, std::string_view path, const std::string& value) {
    if (!value.empty()) ensure(root, path) = DraftNode::string(value);
}

} // namespace

Date last_term_day(const RunSettings& settings, const Profile& profile, Date start) {
    RunSettings run = settings;
    run.default_profile = profile.id;
    const auto too_long = [&](int days) {
        const auto found = probe(minimal_record(start, start.add_days(days)), run, start);
        return std::any_of(found.begin(), found.end(), [](const ProbeFinding& f) { return f.path == "term.end"; });
    };
    constexpr int longest = 3660;
    Date end;
    if (too_long(longest)) {
        int fits = 0, fails = longest; // invariant: fits is allowed, fails is not
        while (fails - fits > 1) {
            const int middle = fits + (fails - fits) / 2;
            (too_long(middle) ? fails : fits) = middle;
        }
        end = start.add_days(fits);
    } else {
        int months = 12;
        if (profile.renewal.ends == RenewalPolicy::Ends::Annual) {
            months = static_cast<int>(profile.threshold(profile.renewal.months_threshold).value_or(12));
        }
        end = start.add_months(months).add_days(-1);
    }
    if (profile.renewal.last_month && profile.renewal.last_day) {
        using namespace std::chrono;
        const month m(static_cast<unsigned>(*profile.renewal.last_month));
        const day d(static_cast<unsigned>(*profile.renewal.last_day));
        Date last(year_month_day{start.ymd().year(), m, d});
        if (last < start) last = Date(year_month_day{start.ymd().year() + years(1), m, d});
        end = std::min(end, last);
    }
    return end;
}

std::string next_record_id(const std::vector<std::string>& ids, int year) {
    struct Pattern {
        std::size_t count = 0;
        unsigned long long highest = 0;
    };
    std::map<std::pair<std::string, std::size_t>, Pattern> patterns; // (prefix, width)
    for (const auto& id : ids) {
        const auto dash = id.rfind('-');
        if (dash == std::string::npos) continue;
        const std::string digits = id.substr(dash + 1);
        if (digits.empty() || digits.size() > 18 ||
            !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
            continue;
        }
        Pattern& pattern = patterns[{id.substr(0, dash + 1), digits.size()}];
        ++pattern.count;
        pattern.highest = std::max(pattern.highest, std::stoull(digits));
    }
    if (patterns.empty()) return fmt::format("TW-{}-0001", year);
    // Most ids share the pattern; among equals, the one that sorts last.
    auto best = patterns.begin();
    for (auto it = patterns.begin(); it != patterns.end(); ++it) {
        if (it->second.count >= best->second.count) best = it;
    }
    const auto& [prefix, width] = best->first;
    return fmt::format("{}{:0{}}", prefix, best->second.highest + 1, width);
}

DraftNode draft_new_record(const NewRecordFacts& facts, const RunSettings& settings, const Profile& profile) {
    DraftNode base = DraftNode::mapping();
    base.set("format", DraftNode::token("1"));
    base.set("id", DraftNode::token(facts.id));
    base.set("status", DraftNode::token("proposed"));
    base.set("type", DraftNode::token(facts.type));
    if (profile.id != settings.default_profile) base.set("policy", DraftNode::string(profile.id));
    set_text(base, "agency", facts.agency);
    set_text(base, "unit", facts.unit);
    set_text(base, "employee.id", facts.employee_id);
    set_text(base, "employee.name", facts.employee_name);
    set_text(base, "employee.email", facts.employee_email);
    set_text(base, "employee.position", facts.position);
    set_text(base, "supervisor.id", facts.supervisor_id);
    set_text(base, "supervisor.name", facts.supervisor_name);
    set_text(base, "manager.id", facts.manager_id);
    set_text(base, "manager.name", facts.manager_name);
    DraftNode& term = base.set("term", DraftNode::mapping());
    term.set("start", DraftNode::token(facts.start.to_string()));
    term.set("end", DraftNode::token(last_term_day(settings, profile, facts.start).to_string()));

    std::vector<std::string> open;
    for (auto& path : fillable_paths()) {
        if (!base.at(path)) open.push_back(std::move(path));
    }
    RunSettings run = settings;
    run.default_profile = profile.id;
    // First each optional block as `null`: a rule that needs anything of it
    // reports it at the block's line (an absent `computer` means no personal
    // computer, so no rule asks for it and it stays out). The blocks some
    // rule needs are then opened up into their facts.
    std::set<std::string> blocks;
    for (const auto& path : open) {
        const auto dot = path.find('.');
        const std::string block = path.substr(0, dot);
        if (dot != std::string::npos && block != "employee" && block != "supervisor" && block != "manager") blocks.insert(block);
    }
    std::map<std::string, std::vector<ProbeFinding>> needed;
    const auto note = [&](ProbeFinding finding) {
        auto& reasons = needed[finding.path];
        const bool known = std::any_of(reasons.begin(), reasons.end(), [&](const ProbeFinding& r) { return r.rule == finding.rule; });
        if (!known) reasons.push_back(std::move(finding));
    };
    {
        DraftNode draft = base;
        for (const auto& path : open) {
            const std::string block = path.substr(0, path.find('.'));
            ensure(draft, blocks.contains(block) ? std::string_view(block) : std::string_view(path)) = DraftNode::null();
        }
        for (auto& finding : probe(draft, run, facts.start)) {
            if (blocks.contains(finding.path) || std::find(open.begin(), open.end(), finding.path) != open.end()) {
                note(std::move(finding));
            }
        }
    }
    const auto opened = [&](const std::string& path) {
        const std::string block = path.substr(0, path.find('.'));
        return !blocks.contains(block) || needed.contains(block);
    };
    // A fact the format requires, left null, hides the rules behind it (a
    // null location.kind stops nothing, but a given one may bring CT206):
    // stand-ins for those show the rest, a few rounds deep.
    std::set<std::string> stand_ins;
    for (int round = 0; round < 4; ++round) {
        DraftNode draft = base;
        for (const auto& path : open) {
            if (opened(path)) ensure(draft, path) = stand_ins.contains(path) ? stand_in(path, facts.start) : DraftNode::null();
        }
        bool more = false;
        for (auto& finding : probe(draft, run, facts.start)) {
            if (std::find(open.begin(), open.end(), finding.path) == open.end()) continue;
            if (finding.rule.starts_with("TW002")) more = stand_ins.insert(finding.path).second || more;
            note(std::move(finding));
        }
        if (!more) break;
    }
    DraftNode result = base;
    for (const auto& path : open) {
        const auto found = needed.find(path);
        if (!opened(path) || found == needed.end()) continue;
        const std::string block = path.substr(0, path.find('.'));
        const auto by_block = needed.find(block);
        ensure(result, path) = DraftNode::null(fill_in_comment(found->second, by_block == needed.end() ? nullptr : &by_block->second));
    }
    // A fact whose null is an answer (last_discipline: null = never
    // disciplined) passes as null but fails when absent: written as null, for
    // people to confirm, when leaving it out adds a finding.
    DraftNode filled = result;
    for (const auto& path : stand_ins) {
        if (result.at(path)) ensure(filled, path) = stand_in(path, facts.start);
    }
    const auto without = probe(filled, run, facts.start);
    for (const auto& path : open) {
        if (!opened(path) || result.at(path)) continue;
        DraftNode trial = filled;
        ensure(trial, path) = DraftNode::null();
        const auto with = probe(trial, run, facts.start);
        if (with.size() >= without.size()) continue;
        const auto gone = std::find_if(without.begin(), without.end(), [&](const ProbeFinding& f) {
            return std::none_of(with.begin(), with.end(), [&](const ProbeFinding& g) { return g.message == f.message; });
        });
        if (gone == without.end()) continue;
        ensure(result, path) = DraftNode::null(fmt::format(
            "to confirm ({}): null is an answer here; left out, {}", gone->rule, gone->message));
    }
    order_keys(result);
    return result;
}

DraftNode draft_renewal(const RecordFile& current, const std::string& new_id, const RunSettings& settings,
                        const Profile& profile) {
    const auto old_unpacked = current.agreement();
    const Agreement& old = *old_unpacked;
    const auto source = current.read_source();
    const YamlDocument document = parse_yaml(*source);
    DraftNode draft = document.root ? draft_from_yaml(*document.root) : DraftNode::mapping();

    std::optional<Date> ends;
    if (const auto end = agreement_end(old, profile)) ends = end->date;
    else if (old.term.present() && old.term->end.present()) ends = old.term->end.value;
    const Date start = ends && ends->add_days(1) > settings.as_of ? ends->add_days(1) : settings.as_of;

    draft.set("id", DraftNode::token(new_id));
    draft.set("status", DraftNode::token("proposed"));
    draft.set("supersedes", DraftNode::token(old.id.value));
    DraftNode term = DraftNode::mapping();
    term.set("start", DraftNode::token(start.to_string()));
    term.set("end", DraftNode::token(last_term_day(settings, profile, start).to_string()));
    draft.set("term", std::move(term));
    draft.erase("decision");
    if (DraftNode* request = draft.find("request"); request && request->kind == Kind::Mapping) {
        request->set("kind", DraftNode::token("renewal"));
        request->set("date", DraftNode::null("to fill in: when the employee asked for the renewal"));
    }
    const auto clear = [&](std::string_view key, std::string why) {
        if (draft.find(key)) draft.set(key, DraftNode::null(std::move(why)));
    };
    clear("safety_checklist", "cleared for the renewal: complete the safety checklist again");
    clear("das_copy_sent", "cleared for the renewal: the date the successor's signed copy goes to DAS");

    // Dated facts the successor's approval would fail on (training older
    // than the profile allows), with every approval signature on its start.
    DraftNode signed_draft = draft;
    DraftNode& signatures = signed_draft.set("signatures", DraftNode::mapping());
    for (const auto& role : profile.approval_signatures) {
        DraftNode signature = DraftNode::mapping();
        signature.set("name", DraftNode::string("x"));
        signature.set("date", DraftNode::token(start.to_string()));
        if (is_signature_role(role)) {
            signatures.set(role, std::move(signature));
        } else {
            signature.set("role", DraftNode::token(role));
            DraftNode* others = signatures.find("others");
            if (!others) others = &signatures.set("others", DraftNode::sequence());
            others->items.push_back(std::move(signature));
        }
    }
    RunSettings run = settings;
    run.default_profile = profile.id;
    for (const auto& finding : probe(signed_draft, run, start)) {
        const FactPath* fact = find_fact(finding.path);
        if (!fact || fact->type() != FactView::Type::Date || drafted_or_later(finding.path)) continue;
        ensure(draft, finding.path) =
            DraftNode::null(fmt::format("cleared for the renewal ({}): {}", finding.rule, finding.message));
    }
    clear("signatures", "cleared for the renewal: every signer signs the successor");
    order_keys(draft);
    return draft;
}

std::string schema_path_for(const fs::path& record_dir, const fs::path& repo_root) {
    const fs::path schema = (repo_root / "schemas" / "agreement.schema.json").lexically_normal();
    return schema.lexically_relative(record_dir.lexically_normal()).generic_string();
}

std::optional<std::string> modeline_schema(std::string_view text) {
    constexpr std::string_view start = "# yaml-language-server: $schema=";
    if (!text.starts_with(start)) return std::nullopt;
    const std::string_view rest = text.substr(start.size());
    const std::string_view path = rest.substr(0, rest.find('\n'));
    // Only a plain path is carried over: the line is copied into a new file.
    const bool plain = !path.empty() && std::all_of(path.begin(), path.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               std::string_view("._/:~+-").find(c) != std::string_view::npos;
    });
    if (!plain) return std::nullopt;
    return std::string(path);
}

} // namespace telework
