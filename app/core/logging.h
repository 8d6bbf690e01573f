#pragma once

#include <string_view>

namespace kiosk {

// Sends spdlog's default logger to stderr with one format for every program.
// `level` is one of spdlog's names (trace, debug, info, warn, error, off).
// Log lines never carry personal data: callers log ids and states, not
// names, ID numbers or images.
void setup_logging(std::string_view program, std::string_view level = "info");

} // namespace kiosk
