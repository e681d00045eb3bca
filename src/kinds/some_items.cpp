#include "kind.hpp"

namespace telework::kinds {

namespace {

// When the first list is given, the lists together hold at least one item
// (CT219: "a schedule with at least one telework or partial day").
class SomeItems final : public Check {
public:
    SomeItems(std::vector<const FactPath*> lists, Template message)
        : lists_(std::move(lists)), message_(std::move(message)) {}

    void evaluate(const RuleContext& ctx, EvaluationSink& out) const override {
        const FactView first = lists_.front()->get(ctx.record);
        if (!first.present()) return;
        for (const FactPath* list : lists_) {
            const FactView view = list->get(ctx.record);
            if (view.invalid() || (view.present() && view.size > 0)) return;
        }
        out.fail(first.pos, message_.render({{"fact", lists_.front()->path}, {"status", status_word(ctx.record)}}));
    }

private:
    std::vector<const FactPath*> lists_;
    Template message_;
};

} // namespace

std::shared_ptr<const Check> parse_some_items(Params& params) {
    std::vector<const FactPath*> lists;
    for (const toml::node& item : params.list("lists", "a list of key paths of lists")) {
        const FactPath& fact = params.fact_at(item, "lists");
        if (fact.type() != FactView::Type::List) {
            params.fail_at(item, fmt::format("'{}' is {}, not a list", fact.path, describe_type(fact)));
        }
        lists.push_back(&fact);
    }
    static constexpr std::array<std::string_view, 2> placeholders = {"fact", "status"};
    auto message = params.message("message", "{status} agreement lists no item in '{fact}'", placeholders);
    return std::make_shared<SomeItems>(std::move(lists), std::move(message));
}

} // namespace telework::kinds
