#include "kind.hpp"

#include "rules/rule_helpers.hpp"

namespace telework::kinds {

namespace {

// The signatures of these roles are on the record, each with name and date:
// the five roles of the format page, or roles of signatures.others.
class RequiredSignatures final : public Check {
public:
    RequiredSignatures(std::vector<std::string> roles, Template message)
        : roles_(std::move(roles)), message_(std::move(message)) {}

    void evaluate(const RuleContext& ctx, EvaluationSink& out) const override {
        const Agreement& a = ctx.record;
        for (const std::string& role : roles_) {
            const auto signature = signature_of(a, role);
            if (signature.invalid() || signature.present()) continue;
            out.fail(signature.pos, message_.render({{"role", role}, {"status", status_word(a)}}));
        }
    }

private:
    static Field<Signature> signature_of(const Agreement& a, std::string_view role) {
        if (!a.signatures.present()) return rules::fact(a.signatures, &Signatures::employee);
        if (const auto named = parse_enum<Role>(role)) return a.signatures->of(*named);
        if (const Field<Signature>* other = a.signatures->other(role)) return *other;
        Field<Signature> absent;
        absent.presence = a.signatures->others.invalid() ? Presence::Invalid : Presence::Absent;
        absent.pos = a.signatures->others.pos;
        return absent;
    }

    std::vector<std::string> roles_;
    Template message_;
};

bool is_snake_case(std::string_view text) {
    return !text.empty() && text.front() >= 'a' && text.front() <= 'z' &&
           std::all_of(text.begin(), text.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

} // namespace

std::shared_ptr<const Check> parse_required_signatures(Params& params) {
    std::vector<std::string> roles;
    for (const toml::node& item : params.list("roles", "a list such as [\"employee\", \"manager\"]")) {
        const auto* text = item.as_string();
        if (!text || !is_snake_case(text->get())) {
            params.fail_at(item, fmt::format("a role is one of {} or a snake_case role of signatures.others",
                                             join_names(EnumNames<Role>::names)));
        }
        // A near miss of a format role is a typo, not a role of signatures.others.
        if (!parse_enum<Role>(text->get())) {
            if (const auto guess = closest_match(text->get(), EnumNames<Role>::names)) {
                params.fail_at(item, fmt::format("unknown role '{}' (did you mean '{}'?); a role of signatures.others "
                                                 "must not be a near spelling of a format role",
                                                 text->get(), *guess));
            }
        }
        roles.push_back(text->get());
    }
    static constexpr std::array<std::string_view, 2> placeholders = {"role", "status"};
    auto message = params.message(
        "message", "{status} agreement lacks the {role} signature ('signatures.{role}' with name and date)", placeholders);
    return std::make_shared<RequiredSignatures>(std::move(roles), std::move(message));
}

} // namespace telework::kinds
