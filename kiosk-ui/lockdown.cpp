#include "kiosk-ui/lockdown.h"

namespace kiosk::ui {

void apply_lockdown_hints()
{
    SDL_SetHint(SDL_HINT_GRAB_KEYBOARD, "1");
    SDL_SetHint(SDL_HINT_ALLOW_ALT_TAB_WHILE_GRABBED, "0");
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    SDL_SetHint(SDL_HINT_WINDOWS_NO_CLOSE_ON_ALT_F4, "1");
    SDL_SetHint(SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE, "0");
    // The program that owns the front end decides what SIGINT/SIGTERM do.
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    // Touches are handled as fingers; a mouse copy of each would press twice.
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
}

bool admits(const SDL_Event& event)
{
    switch (event.type) {
    case SDL_QUIT:
    case SDL_APP_TERMINATING:
    case SDL_KEYDOWN:
    case SDL_KEYUP:
    case SDL_TEXTINPUT:
    case SDL_TEXTEDITING:
    case SDL_DROPFILE:
    case SDL_DROPTEXT:
    case SDL_DROPBEGIN:
    case SDL_DROPCOMPLETE:
        return false;
    case SDL_WINDOWEVENT:
        return event.window.event != SDL_WINDOWEVENT_CLOSE;
    default:
        return true;
    }
}

} // namespace kiosk::ui
