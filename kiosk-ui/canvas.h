#pragma once

#include <string>

#include <SDL.h>

#include "kiosk-ui/text_cache.h"
#include "kiosk-ui/ui_settings.h"

namespace kiosk::ui {

enum class Align { Left, Centre };

// The renderer, the cached text and the colours one frame is drawn with.
struct Canvas {
    SDL_Renderer* renderer;
    TextCache& text;
    const Palette& palette;

    // Draws `words` inside `box`, wrapped to its width, vertically centred,
    // and shrunk to fit when a translation runs longer than the layout
    // expected (a long English line must not spill over a button).
    void draw_text(const SDL_Rect& box, const std::string& words, int px, Colour colour,
                   Align align = Align::Centre) const;
};

} // namespace kiosk::ui
