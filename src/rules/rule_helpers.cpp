#include "rule_helpers.hpp"

#include <cctype>

namespace telework::rules {

void disqualifying_flag(const RuleContext& ctx, EvaluationSink& out, Field<bool> Employee::*flag,
                        std::string_view key, std::string_view when_true, std::string_view when_false) {
    const Field<bool> value = fact(ctx.record.employee, flag);
    const std::string name = fmt::format("employee.{}", key);
    if (value.invalid()) return;
    if (value.missing()) {
        out.unknown(value.pos, missing_fact(value, name));
    } else if (value.value) {
        out.fail(value.pos, fmt::format("{} ('{}: true')", when_true, name));
    } else {
        out.pass(value.pos, std::string(when_false));
    }
}

// Names compared as people write them: case and spacing do not matter.
std::string same_name_key(std::string_view name) {
    std::string key;
    bool space = false;
    for (const char c : name) {
        if (std::isspace(static_cast<unsigned char>(c))) {
            space = !key.empty();
            continue;
        }
        if (space) key += ' ';
        space = false;
        key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return key;
}

} // namespace telework::rules
