#pragma once

#include <span>
#include <string>

#include "telework/agreement.hpp"
#include "telework/finding.hpp"
#include "telework/yaml_node.hpp"

#include <vector>

namespace telework {

struct DecodeResult {
    Agreement agreement;
    std::vector<Finding> findings; // TW002
};

// Decodes a parsed record into the typed model. Every schema problem becomes
// a TW002 finding at the offending key or value; decoding goes on past it so
// that one run reports every problem of the file.
// `policy_names` are the values `policy:` may take (the run's profile ids).
DecodeResult decode_agreement(const YamlNode& root, std::span<const std::string> policy_names);

} // namespace telework
