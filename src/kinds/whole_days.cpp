#include "kind.hpp"

namespace telework::kinds {

namespace {

// Built in (GL32 IV.D): telework days are whole days; days teleworked in
// part are allowed only with schedule.field_work: true.
class WholeDays final : public Check {
public:
    void evaluate(const RuleContext& ctx, EvaluationSink& out) const override {
        const Agreement& a = ctx.record;
        if (!a.schedule.present() || !a.schedule->partial_days.present() || a.schedule->partial_days->empty()) return;
        if (a.schedule->field_work.invalid() || is_true(a.schedule->field_work)) return;
        std::string days;
        for (const Weekday day : *a.schedule->partial_days) days += (days.empty() ? "" : ", ") + std::string(to_string(day));
        out.fail(a.schedule->partial_days.pos,
                 fmt::format("partial telework days ({}) need 'field_work: true': telework days are whole days", days));
    }
};

} // namespace

std::shared_ptr<const Check> parse_whole_days(Params&) { return std::make_shared<WholeDays>(); }

} // namespace telework::kinds
