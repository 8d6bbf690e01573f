#pragma once

#include <filesystem>
#include <vector>

namespace kiosk::photo_check {

// Writes `bytes` to `path` so that `path` is either absent, the old file or
// the whole new file, never a half-written one: a temporary file beside it is
// renamed into place (and removed when anything fails). Throws
// std::filesystem::filesystem_error or std::runtime_error on failure.
void write_file_atomically(const std::filesystem::path& path, const std::vector<unsigned char>& bytes);

} // namespace kiosk::photo_check
