#pragma once

#include <optional>
#include <string>
#include <variant>

#include "kiosk-ui/front_end.h"
#include "kiosk/runtime.h"

namespace kiosk::runtime {

// The kiosk program's command line.
struct KioskOptions {
    RuntimeOptions runtime;
    bool headless = false;
    bool window = false;          // a window instead of fullscreen
    ui::Layout layout = ui::Layout::Portrait;
    std::optional<std::string> script;   // "walkup"
    std::optional<std::filesystem::path> screenshots;
    std::optional<std::filesystem::path> step_report;   // --report-steps
    std::string log_level = "info";
    // Structured records to the systemd journal instead of text on stderr
    // (also chosen when stderr is the journal's stream).
    bool log_journal = false;
};

inline constexpr int kExitDone = 0;
inline constexpr int kExitVisitFailed = 1;
inline constexpr int kExitUsage = 2;

// The options, or the exit status when the program should stop now (help
// shown, or a usage error already reported).
std::variant<KioskOptions, int> parse_kiosk_options(int argc, char** argv);

} // namespace kiosk::runtime
