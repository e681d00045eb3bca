#include "kind.hpp"

#include "telework/derived.hpp"

namespace telework::kinds {

namespace {

// No dated event (a discipline) in the N months up to and including the
// approval date, or the as-of date before approval:
// add_months(reference, -N) < date <= reference. null means never.
class NoRecentEvent final : public Check {
public:
    NoRecentEvent(const FactPath& fact, Number months, Template recent, Template not_recent, Template never,
                  Template missing)
        : fact_(fact), months_(std::move(months)), recent_(std::move(recent)), not_recent_(std::move(not_recent)),
          never_(std::move(never)), missing_(std::move(missing)) {}

    void evaluate(const RuleContext& ctx, EvaluationSink& out) const override {
        const FactView view = fact_.get(ctx.record);
        if (view.invalid()) return;
        const int months = months_.whole(ctx);
        const Date reference = ctx.approval.value_or(ctx.as_of);
        // Rendered only for a message that is kept, so a pass costs no text.
        const auto render = [&](const Template& message) {
            const std::string reference_name = ctx.approval ? fmt::format("approval on {}", reference.to_string())
                                                            : fmt::format("the as-of date {}", reference.to_string());
            return message.render({{"fact", fact_.path},
                                   {"date", view.present() ? view.date.to_string() : std::string()},
                                   {"months", std::to_string(months)},
                                   {"reference", reference_name},
                                   {"since", reference.add_months(-months).to_string()}});
        };
        if (view.presence == Presence::Absent) {
            out.unknown(view.pos, render(missing_));
        } else if (view.presence == Presence::Null) {
            if (out.keeps_passes()) out.pass(view.pos, render(never_));
        } else if (discipline_is_recent(view.date, reference, months)) {
            out.fail(view.pos, render(recent_));
        } else if (out.keeps_passes()) {
            out.pass(view.pos, render(not_recent_));
        }
    }

private:
    const FactPath& fact_;
    Number months_;
    Template recent_, not_recent_, never_, missing_;
};

} // namespace

std::shared_ptr<const Check> parse_no_recent_event(Params& params) {
    const FactPath& fact = params.fact("fact");
    if (fact.type() != FactView::Type::Date) {
        params.fail("fact", fmt::format("'{}' is {}; kind 'no-recent-event' needs a date", fact.path, describe_type(fact)));
    }
    auto months = params.number("months");
    static constexpr std::array<std::string_view, 5> placeholders = {"fact", "date", "months", "reference", "since"};
    auto recent = params.message("recent", "'{fact}' is {date}, within the {months} months up to {reference} (after {since})",
                                 placeholders);
    auto not_recent =
        params.message("not_recent", "'{fact}' is {date}, not within the {months} months up to {reference}", placeholders);
    auto never = params.message("never", "'{fact}' is null: never", placeholders);
    auto missing = params.message("missing", "'{fact}' is not recorded (null means never)", placeholders);
    return std::make_shared<NoRecentEvent>(fact, std::move(months), std::move(recent), std::move(not_recent),
                                           std::move(never), std::move(missing));
}

} // namespace telework::kinds
