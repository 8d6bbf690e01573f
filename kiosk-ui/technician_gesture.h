#pragma once

#include <chrono>
#include <optional>

#include <SDL.h>

#include "kiosk-ui/presser.h"
#include "kiosk-ui/ui_settings.h"

namespace kiosk::ui {

// The hidden corner of the attract and out-of-service screens, in layout pixels.
SDL_Rect gesture_corner(const TechnicianGestureSettings& gesture, const LayoutMetrics& metrics);

// Watches one press in the hidden corner: it is due once it has been held
// there for the hold time, and is forgotten when lifted early or slid out.
// It owns only its own finger: other fingers keep pressing buttons meanwhile.
class GestureHold {
public:
    using Clock = std::chrono::steady_clock;

    GestureHold(SDL_Rect corner, std::chrono::milliseconds hold);

    // A press went down at `at`; true when the corner takes it, so no button
    // and no "touch to start" sees it.
    bool press(const Presser& who, SDL_Point at, Clock::time_point now);
    // The pointer moved; a press sliding out of the corner is dropped.
    void move(const Presser& who, SDL_Point at);
    // A press was lifted; true when it was the corner's.
    bool release(const Presser& who);
    // True once per press, when the hold time has passed with it still in the corner.
    bool due(Clock::time_point now);
    // The screen changed: whatever was held no longer counts.
    void reset();

private:
    struct Held {
        Presser who;
        Clock::time_point since;
        bool fired = false;
        bool inside = true;
    };

    SDL_Rect corner_;
    std::chrono::milliseconds hold_;
    std::optional<Held> held_;
};

} // namespace kiosk::ui
