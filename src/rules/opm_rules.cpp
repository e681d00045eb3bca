#include "checks.hpp"
#include "rule_helpers.hpp"

namespace telework::rules {

void opm_agreement_elements(const RuleContext& ctx, EvaluationSink& out) {
    const Agreement& a = ctx.record;
    if (require(out, a.location, "location", "location of the telework office") && a.location.present()) {
        require(out, a.location->phone, "location.phone", "telework contact information");
    }
    require(out, a.equipment, "equipment", "equipment inventory");
    require(out, a.duties, "duties", "job tasks performed while teleworking");
    require(out, a.schedule, "schedule", "telework schedule");
    const auto completed = fact(a.safety_checklist, &SafetyChecklist::completed);
    if (!completed.invalid() && !is_true(completed)) {
        out.fail(completed.pos, completed.present()
                                    ? std::string("safety checklist not completed ('safety_checklist.completed: false')")
                                    : std::string("approved agreement lacks a completed 'safety_checklist'"));
    }
    if (require(out, a.emergency, "emergency", "expectations for emergency telework") && a.emergency.present()) {
        for (const auto& [key, field] : {std::pair{"coop", a.emergency->coop}, std::pair{"pandemic", a.emergency->pandemic},
                                         std::pair{"weather", a.emergency->weather}}) {
            if (field.missing()) {
                out.fail(field.pos, fmt::format("{}: state true or false whether the employee is expected to telework",
                                                missing_fact(field, fmt::format("emergency.{}", key))));
            }
        }
    }
}

namespace {

void require_signature(EvaluationSink& out, const Agreement& a, Role role, std::string_view who) {
    const auto signature = a.signatures.present() ? a.signatures->of(role) : fact(a.signatures, &Signatures::employee);
    if (signature.invalid() || signature.present()) return;
    out.fail(signature.pos, fmt::format("approved agreement lacks the {}'s signature ('signatures.{}' with name and date)",
                                        who, to_string(role)));
}

} // namespace

void opm_signatures(const RuleContext& ctx, EvaluationSink& out) {
    require_signature(out, ctx.record, Role::Employee, "employee");
    require_signature(out, ctx.record, Role::Manager, "manager");
}

void opm_new_manager(const RuleContext& ctx, EvaluationSink& out) {
    const Agreement& a = ctx.record;
    if (!a.signatures.present() || !a.signatures->manager.present() || !a.manager.present()) return;
    const auto& signed_by = a.signatures->manager->name;
    const auto& manager = a.manager->name;
    if (!signed_by.present() || !manager.present()) return;
    if (same_name_key(signed_by.value) != same_name_key(manager.value)) {
        out.fail(signed_by.pos, fmt::format("signed by manager '{}', but the employee's manager is now '{}': a new "
                                            "employee/manager relationship needs a new agreement",
                                            signed_by.value, manager.value));
    }
}

void opm_decision_reason(const RuleContext& ctx, EvaluationSink& out) {
    const Agreement& a = ctx.record;
    const auto status = to_string(a.status.value);
    if (a.decision.missing()) {
        out.fail(a.decision.pos, fmt::format("{} record lacks a 'decision' with date, reason_category and reason", status));
        return;
    }
    if (!a.decision.present()) return;
    for (const auto& [key, lacking] : {std::pair{"decision.reason_category", lacks(a.decision->reason_category)},
                                       std::pair{"decision.reason", lacks(a.decision->reason)}}) {
        if (lacking) {
            const Position pos = std::string_view(key) == "decision.reason" ? a.decision->reason.pos
                                                                            : a.decision->reason_category.pos;
            out.fail(pos, fmt::format("{} record lacks '{}': say why the arrangement was {}", status, key, status));
        }
    }
}

void opm_decision_reapply(const RuleContext& ctx, EvaluationSink& out) {
    const Agreement& a = ctx.record;
    if (!a.decision.present() || !a.decision->reapply_after.absent()) return;
    out.fail(a.decision->reapply_after.pos,
             fmt::format("{} record lacks 'decision.reapply_after': say when the employee might reapply, or write "
                         "'reapply_after: null' if it does not apply",
                         to_string(a.status.value)));
}

void opm_decision_copies(const RuleContext& ctx, EvaluationSink& out) {
    const Agreement& a = ctx.record;
    if (!a.decision.present()) return;
    const auto status = to_string(a.status.value);
    if (lacks(a.decision->copy_to_employee)) {
        out.fail(a.decision->copy_to_employee.pos,
                 fmt::format("{} record lacks 'decision.copy_to_employee': the employee gets a written copy", status));
    }
    if (lacks(a.decision->copy_to_coordinator)) {
        out.fail(a.decision->copy_to_coordinator.pos,
                 fmt::format("{} record lacks 'decision.copy_to_coordinator': the telework coordinator gets a copy",
                             status));
    }
}

namespace {

void training_before_approval(const RuleContext& ctx, EvaluationSink& out, Field<Date> Training::*member,
                              std::string_view key, std::string_view what) {
    const auto completed = fact(ctx.record.training, member);
    if (completed.invalid()) return;
    if (completed.missing()) {
        out.fail(completed.pos, fmt::format("approved agreement lacks 'training.{}': {} not recorded", key, what));
    } else if (ctx.approval && *ctx.approval < completed.value) {
        out.fail(completed.pos, fmt::format("{} completed {}, after the approval date {}", what,
                                            completed.value.to_string(), ctx.approval->to_string()));
    }
}

} // namespace

void opm_security_training(const RuleContext& ctx, EvaluationSink& out) {
    training_before_approval(ctx, out, &Training::it_security, "it_security", "IT security training");
}

void opm_telework_training(const RuleContext& ctx, EvaluationSink& out) {
    training_before_approval(ctx, out, &Training::telework, "telework", "telework training");
}

void opm_awol_exclusion(const RuleContext& ctx, EvaluationSink& out) {
    disqualifying_flag(ctx, out, &Employee::disciplined_awol, "disciplined_awol",
                       "employee was officially disciplined for more than 5 days absent without permission in a "
                       "calendar year and may not telework",
                       "no discipline for absence without permission");
}

void opm_content_exclusion(const RuleContext& ctx, EvaluationSink& out) {
    disqualifying_flag(ctx, out, &Employee::disciplined_prohibited_content, "disciplined_prohibited_content",
                       "employee was officially disciplined for prohibited content on government equipment and may "
                       "not telework",
                       "no discipline for prohibited content");
}

void opm_official_worksite(const RuleContext& ctx, EvaluationSink& out) {
    const Agreement& a = ctx.record;
    if (!a.type.present() || a.type.value != AgreementType::Routine || !a.schedule.present()) return;
    const auto& s = *a.schedule;
    if (!s.workweek_days.present() || !s.telework_days.present()) return;
    const int office_days = 2 * (s.workweek_days.value - static_cast<int>(s.telework_days->size()));
    if (office_days < 2) {
        out.fail(s.telework_days.pos,
                 fmt::format("routine schedule leaves {} day{} per biweekly pay period at the official worksite "
                             "({} of {} workweek days teleworked); with fewer than 2 the telework site becomes the "
                             "official worksite, which must be documented",
                             std::max(office_days, 0), office_days == 1 ? "" : "s", s.telework_days->size(),
                             s.workweek_days.value));
    }
}

} // namespace telework::rules
