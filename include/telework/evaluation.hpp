#pragma once

#include "telework/position.hpp"

#include <string>
#include <vector>

namespace telework {

// What a rule concluded about one criterion of one record. Validation turns
// failures (and, on the approved records a rule judges, unknowns) into
// findings; check-eligibility reports all three outcomes.
enum class Outcome { Pass, Fail, Unknown };

struct Evaluation {
    Outcome outcome = Outcome::Pass;
    Position pos;
    std::string message;
    std::string subject; // the question, for rules judged per question (CT210, CT211)
};

class EvaluationSink {
public:
    explicit EvaluationSink(bool keep_passes = true) : keep_passes_(keep_passes) {}
    // Judging a run keeps only failures and unknowns, so a check need not
    // render the message of a pass (rendering them cost a fifth of a warm run).
    bool keeps_passes() const { return keep_passes_; }

    void pass(Position pos, std::string message, std::string subject = {});
    void fail(Position pos, std::string message, std::string subject = {});
    // A fact the criterion needs is absent or not yet answered ("not recorded").
    void unknown(Position pos, std::string message, std::string subject = {});

    const std::vector<Evaluation>& evaluations() const { return evaluations_; }
    std::vector<Evaluation> take() { return std::move(evaluations_); }

private:
    bool keep_passes_;
    std::vector<Evaluation> evaluations_;
};

} // namespace telework
