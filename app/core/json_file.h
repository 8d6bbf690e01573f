#pragma once

#include <filesystem>

#include <nlohmann/json.hpp>

namespace kiosk {

// Reads and parses a JSON file. Throws ConfigError naming the file and, for a
// syntax error, the byte offset, so a broken config never fails silently.
nlohmann::json load_json_file(const std::filesystem::path& path);

// The same for a file holding keys: refuses it (ConfigError) unless only its
// owner may read it, so a key left world-readable is noticed, not used.
nlohmann::json load_private_json_file(const std::filesystem::path& path);

} // namespace kiosk
