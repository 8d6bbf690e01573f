#pragma once

#include <SDL.h>

#include "kiosk-ui/ui_settings.h"

namespace kiosk::ui {

// The few shapes SDL's renderer lacks, drawn as triangles with
// SDL_RenderGeometry so they are smooth at any thickness.

void fill_rect(SDL_Renderer* renderer, const SDL_Rect& rect, Colour colour);
void outline_rect(SDL_Renderer* renderer, const SDL_Rect& rect, int thickness, Colour colour);

// The outline of the ellipse inscribed in `bounds`.
void outline_ellipse(SDL_Renderer* renderer, const SDL_FRect& bounds, float thickness, Colour colour);

// A ring of `thickness` around `centre`, drawn clockwise from 12 o'clock over
// `fraction` (0..1) of the full turn.
void ring(SDL_Renderer* renderer, SDL_FPoint centre, float radius, float thickness, double fraction, Colour colour);

} // namespace kiosk::ui
