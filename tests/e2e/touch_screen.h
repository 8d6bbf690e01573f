#pragma once

#include <chrono>
#include <filesystem>
#include <string>

#include <SDL2/SDL_rect.h>
#include <opencv2/core.hpp>

#include "kiosk-ui/screen_layout.h"
#include "support/x_pointer.h"

namespace kiosk::test {

// How long a finger rests between touches: the screen handles a touch in its
// next frame (60 fps); a pause keeps the visit at a person's pace.
inline constexpr std::chrono::milliseconds kFingerPace{80};

// The kiosk's window on the X screen, touched at points of kiosk-ui's layout
// (config/ui's coordinates, scaled to the window the kiosk really got).
class TouchScreen {
public:
    TouchScreen(const WindowGeometry& window, const ui::LayoutMetrics& metrics);

    // A tap, then the finger's rest.
    void touch(SDL_Point p) const;
    // A press held `how_long` (the hidden technician corner), then the rest.
    void hold(SDL_Point p, std::chrono::milliseconds how_long) const;
    // A layout rectangle as pixels of a grab of the X screen.
    cv::Rect pixels(const SDL_Rect& r) const;

private:
    SDL_Point on_screen(SDL_Point p) const;

    WindowGeometry window_;
    double scale_x_, scale_y_;
};

// Whether the kiosk saved its screenshot of `step` ("<n>-<step>.png", one
// per screen it shows, --screenshots) into `folder` within `timeout`.
bool wait_for_screenshot(const std::filesystem::path& folder, const std::string& step,
                         std::chrono::milliseconds timeout);

// Why the e2e tests that touch the kiosk through X cannot run here (a
// program missing), or empty.
std::string touch_screen_missing();

} // namespace kiosk::test
