#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace kiosk::test {

// A program's window on the test's X server (DISPLAY, e.g. an XvfbDisplay)
// reached through xdotool, as a person at the screen reaches it: found by
// its name, measured, and clicked with real X pointer events.

struct WindowGeometry {
    int x = 0, y = 0, width = 0, height = 0;
};

// The newest visible window whose name matches `name_pattern` (xdotool's
// regular expression), once one appears within `timeout`.
std::optional<std::string> find_window(const std::string& name_pattern, std::chrono::milliseconds timeout);

// Throws std::runtime_error with xdotool's answer when it cannot tell.
WindowGeometry window_geometry(const std::string& window);
WindowGeometry display_geometry();

// A press and release of the left button at (x, y) pixels of the screen.
// Screen coordinates, not a window's: SDL may replace its first window by
// one that suits its renderer, under the same name.
void click_on_screen(int x, int y);

// The left button pressed at (x, y), held for `hold` without moving, then
// released: a finger resting on the glass.
void press_on_screen(int x, int y, std::chrono::milliseconds hold);

} // namespace kiosk::test
