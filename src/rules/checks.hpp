#pragma once

#include "telework/catalog.hpp"

// The rule functions the catalog names. One function per rule.
namespace telework::rules {

void duplicate_id(const RuleContext&, EvaluationSink&);
void unknown_supersedes(const RuleContext&, EvaluationSink&);
void date_order(const RuleContext&, EvaluationSink&);

void opm_agreement_elements(const RuleContext&, EvaluationSink&);
void opm_signatures(const RuleContext&, EvaluationSink&);
void opm_new_manager(const RuleContext&, EvaluationSink&);
void opm_decision_reason(const RuleContext&, EvaluationSink&);
void opm_decision_reapply(const RuleContext&, EvaluationSink&);
void opm_decision_copies(const RuleContext&, EvaluationSink&);
void opm_security_training(const RuleContext&, EvaluationSink&);
void opm_telework_training(const RuleContext&, EvaluationSink&);
void opm_awol_exclusion(const RuleContext&, EvaluationSink&);
void opm_content_exclusion(const RuleContext&, EvaluationSink&);
void opm_official_worksite(const RuleContext&, EvaluationSink&);

void ct_max_term(const RuleContext&, EvaluationSink&);
void ct_max_share(const RuleContext&, EvaluationSink&);
void ct_whole_days(const RuleContext&, EvaluationSink&);
void ct_signatures(const RuleContext&, EvaluationSink&);
void ct_das_copy(const RuleContext&, EvaluationSink&);
void ct_insurance_certificate(const RuleContext&, EvaluationSink&);
void ct_dependent_care(const RuleContext&, EvaluationSink&);
void ct_personal_computer(const RuleContext&, EvaluationSink&);
void ct_position_fit(const RuleContext&, EvaluationSink&);
void ct_must_be_yes(const RuleContext&, EvaluationSink&);
void ct_must_be_no(const RuleContext&, EvaluationSink&);
void ct_supervises_staff(const RuleContext&, EvaluationSink&);
void ct_working_test_period(const RuleContext&, EvaluationSink&);
void ct_training_class(const RuleContext&, EvaluationSink&);
void ct_recent_discipline(const RuleContext&, EvaluationSink&);
void ct_performance_rating(const RuleContext&, EvaluationSink&);
void ct_outside_employment(const RuleContext&, EvaluationSink&);
void ct_responsible_for_safety(const RuleContext&, EvaluationSink&);
void ct_arrangement_elements(const RuleContext&, EvaluationSink&);

} // namespace telework::rules
