#pragma once

#include <chrono>
#include <filesystem>
#include <string>

#include "receipt/receipt_config.h"
#include "receipt/slip_renderer.h"

namespace kiosk::calibration {

// What the test slip says: its title in both languages (the slip is read by
// whoever stands at the kiosk), the kiosk's id and when it was printed.
struct TestSlipText {
    std::string title_zh;
    std::string title_en;
    std::string kiosk_id;
    std::string printed_at; // "2026-11-25 18:30"
};

// The title from both text catalogs in `config`/text ("calibration.printer.
// test_slip_title"), the time in the kiosk's local time.
TestSlipText load_test_slip_text(const std::filesystem::path& config, const std::string& kiosk_id,
                                 std::chrono::system_clock::time_point at);

// A short test slip laid out for one paper width, in the receipt font: the
// title, the kiosk and time, then a frame around the whole printable width
// (a worn or misaligned head cuts it), rows of single-dot stripes (a dead
// heating element leaves a white streak) and a solid bar (density). Throws
// InputError when the font cannot print the text, ConfigError when it
// cannot be loaded.
receipt::SlipPdf render_test_slip(const receipt::SlipLayout& layout, const TestSlipText& text);

} // namespace kiosk::calibration
