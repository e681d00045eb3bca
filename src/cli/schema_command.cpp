#include "command.hpp"
#include "output.hpp"

#include "telework/schema.hpp"

#include <string>

namespace telework::cli {

std::function<int()> setup_schema(CLI::App&, GlobalOptions& global) {
    return [&global] {
        choose_format(global, "schema");
        std::string text(agreement_schema());
        if (!text.ends_with('\n')) text += '\n';
        write_result(global, text);
        return 0;
    };
}

} // namespace telework::cli
