#pragma once

#include <filesystem>
#include <string_view>

namespace kiosk::receipt {

// Replaces `path` with `bytes` so that after a crash or power cut the file
// holds either the old or the new content, never a torn mix: the bytes go to
// a temporary file beside it, are flushed to disk, renamed over the target,
// and the folder entry is flushed too. Throws std::system_error on failure.
void write_file_atomically(const std::filesystem::path& path, std::string_view bytes);

} // namespace kiosk::receipt
