#pragma once

#include "telework/expected.hpp"
#include "telework/file_access.hpp"

#include <filesystem>
#include <memory>
#include <string>

namespace telework {

// A directory beneath `root` to create files in, opened (O_PATH) step by
// step from the root: no step may follow a link out of the root or into
// .git. With `create`, missing directories are made on the way. The error
// is a sentence about the directory; the descriptor closes with the last copy.
Expected<std::shared_ptr<const int>, std::string> open_directory_beneath(const ReadRoot& root,
                                                                         const std::filesystem::path& dir, bool create);

} // namespace telework
