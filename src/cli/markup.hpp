#pragma once

#include <string>
#include <string_view>

namespace telework::cli {

// Text for XML and HTML, element content and attribute values alike: what
// visible() escapes is written as its visible escape (so a document carries
// no control character, no CR character reference, no C1 control and no
// noncharacter, which XML 1.0 and the HTML checker refuse), then & < > " '
// become character references.
std::string escape_markup(std::string_view text);

} // namespace telework::cli
