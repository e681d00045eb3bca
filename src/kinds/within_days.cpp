#include "kind.hpp"

namespace telework::kinds {

namespace {

// A dated step (a copy sent, a decision made) comes at most N days after
// another date: the approval date or a fact such as request.date. When it
// is not recorded, it is late once the as-of date is past the deadline.
class WithinDays final : public Check {
public:
    WithinDays(const FactPath& fact, const FactPath* after, Number days, Template late, Template missing)
        : fact_(fact), after_(after), days_(std::move(days)), late_(std::move(late)), missing_(std::move(missing)) {}

    void evaluate(const RuleContext& ctx, EvaluationSink& out) const override {
        std::optional<Date> from = ctx.approval;
        if (after_) {
            const FactView start = after_->get(ctx.record);
            from = start.present() ? std::optional<Date>(start.date) : std::nullopt;
        }
        const FactView view = fact_.get(ctx.record);
        if (!from || view.invalid()) return;
        const int days = days_.whole(ctx);
        const Date deadline = from->add_days(days);
        const auto render = [&](const Template& message) {
            return message.render({{"fact", fact_.path},
                                   {"date", view.present() ? view.date.to_string() : std::string()},
                                   {"days", view.present() ? std::to_string(days_between(*from, view.date)) : std::string()},
                                   {"from", from->to_string()},
                                   {"max", std::to_string(days)},
                                   {"deadline", deadline.to_string()},
                                   {"status", status_word(ctx.record)}});
        };
        if (view.present()) {
            if (deadline < view.date) out.fail(view.pos, render(late_));
        } else if (deadline < ctx.as_of) {
            out.fail(view.pos, render(missing_));
        }
    }

private:
    const FactPath& fact_;
    const FactPath* after_; // null: the approval date
    Number days_;
    Template late_, missing_;
};

} // namespace

std::shared_ptr<const Check> parse_within_days(Params& params) {
    const FactPath& fact = params.fact("fact");
    const FactPath* after = nullptr;
    if (const toml::node* node = params.node("after"); node && !(node->as_string() && node->as_string()->get() == "approval")) {
        after = &params.fact_at(*node, "after");
    }
    for (const FactPath* date : {&fact, after}) {
        if (date && date->type() != FactView::Type::Date) {
            params.fail(date == &fact ? "fact" : "after",
                        fmt::format("'{}' is {}; kind 'within-days' compares dates", date->path, describe_type(*date)));
        }
    }
    auto days = params.number("days");
    static constexpr std::array<std::string_view, 7> placeholders = {"fact", "date", "days", "from", "max", "deadline", "status"};
    auto late = params.message("late", "'{fact}' is {date}, {days} days after {from}; at most {max} allowed", placeholders);
    auto missing = params.message("missing", "no '{fact}' recorded; it was due by {deadline}", placeholders);
    return std::make_shared<WithinDays>(fact, after, std::move(days), std::move(late), std::move(missing));
}

} // namespace telework::kinds
