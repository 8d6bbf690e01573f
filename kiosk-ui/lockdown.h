#pragma once

#include <SDL.h>

namespace kiosk::ui {

// Kiosk lockdown: the citizen's screen takes touches and clicks only. No key
// (Alt+F4, Alt+Tab, Ctrl+Q, Escape...) and no window-manager close request
// reaches the front end; only the program ends it (FrontEnd::quit).

// Hints set before the window opens: keep the keyboard grabbed in fullscreen,
// do not minimise on focus loss, leave signals to the program.
void apply_lockdown_hints();

// Whether an event may reach the front end at all (installed as SDL's event
// filter, so refused events never enter the queue).
bool admits(const SDL_Event& event);

} // namespace kiosk::ui
