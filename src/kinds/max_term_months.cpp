#include "kind.hpp"

#include "telework/derived.hpp"

namespace telework::kinds {

namespace {

// The term runs at most N months: term.end <= add_months(term.start, N) - 1 day.
class MaxTermMonths final : public Check {
public:
    explicit MaxTermMonths(Number months) : months_(std::move(months)) {}

    void evaluate(const RuleContext& ctx, EvaluationSink& out) const override {
        const Agreement& a = ctx.record;
        if (!a.term.present() || !a.term->start.present() || !a.term->end.present()) return;
        const Date start = a.term->start.value, end = a.term->end.value;
        if (end < start) return; // TW006
        const int months = months_.whole(ctx);
        if (term_within_months(start, end, months)) return;
        out.fail(a.term->end.pos,
                 fmt::format("term runs {} ({} to {}); at most {} month{} allowed, so it must end by {}",
                             describe_span(start, end.add_days(1)), start.to_string(), end.to_string(), months,
                             months == 1 ? "" : "s", start.add_months(months).add_days(-1).to_string()));
    }

private:
    Number months_;
};

} // namespace

std::shared_ptr<const Check> parse_max_term_months(Params& params) {
    return std::make_shared<MaxTermMonths>(params.number("months"));
}

} // namespace telework::kinds
