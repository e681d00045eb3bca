#include "command.hpp"

#include <array>

namespace telework::cli {

std::span<const Command> commands() {
    static const std::array table = {
        Command{"validate", "check records against the schema and the policy rules", setup_validate},
        Command{"check-eligibility", "decide whether each given record's employee may telework",
                setup_check_eligibility},
        Command{"expire", "list current agreements expired or due for renewal", setup_expire},
        Command{"report", "aggregate figures over the records", setup_report},
        Command{"explain", "print a rule's catalog entry (ID or name); all rules without one", setup_explain},
        Command{"schema", "print the JSON Schema of the record format", setup_schema},
    };
    return table;
}

} // namespace telework::cli
