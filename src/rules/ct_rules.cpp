#include "checks.hpp"
#include "rule_helpers.hpp"

#include "telework/derived.hpp"

#include <cmath>

namespace telework::rules {

void ct_max_term(const RuleContext& ctx, EvaluationSink& out) {
    const Agreement& a = ctx.record;
    if (!a.term.present() || !a.term->start.present() || !a.term->end.present()) return;
    const Date start = a.term->start.value, end = a.term->end.value;
    if (end < start) return; // TW006
    const int months = ctx.thresholds.max_term_months;
    if (term_within_months(start, end, months)) return;
    out.fail(a.term->end.pos,
             fmt::format("term runs {} ({} to {}); at most {} month{} allowed, so it must end by {}",
                         describe_span(start, end.add_days(1)), start.to_string(), end.to_string(), months,
                         months == 1 ? "" : "s", start.add_months(months).add_days(-1).to_string()));
}

void ct_max_share(const RuleContext& ctx, EvaluationSink& out) {
    const Agreement& a = ctx.record;
    if (!a.schedule.present()) return;
    const auto share = telework_share(*a.schedule);
    if (!share) return;
    const double limit = ctx.thresholds.max_telework_share;
    if (*share <= limit + 1e-9) return;
    const auto& s = *a.schedule;
    const std::size_t partial = s.partial_days.present() ? s.partial_days->size() : 0;
    out.fail(s.telework_days.pos,
             fmt::format("telework share is {:g}% ({} telework{} of {} workweek days); at most {:g}% allowed",
                         std::round(*share * 1000) / 10, s.telework_days->size() + partial,
                         partial ? fmt::format(" and partial days, {} partial,", partial) : std::string(" days"),
                         s.workweek_days.value, limit * 100));
}

void ct_whole_days(const RuleContext& ctx, EvaluationSink& out) {
    const Agreement& a = ctx.record;
    if (!a.schedule.present() || !a.schedule->partial_days.present() || a.schedule->partial_days->empty()) return;
    if (a.schedule->field_work.invalid() || is_true(a.schedule->field_work)) return;
    std::string days;
    for (const Weekday day : *a.schedule->partial_days) days += (days.empty() ? "" : ", ") + std::string(to_string(day));
    out.fail(a.schedule->partial_days.pos,
             fmt::format("partial telework days ({}) need 'field_work: true': telework days are whole days", days));
}

void ct_signatures(const RuleContext& ctx, EvaluationSink& out) {
    const Agreement& a = ctx.record;
    for (const Role role : required_signatures(ProfileId::CtGl32)) {
        const auto signature = a.signatures.present() ? a.signatures->of(role) : fact(a.signatures, &Signatures::employee);
        if (signature.invalid() || signature.present()) continue;
        out.fail(signature.pos, fmt::format("approved agreement lacks the {} signature ('signatures.{}' with name and "
                                            "date); GL32 V needs all five",
                                            to_string(role), to_string(role)));
    }
}

void ct_das_copy(const RuleContext& ctx, EvaluationSink& out) {
    const Agreement& a = ctx.record;
    if (!ctx.approval || a.das_copy_sent.invalid()) return;
    const int days = ctx.thresholds.das_copy_days;
    const Date deadline = ctx.approval->add_days(days);
    if (a.das_copy_sent.present()) {
        if (deadline < a.das_copy_sent.value) {
            out.fail(a.das_copy_sent.pos,
                     fmt::format("copy sent to DAS on {}, {} days after approval on {}; at most {} allowed",
                                 a.das_copy_sent.value.to_string(), days_between(*ctx.approval, a.das_copy_sent.value),
                                 ctx.approval->to_string(), days));
        }
    } else if (deadline < ctx.as_of) {
        out.fail(a.das_copy_sent.pos,
                 fmt::format("no 'das_copy_sent' recorded; approval was on {} and the copy was due at DAS by {}",
                             ctx.approval->to_string(), deadline.to_string()));
    }
}

void ct_insurance_certificate(const RuleContext& ctx, EvaluationSink& out) {
    const Agreement& a = ctx.record;
    const auto kind = fact(a.location, &Location::kind);
    if (!kind.present() || kind.value != LocationKind::Home || a.insurance_certificate_on_file.invalid()) return;
    if (!is_true(a.insurance_certificate_on_file)) {
        out.fail(a.insurance_certificate_on_file.pos,
                 "telework from home needs a homeowners or renters insurance certificate on file "
                 "('insurance_certificate_on_file: true')");
    }
}

void ct_dependent_care(const RuleContext& ctx, EvaluationSink& out) {
    const Agreement& a = ctx.record;
    if (!a.dependent_care.present() || !is_true(a.dependent_care->dependents)) return;
    const auto& on_file = a.dependent_care->arrangements_on_file;
    if (!on_file.invalid() && !is_true(on_file)) {
        out.fail(on_file.pos, "employee has dependents and no proof of care arrangements is on file "
                              "('dependent_care.arrangements_on_file: true')");
    }
}

void ct_personal_computer(const RuleContext& ctx, EvaluationSink& out) {
    const Agreement& a = ctx.record;
    if (a.computer.invalid()) return;
    if (!a.computer.present() || !is_true(a.computer->personal_computer)) {
        out.pass(a.computer.pos, "no personal computer is used for state work");
        return;
    }
    const auto& basis = a.computer->basis;
    if (basis.invalid()) return;
    if (basis.missing() || basis.value == ComputerBasis::None) {
        out.fail(basis.pos, "personal computer used for state work without an exception: set 'computer.basis' to "
                            "no_computer_needed, webmail_only, secure_web_app or it_authorized");
    } else {
        out.pass(basis.pos, fmt::format("personal computer used under the '{}' exception", to_string(basis.value)));
    }
}

namespace {

// One evaluation per question of an eligibility group; `wanted` is the answer that passes.
void answers(const RuleContext& ctx, EvaluationSink& out, Field<std::vector<Answer>> Eligibility::*group,
             std::string_view group_key, bool wanted, bool unanswered_is_unknown) {
    const auto given = fact(ctx.record.eligibility, group);
    const std::string group_name = fmt::format("eligibility.{}", group_key);
    if (given.invalid()) return;
    if (given.missing()) {
        if (unanswered_is_unknown) out.unknown(given.pos, missing_fact(given, group_name));
        return;
    }
    for (const Answer& answer : given.value) {
        const std::string key = fmt::format("{}.{}", group_name, answer.question);
        const std::string question(answer.question);
        if (answer.answer.invalid()) continue;
        if (answer.answer.missing()) {
            if (unanswered_is_unknown) out.unknown(answer.answer.pos, missing_fact(answer.answer, key), question);
        } else if (answer.answer.value == wanted) {
            out.pass(answer.answer.pos, fmt::format("'{}' is {}", key, wanted ? "true" : "false"), question);
        } else {
            out.fail(answer.answer.pos,
                     fmt::format("'{}' is {}; it must be {}", key, answer.answer.value ? "true" : "false",
                                 wanted ? "true" : "false"),
                     question);
        }
    }
}

} // namespace

void ct_position_fit(const RuleContext& ctx, EvaluationSink& out) {
    answers(ctx, out, &Eligibility::position, "position", true, true);
}

void ct_must_be_yes(const RuleContext& ctx, EvaluationSink& out) {
    answers(ctx, out, &Eligibility::must_be_yes, "must_be_yes", true, true);
}

void ct_must_be_no(const RuleContext& ctx, EvaluationSink& out) {
    answers(ctx, out, &Eligibility::must_be_no, "must_be_no", false, true);
}

void ct_supervises_staff(const RuleContext& ctx, EvaluationSink& out) {
    disqualifying_flag(ctx, out, &Employee::supervises_staff, "supervises_staff",
                       "employee's position requires leading or supervising staff", "does not lead or supervise staff");
}

void ct_working_test_period(const RuleContext& ctx, EvaluationSink& out) {
    disqualifying_flag(ctx, out, &Employee::working_test_period, "working_test_period",
                       "employee is in a working test period", "not in a working test period");
}

void ct_training_class(const RuleContext& ctx, EvaluationSink& out) {
    disqualifying_flag(ctx, out, &Employee::training_class, "training_class",
                       "employee is in a junior level or training class", "not in a junior level or training class");
}

void ct_recent_discipline(const RuleContext& ctx, EvaluationSink& out) {
    const auto last = fact(ctx.record.employee, &Employee::last_discipline);
    if (last.invalid()) return;
    if (last.absent()) {
        out.unknown(last.pos, "'employee.last_discipline' is not recorded (null means never disciplined)");
        return;
    }
    if (last.is_null()) {
        out.pass(last.pos, "never disciplined");
        return;
    }
    const int months = ctx.thresholds.discipline_lookback_months;
    const Date reference = ctx.approval.value_or(ctx.as_of);
    const std::string reference_name =
        ctx.approval ? fmt::format("approval on {}", reference.to_string())
                     : fmt::format("the as-of date {}", reference.to_string());
    if (discipline_is_recent(last.value, reference, months)) {
        out.fail(last.pos, fmt::format("disciplined on {}, within the {} months up to {} (after {})",
                                       last.value.to_string(), months, reference_name,
                                       reference.add_months(-months).to_string()));
    } else {
        out.pass(last.pos, fmt::format("last disciplined on {}, not within the {} months up to {}",
                                       last.value.to_string(), months, reference_name));
    }
}

void ct_performance_rating(const RuleContext& ctx, EvaluationSink& out) {
    const auto rating = fact(ctx.record.employee, &Employee::performance_rating);
    if (rating.invalid()) return;
    if (rating.missing()) {
        out.unknown(rating.pos, missing_fact(rating, "employee.performance_rating"));
    } else if (rating.value < PerformanceRating::Satisfactory) {
        out.fail(rating.pos, fmt::format("most recent performance rating is '{}'; satisfactory or better is required",
                                         to_string(rating.value)));
    } else {
        out.pass(rating.pos, fmt::format("performance rated '{}'", to_string(rating.value)));
    }
}

void ct_outside_employment(const RuleContext& ctx, EvaluationSink& out) {
    disqualifying_flag(ctx, out, &Employee::outside_employment, "outside_employment",
                       "employee has outside employment that could mingle state and non-state work",
                       "no conflicting outside employment");
}

void ct_responsible_for_safety(const RuleContext& ctx, EvaluationSink& out) {
    disqualifying_flag(ctx, out, &Employee::responsible_for_safety, "responsible_for_safety",
                       "employee is responsible for the health or safety of others at the work site",
                       "not responsible for others' health or safety at the work site");
}

void ct_arrangement_elements(const RuleContext& ctx, EvaluationSink& out) {
    const Agreement& a = ctx.record;
    if (require(out, a.schedule, "schedule", "GL32 IV.D") && a.schedule.present()) {
        const auto& s = *a.schedule;
        const bool no_days = s.telework_days.present() && s.telework_days->empty() &&
                             (s.partial_days.missing() || (s.partial_days.present() && s.partial_days->empty()));
        if (no_days) out.fail(s.telework_days.pos, "schedule names no telework or partial day");
    }
    if (require(out, a.term, "term", "GL32 IV.E: at most 9 months") && a.term.present()) {
        require(out, a.term->end, "term.end", "GL32 IV.E");
    }
    if (require(out, a.location, "location", "GL32 IV.F") && a.location.present()) {
        require(out, a.location->phone, "location.phone", "GL32 IV.F: where the employee can be reached");
    }
    require(out, a.duties, "duties", "GL32 V");
}

} // namespace telework::rules
