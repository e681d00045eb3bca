#include "kind.hpp"

#include "telework/record.hpp"
#include "telework/record_index.hpp"

namespace telework::kinds {

namespace {

// A new request comes no sooner than N months after the employee's earlier
// agreement was ended (NY ITS-P10-003 4.3: "no sooner than six months from
// the date of removal"): for each other record of the same employee.id with
// one of the `after` statuses and a decision.date on or before this
// record's date, the date is on or after add_months(decision.date, N).
class ReapplyAfter final : public Check {
public:
    ReapplyAfter(const FactPath& date, Number months, StatusSet after, Template message)
        : date_(date), months_(std::move(months)), after_(after), message_(std::move(message)) {}

    void evaluate(const RuleContext& ctx, EvaluationSink& out) const override {
        const Agreement& a = ctx.record;
        const FactView applied = date_.get(a);
        if (!applied.present() || !a.employee.present() || !a.employee->id.present()) return;
        const int months = months_.whole(ctx);
        // The latest earlier removal is the one that binds.
        const RecordFile* binding = nullptr;
        Date removed;
        for (const RecordFile* other : ctx.index.of_employee(a.employee->id.value)) {
            if (other == &ctx.file || !other->keys->status.present() || !after_.has(other->keys->status.value)) continue;
            const auto other_record = other->agreement();
            const Agreement& b = *other_record;
            if (!b.status.present() || !after_.has(b.status.value) || !b.decision.present() ||
                !b.decision->date.present()) {
                continue;
            }
            const Date decided = b.decision->date.value;
            if (applied.date < decided || (binding && decided <= removed)) continue;
            binding = other;
            removed = decided;
        }
        if (!binding) return;
        const Date earliest = removed.add_months(months);
        if (!(applied.date < earliest)) return;
        out.fail(applied.pos, message_.render({{"fact", date_.path},
                                               {"date", applied.date.to_string()},
                                               {"removed", removed.to_string()},
                                               {"other", binding->display_path},
                                               {"months", std::to_string(months)},
                                               {"earliest", earliest.to_string()}}));
    }

private:
    const FactPath& date_;
    Number months_;
    StatusSet after_;
    Template message_;
};

} // namespace

std::shared_ptr<const Check> parse_reapply_after(Params& params) {
    const FactPath* given = params.optional_fact("fact");
    const FactPath& date = given ? *given : *find_fact("request.date");
    if (date.type() != FactView::Type::Date) {
        params.fail("fact", fmt::format("'{}' is {}; kind 'reapply-after' needs a date", date.path, describe_type(date)));
    }
    auto months = params.number("months");
    StatusSet after = StatusSet::of({Status::Terminated});
    if (const toml::node* node = params.node("after")) {
        after = toml_reading::read_statuses(*node, "after", "'after' must be a list of statuses, such as [\"terminated\"]");
    }
    static constexpr std::array<std::string_view, 6> placeholders = {"fact", "date", "removed", "other", "months", "earliest"};
    auto message = params.message(
        "message", "'{fact}' is {date}, within {months} months of the removal on {removed} ({other}); the earliest is {earliest}",
        placeholders);
    return std::make_shared<ReapplyAfter>(date, std::move(months), after, std::move(message));
}

} // namespace telework::kinds
