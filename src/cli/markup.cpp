#include "markup.hpp"

#include "telework/visible.hpp"

namespace telework::cli {

std::string escape_markup(std::string_view text) {
    const std::string shown = visible(text);
    std::string out;
    out.reserve(shown.size());
    for (const char c : shown) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

} // namespace telework::cli
