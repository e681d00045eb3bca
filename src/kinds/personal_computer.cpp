#include "kind.hpp"

namespace telework::kinds {

namespace {

// Built in (GL32 III.C.1, IV.I): state work on a personal computer needs
// one of the exceptions as computer.basis.
class PersonalComputer final : public Check {
public:
    void evaluate(const RuleContext& ctx, EvaluationSink& out) const override {
        const Agreement& a = ctx.record;
        if (a.computer.invalid()) return;
        if (!a.computer.present() || !is_true(a.computer->personal_computer)) {
            out.pass(a.computer.pos, "no personal computer is used for state work");
            return;
        }
        const auto& basis = a.computer->basis;
        if (basis.invalid()) return;
        if (basis.missing() || basis.value == ComputerBasis::None) {
            out.fail(basis.pos, "personal computer used for state work without an exception: set 'computer.basis' to "
                                "no_computer_needed, webmail_only, secure_web_app or it_authorized");
        } else if (out.keeps_passes()) {
            out.pass(basis.pos, fmt::format("personal computer used under the '{}' exception", to_string(basis.value)));
        }
    }
};

} // namespace

std::shared_ptr<const Check> parse_personal_computer(Params&) { return std::make_shared<PersonalComputer>(); }

} // namespace telework::kinds
