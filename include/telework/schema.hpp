#pragma once

#include <string_view>

namespace telework {

// The JSON Schema of the record format (schemas/agreement.schema.json), built in.
std::string_view agreement_schema();

} // namespace telework
