#pragma once

#include "telework/finding.hpp"
#include "telework/source_text.hpp"
#include "telework/yaml_node.hpp"

#include <cstddef>
#include <optional>
#include <vector>

namespace telework {

struct YamlLimits {
    std::size_t max_bytes = 1024 * 1024;
    int max_depth = 64;
};

// A parsed document, or the reasons it could not be used. Duplicate keys
// (TW003) and non-string keys (TW002) leave a usable tree; syntax errors
// (TW001) and unsafe constructs (TW007) leave none.
struct YamlDocument {
    std::optional<YamlNode> root;
    std::vector<Finding> findings;
};

YamlDocument parse_yaml(const SourceText& source, const YamlLimits& limits = {});

} // namespace telework
