#pragma once

#include <SDL.h>

namespace kiosk::ui {

// Who pressed: the mouse, or one finger of one touch screen.
struct Presser {
    SDL_TouchID touch = 0;
    SDL_FingerID finger = 0;
    bool mouse = false;
    bool operator==(const Presser&) const = default;
};

// The presser of a button, finger or motion event.
Presser presser_of(const SDL_Event& event);

} // namespace kiosk::ui
