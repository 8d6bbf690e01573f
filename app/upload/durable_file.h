#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace kiosk::upload {

// Writes `bytes` to `path` so that once this returns the file and its folder
// entry are on disk (a power cut cannot leave a half file under that name):
// temporary file, fsync, rename, fsync of the folder. Mode 0600, since what
// the outbox keeps is personal. Throws std::system_error.
void write_file_durably(const std::filesystem::path& path, std::string_view bytes);

// The whole file. Throws std::system_error when it cannot be read.
std::string read_whole_file(const std::filesystem::path& path);

// Flushes a folder's entries, e.g. after removing files from it.
void sync_folder(const std::filesystem::path& folder);

} // namespace kiosk::upload
