#include "command.hpp"
#include "output.hpp"
#include "run_setup.hpp"

#include "telework/schema.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace telework::cli {

namespace {

// The schema as shipped; in a repository whose telework.toml names profiles
// of its own, `policy` may name those too, so editors accept what telework does.
std::string schema_for(const ProfileSet& profiles) {
    std::string text(agreement_schema());
    const auto ids = profiles.ids();
    if (ids.size() == ProfileSet::built_in()->ids().size()) return text;
    auto schema = nlohmann::ordered_json::parse(text);
    auto names = nlohmann::ordered_json::array();
    for (const auto id : ids) names.push_back(std::string(id));
    names.push_back(nullptr);
    schema["properties"]["policy"]["enum"] = std::move(names);
    return schema.dump(2);
}

} // namespace

std::function<int()> setup_schema(CLI::App&, GlobalOptions& global) {
    return [&global] {
        choose_format(global, "schema");
        std::string text = schema_for(*prepare_profiles(global).profiles);
        if (!text.ends_with('\n')) text += '\n';
        write_result(global, text);
        return 0;
    };
}

} // namespace telework::cli
