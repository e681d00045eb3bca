#include "kind.hpp"

namespace telework::kinds {

namespace {

// A dated fact (training) is recorded, falls on or before the approval date,
// and, with max_age_months, is no older than that at approval.
class DatedBeforeApproval final : public Check {
public:
    DatedBeforeApproval(const FactPath& fact, std::string what, std::optional<Number> max_age, Template missing,
                        Template after, Template stale)
        : fact_(fact), what_(std::move(what)), max_age_(std::move(max_age)), missing_(std::move(missing)),
          after_(std::move(after)), stale_(std::move(stale)) {}

    void evaluate(const RuleContext& ctx, EvaluationSink& out) const override {
        const FactView view = fact_.get(ctx.record);
        if (view.invalid()) return;
        const std::string date = view.present() ? view.date.to_string() : std::string();
        const std::string approval = ctx.approval ? ctx.approval->to_string() : std::string();
        const std::string months = max_age_ ? std::to_string(max_age_->whole(ctx)) : std::string();
        const std::string age = max_age_ ? fmt::format("{} month{}", months, months == "1" ? "" : "s") : std::string();
        const auto render = [&](const Template& message) {
            return message.render({{"fact", fact_.path}, {"what", what_}, {"date", date}, {"approval", approval},
                                   {"months", months}, {"age", age}, {"status", status_word(ctx.record)}});
        };
        if (view.missing()) {
            out.fail(view.pos, render(missing_));
        } else if (ctx.approval && *ctx.approval < view.date) {
            out.fail(view.pos, render(after_));
        } else if (ctx.approval && max_age_ && view.date < ctx.approval->add_months(-max_age_->whole(ctx))) {
            out.fail(view.pos, render(stale_));
        }
    }

private:
    const FactPath& fact_;
    std::string what_;
    std::optional<Number> max_age_;
    Template missing_, after_, stale_;
};

} // namespace

std::shared_ptr<const Check> parse_dated_before_approval(Params& params) {
    const FactPath& fact = params.fact("fact");
    if (fact.type() != FactView::Type::Date) {
        params.fail("fact", fmt::format("'{}' is {}; kind 'dated-before-approval' needs a date", fact.path,
                                        describe_type(fact)));
    }
    std::string what = params.optional_text("what").value_or(std::string(fact.path));
    auto max_age = params.optional_number("max_age_months");
    static constexpr std::array<std::string_view, 7> placeholders = {"fact", "what", "date", "approval", "months", "age", "status"};
    auto missing = params.message("missing", "{status} agreement lacks '{fact}': {what} not recorded", placeholders);
    auto after = params.message("after", "{what} completed {date}, after the approval date {approval}", placeholders);
    auto stale = params.message("stale", "{what} completed {date}, more than {age} before the approval date {approval}",
                                placeholders);
    return std::make_shared<DatedBeforeApproval>(fact, std::move(what), std::move(max_age), std::move(missing),
                                                 std::move(after), std::move(stale));
}

} // namespace telework::kinds
