#pragma once

#include "telework/profile.hpp"

#include <functional>
#include <span>
#include <string_view>

namespace telework {

// Finds the profile an `extends` names: by id in the set, or a profile file
// (resolved and loaded by the caller, which detects cycles). Returns null
// with `error` set when it cannot.
using ExtendsResolver = std::function<const Profile*(std::string_view extends, std::string& error)>;

// Profile ids and rule names: lower-case letters, digits and single hyphens,
// starting with a letter (max-term).
bool is_kebab(std::string_view text);

// Reads one profile document (docs/profiles.md) and checks every key, kind,
// parameter and key path. `name` is the file for messages.
Expected<Profile, ConfigError> parse_profile(std::string_view text, const std::string& name,
                                             const ExtendsResolver& resolve_extends);

// A profile shipped in profiles/, compiled in (profiles_text.cpp, generated
// by src/CMakeLists.txt), opm and ct-gl32 first.
struct BuiltInProfileText {
    std::string_view id;      // its top-level id, as CMake read it
    std::string_view extends; // the built-in profile it extends, or empty
    std::string_view name; // profiles/<file>.toml, for messages
    std::string_view text;
};
std::span<const BuiltInProfileText> built_in_profile_texts();

} // namespace telework
