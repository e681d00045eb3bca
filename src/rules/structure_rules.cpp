#include "checks.hpp"
#include "rule_helpers.hpp"

#include "telework/record.hpp"
#include "telework/record_index.hpp"

namespace telework::rules {

void duplicate_id(const RuleContext& ctx, EvaluationSink& out) {
    const auto& id = ctx.record.id;
    if (!id.present()) return;
    // The first other holder and a count, not every pair: n files sharing an
    // id would otherwise print n squared names.
    const RecordFile* first_other = nullptr;
    std::size_t others = 0;
    for (const RecordFile* file : ctx.index.with_id(id.value)) {
        if (file == &ctx.file) continue;
        if (!first_other) first_other = file;
        ++others;
    }
    if (!first_other) return;
    if (others == 1) {
        out.fail(id.pos, fmt::format("id '{}' is also used by {}", id.value, first_other->display_path));
    } else {
        out.fail(id.pos, fmt::format("id '{}' is also used by {} and {} other files", id.value,
                                     first_other->display_path, others - 1));
    }
}

void unknown_supersedes(const RuleContext& ctx, EvaluationSink& out) {
    const auto& supersedes = ctx.record.supersedes;
    if (!supersedes.present()) return;
    if (ctx.record.id.present() && supersedes.value == ctx.record.id.value) {
        out.fail(supersedes.pos, fmt::format("'{}' supersedes itself", supersedes.value));
        return;
    }
    const auto& targets = ctx.index.with_id(supersedes.value);
    if (targets.empty()) {
        out.fail(supersedes.pos, fmt::format("supersedes '{}', but no record in the repo has that id", supersedes.value));
        return;
    }
    const auto own = fact(ctx.record.employee, &Employee::id);
    if (!own.present()) return;
    for (const RecordFile* target : targets) {
        const auto& theirs = target->keys->employee_id;
        if (!theirs.present() || theirs.value == own.value) return;
    }
    const auto& theirs = targets.front()->keys->employee_id;
    out.fail(supersedes.pos, fmt::format("supersedes '{}' ({}), an agreement of employee {}, not {}", supersedes.value,
                                         targets.front()->display_path, theirs.value, own.value));
}

namespace {

// The key is spelt out only for a date that fails, which few do.
template <class... KeyArgs>
void not_after_as_of(const RuleContext& ctx, EvaluationSink& out, const Field<Date>& date,
                     fmt::format_string<KeyArgs...> key, KeyArgs&&... key_args) {
    if (date.present() && ctx.as_of < date.value) {
        out.fail(date.pos, fmt::format("{} {} is after the as-of date {}",
                                       fmt::format(key, std::forward<KeyArgs>(key_args)...),
                                       date.value.to_string(), ctx.as_of.to_string()));
    }
}

} // namespace

void date_order(const RuleContext& ctx, EvaluationSink& out) {
    const Agreement& a = ctx.record;
    if (a.term.present() && a.term->start.present() && a.term->end.present() && a.term->end.value < a.term->start.value) {
        out.fail(a.term->end.pos, fmt::format("term.end {} is before term.start {}", a.term->end.value.to_string(),
                                              a.term->start.value.to_string()));
    }
    if (a.signatures.present()) {
        for (const auto role : EnumNames<Role>::names) {
            const auto& signature = a.signatures->of(*parse_enum<Role>(role));
            if (signature.present()) {
                not_after_as_of(ctx, out, signature->date, "signatures.{}.date", role);
            }
        }
        // The approvers beyond the five roles sign too (format additions).
        if (a.signatures->others.present()) {
            for (std::size_t i = 0; i < a.signatures->others->size(); ++i) {
                const auto& other = (*a.signatures->others)[i].signature;
                if (other.present()) {
                    not_after_as_of(ctx, out, other->date, "signatures.others[{}].date", i);
                }
            }
        }
    }
    if (a.decision.present()) {
        not_after_as_of(ctx, out, a.decision->date, "decision.date");
        not_after_as_of(ctx, out, a.decision->copy_to_employee, "decision.copy_to_employee");
        not_after_as_of(ctx, out, a.decision->copy_to_coordinator, "decision.copy_to_coordinator");
    }
    not_after_as_of(ctx, out, a.das_copy_sent, "das_copy_sent");
    if (a.das_copy_sent.present() && ctx.approval && a.das_copy_sent.value < *ctx.approval) {
        out.fail(a.das_copy_sent.pos,
                 fmt::format("das_copy_sent {} is before the approval date {} (the latest required signature)",
                             a.das_copy_sent.value.to_string(), ctx.approval->to_string()));
    }
}

} // namespace telework::rules
