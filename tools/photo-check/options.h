#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace kiosk::photo_check {

// Everything photo-check is told on its command line; parsed in one place.
struct Options {
    std::string spec_id;
    bool jsonl = false;
    std::optional<std::filesystem::path> out_dir;
    std::string locale = "zh-CN";
    std::string log_level = "warn";
    std::vector<std::string> images;
};

// Exit statuses, part of the program's interface.
inline constexpr int kExitAllJudged = 0;
inline constexpr int kExitSomeImageUnreadable = 1;
inline constexpr int kExitUsage = 2;

// The options, or the exit status to stop with (help printed: 0; a usage
// error, already explained on stderr: kExitUsage).
std::variant<Options, int> parse_options(int argc, char** argv);

} // namespace kiosk::photo_check
