#pragma once

#include <filesystem>
#include <string>

namespace kiosk::runtime {

// For a kiosk whose profile generates its health token (the demo): a fresh
// random bearer token written as {"bearer_token": ...} to
// <state_dir>/health-token.json with mode 0600, so a scraper run by the same
// user can read it and nobody else can. Returns the token. Throws
// ConfigError when libsodium cannot start, std::system_error when the file
// cannot be written.
std::string write_one_run_health_token(const std::filesystem::path& file);

} // namespace kiosk::runtime
