#include "rule_helpers.hpp"

#include <cctype>

namespace telework::rules {

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
