#include "kind.hpp"

namespace telework::kinds {

namespace {

// A fact has the value the policy needs (an exclusion is false, a
// certificate is on file); for a group of eligibility questions, each
// question is judged on its own. Pass, fail, or unknown when not recorded.
class FactEquals final : public Check {
public:
    FactEquals(const FactPath& fact, FactValue expected, Template fail, Template pass, Template missing)
        : fact_(fact), expected_(std::move(expected)), fail_(std::move(fail)),
          pass_(std::move(pass)), missing_(std::move(missing)) {}

    void evaluate(const RuleContext& ctx, EvaluationSink& out) const override {
        const FactView view = fact_.get(ctx.record);
        if (view.invalid()) return;
        if (view.missing()) {
            out.unknown(view.pos, render(missing_, ctx, fact_.path, view));
            return;
        }
        if (view.type != FactView::Type::Answers) {
            judge(ctx, out, fact_.path, view, {});
            return;
        }
        for (const Answer& answer : *view.answers) {
            FactView one;
            one.type = FactView::Type::Bool;
            one.presence = answer.answer.presence;
            one.pos = answer.answer.pos;
            one.boolean = answer.answer.value;
            if (one.invalid()) continue;
            // Most answers pass and a pass is seldom kept: spell the key only
            // when a message will be written.
            if (!one.missing() && expected_.matches(one) && !out.keeps_passes()) continue;
            const std::string key = fmt::format("{}.{}", fact_.path, answer.question);
            if (one.missing()) {
                out.unknown(one.pos, render(missing_, ctx, key, one), std::string(answer.question));
            } else {
                judge(ctx, out, key, one, std::string(answer.question));
            }
        }
    }

private:
    void judge(const RuleContext& ctx, EvaluationSink& out, std::string_view key, const FactView& view,
               std::string subject) const {
        if (expected_.matches(view)) {
            if (out.keeps_passes()) out.pass(view.pos, render(pass_, ctx, key, view), std::move(subject));
        } else {
            out.fail(view.pos, render(fail_, ctx, key, view), std::move(subject));
        }
    }

    std::string render(const Template& message, const RuleContext& ctx, std::string_view key, const FactView& view) const {
        return message.render({{"fact", key},
                               {"value", view.present() ? view.value_text() : std::string("null")},
                               {"expected", expected_.to_text()},
                               {"missing", missing_words(view, key)},
                               {"status", status_word(ctx.record)}});
    }

    const FactPath& fact_;
    FactValue expected_;
    Template fail_, pass_, missing_;
};

} // namespace

std::shared_ptr<const Check> parse_fact_equals(Params& params) {
    const FactPath& fact = params.fact("fact");
    const toml::node* equals = params.node("equals");
    if (!equals) params.fail("equals", "kind 'fact-equals' needs 'equals', the value the fact must have");
    FactValue expected = params.value_for(fact, *equals);
    static constexpr std::array<std::string_view, 5> placeholders = {"fact", "value", "expected", "missing", "status"};
    auto fail = params.message("fail", "'{fact}' is {value}; it must be {expected}", placeholders);
    auto pass = params.message("pass", "'{fact}' is {value}", placeholders);
    auto missing = params.message("missing", "{missing}", placeholders);
    return std::make_shared<FactEquals>(fact, std::move(expected), std::move(fail), std::move(pass), std::move(missing));
}

} // namespace telework::kinds
