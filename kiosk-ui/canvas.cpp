#include "kiosk-ui/canvas.h"

#include <algorithm>

namespace kiosk::ui {

void Canvas::draw_text(const SDL_Rect& box, const std::string& words, int px, Colour colour, Align align) const
{
    if (box.w <= 0 || box.h <= 0)
        return;
    const TextTexture* t = text.get(words, px, colour, box.w);
    if (!t)
        return;
    const double scale = std::min({1.0, static_cast<double>(box.w) / t->width, static_cast<double>(box.h) / t->height});
    const int w = static_cast<int>(t->width * scale);
    const int h = static_cast<int>(t->height * scale);
    const int x = align == Align::Centre ? box.x + (box.w - w) / 2 : box.x;
    const SDL_Rect dst{x, box.y + (box.h - h) / 2, w, h};
    SDL_RenderCopy(renderer, t->texture, nullptr, &dst);
}

} // namespace kiosk::ui
