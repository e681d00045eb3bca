#include "telework/yaml_node.hpp"

namespace telework {

const YamlNode* YamlNode::find(std::string_view key) const {
    for (const auto& entry : entries) {
        if (entry.key == key) return &entry.value;
    }
    return nullptr;
}

std::string_view describe_kind(const YamlNode& node) {
    switch (node.kind) {
    case YamlNode::Kind::Null: return "null";
    case YamlNode::Kind::Scalar: return "a scalar";
    case YamlNode::Kind::Sequence: return "a list";
    case YamlNode::Kind::Mapping: return "a mapping";
    }
    return "a value";
}

} // namespace telework
