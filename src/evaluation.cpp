#include "telework/evaluation.hpp"

namespace telework {

void EvaluationSink::pass(Position pos, std::string message, std::string subject) {
    if (!keep_passes_) return;
    evaluations_.push_back(Evaluation{Outcome::Pass, pos, std::move(message), std::move(subject)});
}

void EvaluationSink::fail(Position pos, std::string message, std::string subject) {
    evaluations_.push_back(Evaluation{Outcome::Fail, pos, std::move(message), std::move(subject)});
}

void EvaluationSink::unknown(Position pos, std::string message, std::string subject) {
    evaluations_.push_back(Evaluation{Outcome::Unknown, pos, std::move(message), std::move(subject)});
}

} // namespace telework
