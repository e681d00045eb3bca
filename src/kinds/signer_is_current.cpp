#include "kind.hpp"

#include "rules/rule_helpers.hpp"

namespace telework::kinds {

namespace {

// The person who signed in a role is still the one the record names for it
// (OPM step 6: a new employee/manager relationship needs a new agreement).
// Names compare as people write them: case and spacing do not matter.
class SignerIsCurrent final : public Check {
public:
    SignerIsCurrent(const FactPath& signed_name, const FactPath& current_name, Template message)
        : signed_(signed_name), current_(current_name), message_(std::move(message)) {}

    void evaluate(const RuleContext& ctx, EvaluationSink& out) const override {
        const FactView signed_by = signed_.get(ctx.record);
        const FactView current = current_.get(ctx.record);
        if (!signed_by.present() || !current.present()) return;
        if (rules::same_name_key(signed_by.text) == rules::same_name_key(current.text)) return;
        out.fail(signed_by.pos, message_.render({{"signed", signed_by.text}, {"current", current.text}}));
    }

private:
    const FactPath& signed_;
    const FactPath& current_;
    Template message_;
};

} // namespace

std::shared_ptr<const Check> parse_signer_is_current(Params& params) {
    const FactPath& signed_name = params.fact("signed");
    const FactPath& current_name = params.fact("current");
    for (const FactPath* fact : {&signed_name, &current_name}) {
        if (fact->type() != FactView::Type::Text) {
            params.fail(fact == &signed_name ? "signed" : "current",
                        fmt::format("'{}' is {}; name a person's name, such as \"manager.name\"", fact->path,
                                    describe_type(*fact)));
        }
    }
    static constexpr std::array<std::string_view, 2> placeholders = {"signed", "current"};
    auto message = params.message("message", "signed by '{signed}', but the record now names '{current}'", placeholders);
    return std::make_shared<SignerIsCurrent>(signed_name, current_name, std::move(message));
}

} // namespace telework::kinds
