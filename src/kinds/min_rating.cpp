#include "kind.hpp"

namespace telework::kinds {

namespace {

// The most recent performance rating is at least `minimum`, in the order
// of the format page's ratings.
class MinRating final : public Check {
public:
    MinRating(const FactPath& fact, int minimum, std::string minimum_name, Template fail, Template pass, Template missing)
        : fact_(fact), minimum_(minimum), minimum_name_(std::move(minimum_name)), fail_(std::move(fail)),
          pass_(std::move(pass)), missing_(std::move(missing)) {}

    void evaluate(const RuleContext& ctx, EvaluationSink& out) const override {
        const FactView view = fact_.get(ctx.record);
        if (view.invalid()) return;
        const auto render = [&](const Template& message) {
            return message.render({{"fact", fact_.path}, {"value", view.text}, {"minimum", minimum_name_},
                                   {"missing", missing_words(view, fact_.path)}});
        };
        if (view.missing()) {
            out.unknown(view.pos, render(missing_));
        } else if (view.integer < minimum_) {
            out.fail(view.pos, render(fail_));
        } else if (out.keeps_passes()) {
            out.pass(view.pos, render(pass_));
        }
    }

private:
    const FactPath& fact_;
    int minimum_;
    std::string minimum_name_;
    Template fail_, pass_, missing_;
};

} // namespace

std::shared_ptr<const Check> parse_min_rating(Params& params) {
    const FactPath* given = params.optional_fact("fact");
    const FactPath& fact = given ? *given : *find_fact("employee.performance_rating");
    if (fact.type() != FactView::Type::Enum) {
        params.fail("fact", fmt::format("'{}' is {}; kind 'min-rating' needs a rating", fact.path, describe_type(fact)));
    }
    const toml::node* minimum = params.node("minimum");
    if (!minimum) params.fail("minimum", "kind 'min-rating' needs 'minimum', such as \"satisfactory\"");
    const FactValue value = params.value_for(fact, *minimum);
    const auto names = fact.get(Agreement{}).names;
    const int rank = static_cast<int>(std::find(names.begin(), names.end(), value.text) - names.begin());
    static constexpr std::array<std::string_view, 4> placeholders = {"fact", "value", "minimum", "missing"};
    auto fail = params.message("fail", "'{fact}' is '{value}'; {minimum} or better is required", placeholders);
    auto pass = params.message("pass", "'{fact}' is '{value}'", placeholders);
    auto missing = params.message("missing", "{missing}", placeholders);
    return std::make_shared<MinRating>(fact, rank, value.text, std::move(fail), std::move(pass), std::move(missing));
}

} // namespace telework::kinds
