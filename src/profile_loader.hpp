#pragma once

#include "telework/profile.hpp"

#include <functional>
#include <string_view>

namespace telework {

// Finds the profile an `extends` names: by id in the set, or a profile file
// (resolved and loaded by the caller, which detects cycles). Returns null
// with `error` set when it cannot.
using ExtendsResolver = std::function<const Profile*(std::string_view extends, std::string& error)>;

// Reads one profile document (docs/profiles.md) and checks every key, kind,
// parameter and key path. `name` is the file for messages.
Expected<Profile, ConfigError> parse_profile(std::string_view text, const std::string& name,
                                             const ExtendsResolver& resolve_extends);

} // namespace telework
