#pragma once

#include <opencv2/core.hpp>

namespace kiosk::test {

// What the test's X server (DISPLAY, e.g. an XvfbDisplay) shows right now,
// read back with XGetImage as 8-bit BGR: a screenshot of a moment within one
// screen (a notice that appeared, a row that filled in), which the program's
// own once-per-screen screenshots do not catch. Throws std::runtime_error
// when the display cannot be opened or read.
cv::Mat grab_screen();

} // namespace kiosk::test
