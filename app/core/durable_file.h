#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace kiosk {

// Replaces `path` with `bytes` so that after a crash or power cut the name
// holds either the old content or the whole new content, never a torn mix:
// the bytes go to `<path>.tmp` beside it (mode 0600: what the kiosk keeps is
// often personal), are flushed to disk, renamed over the target, and the
// folder entry is flushed too. The temporary file is removed when any step
// fails. Throws std::system_error naming the step and the file.
void write_file_durably(const std::filesystem::path& path, std::string_view bytes);

// The whole file. Throws std::system_error when it cannot be read.
std::string read_whole_file(const std::filesystem::path& path);

// Flushes a folder's entries to disk, e.g. after removing files from it.
void sync_folder(const std::filesystem::path& folder);

} // namespace kiosk
