#include "command.hpp"

#include <array>

namespace telework::cli {

namespace {

constexpr std::array<std::string_view, 6> validate_formats = {"text", "concise", "json", "sarif", "github", "junit"};
constexpr std::array<std::string_view, 2> text_and_json = {"text", "json"};
constexpr std::array<std::string_view, 4> expire_formats = {"text", "json", "csv", "ics"};
constexpr std::array<std::string_view, 5> report_formats = {"text", "markdown", "csv", "json", "html"};
constexpr std::array<std::string_view, 1> schema_formats = {"json"};
constexpr std::array<std::string_view, 1> completion_formats = {"text"};
constexpr std::array<std::string_view, 1> text_only = {"text"};

} // namespace

std::span<const Command> commands() {
    static const std::array table = {
        Command{"validate", "check records against the schema and the policy rules", setup_validate, validate_formats},
        Command{"check-eligibility", "decide whether each given record's employee may telework",
                setup_check_eligibility, text_and_json},
        Command{"expire", "list current agreements expired or due for renewal", setup_expire, expire_formats},
        Command{"report", "aggregate figures over the records", setup_report, report_formats},
        Command{"explain", "print a rule's catalog entry (ID or name); all rules without one", setup_explain,
                text_and_json},
        Command{"profile", "list the profiles, or show one after extends and telework.toml ('list', 'show ID|FILE')",
                setup_profile, text_and_json},
        Command{"schema", "print the JSON Schema of the record format", setup_schema, schema_formats},
        Command{"init", "set up an agreements repo: telework.toml, agreements/, README, CI, pre-commit", setup_init,
                text_only},
        Command{"new", "write a new record, with null and a comment for each fact still to be filled in", setup_new,
                text_only},
        Command{"renew", "draft the successor of a current agreement (ID|FILE), or of every one due (--all-due)",
                setup_renew, text_only},
        Command{"completion", "print a completion script for bash, zsh or fish", setup_completion, completion_formats},
    };
    return table;
}

std::span<const std::string_view> formats_of(std::string_view command) {
    for (const auto& entry : commands()) {
        if (entry.name == command) return entry.formats;
    }
    return {};
}

} // namespace telework::cli
