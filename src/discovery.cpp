#include "telework/discovery.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace telework {

namespace fs = std::filesystem;

std::string display_path(const fs::path& path) {
    std::error_code error;
    const fs::path absolute = fs::absolute(path, error).lexically_normal();
    const fs::path cwd = fs::current_path(error);
    fs::path relative = absolute.lexically_relative(cwd);
    if (relative.empty()) relative = absolute;
    std::string text = relative.generic_string();
    if (text.size() > 1 && text.back() == '/') text.pop_back();
    return text;
}

bool glob_match(std::string_view pattern, std::string_view path) {
    if (pattern.empty()) return path.empty();
    if (pattern.starts_with("**")) {
        std::string_view rest = pattern.substr(2);
        if (rest.starts_with('/')) rest.remove_prefix(1);
        if (rest.empty()) return true;
        for (std::size_t i = 0; i <= path.size(); ++i) {
            if ((i == 0 || path[i - 1] == '/') && glob_match(rest, path.substr(i))) return true;
        }
        return false;
    }
    if (pattern[0] == '*') {
        for (std::size_t i = 0; i <= path.size(); ++i) {
            if (glob_match(pattern.substr(1), path.substr(i))) return true;
            if (i < path.size() && path[i] == '/') break;
        }
        return false;
    }
    if (path.empty()) return false;
    if (pattern[0] == '?' ? path[0] != '/' : pattern[0] == path[0]) return glob_match(pattern.substr(1), path.substr(1));
    return false;
}

namespace {

bool is_record_file(const fs::path& path) {
    const auto extension = path.extension();
    return extension == ".yaml" || extension == ".yml";
}

bool is_excluded(const fs::path& path, const DiscoveryOptions& options) {
    if (options.exclude.empty()) return false;
    std::error_code error;
    const std::string relative = fs::absolute(path, error).lexically_normal().lexically_relative(options.exclude_base).generic_string();
    return std::any_of(options.exclude.begin(), options.exclude.end(),
                       [&](const std::string& glob) { return glob_match(glob, relative); });
}

} // namespace

Discovery discover_files(const std::vector<fs::path>& inputs, const DiscoveryOptions& options) {
    Discovery result;
    std::set<std::string> seen;
    auto add = [&](const fs::path& path, bool named) {
        if (!named && is_excluded(path, options)) return;
        std::string shown = display_path(path);
        if (seen.insert(shown).second) result.files.push_back(FileRef{path, std::move(shown)});
    };
    for (const auto& input : inputs) {
        std::error_code error;
        const auto status = fs::status(input, error);
        if (error || !fs::exists(status)) {
            result.read_errors.push_back(fmt::format("cannot read '{}': no such file or directory", input.generic_string()));
            continue;
        }
        if (!fs::is_directory(status)) {
            add(input, true); // named explicitly: checked whatever its extension or exclusion
            continue;
        }
        fs::recursive_directory_iterator it(input, fs::directory_options::skip_permission_denied, error);
        if (error) {
            result.read_errors.push_back(fmt::format("cannot read '{}': {}", input.generic_string(), error.message()));
            continue;
        }
        for (const fs::recursive_directory_iterator end; it != end; it.increment(error)) {
            if (error) {
                result.read_errors.push_back(fmt::format("cannot read '{}': {}", input.generic_string(), error.message()));
                break;
            }
            const fs::path& path = it->path();
            const bool hidden = path.filename().string().starts_with('.');
            if (it->is_directory(error)) {
                if (hidden || is_excluded(path, options)) it.disable_recursion_pending();
                continue;
            }
            if (!hidden && it->is_regular_file(error) && is_record_file(path)) add(path, false);
        }
    }
    std::sort(result.files.begin(), result.files.end(),
              [](const FileRef& a, const FileRef& b) { return a.display_path < b.display_path; });
    return result;
}

} // namespace telework
