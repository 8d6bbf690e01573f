#include "kiosk-ui/screenshot.h"

#include <SDL_image.h>

namespace kiosk::ui {

bool save_screenshot(SDL_Renderer* renderer, const std::filesystem::path& file)
{
    // Read the viewport in real pixels: the layout's size times the scale to
    // the window.
    SDL_Rect viewport;
    SDL_RenderGetViewport(renderer, &viewport);
    float sx = 1, sy = 1;
    SDL_RenderGetScale(renderer, &sx, &sy);
    const int w = static_cast<int>(viewport.w * sx);
    const int h = static_cast<int>(viewport.h * sy);
    SDL_Surface* surface = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGBA32);
    if (!surface)
        return false;
    bool ok = SDL_RenderReadPixels(renderer, nullptr, SDL_PIXELFORMAT_RGBA32, surface->pixels, surface->pitch) == 0;
    if (ok)
        ok = IMG_SavePNG(surface, file.c_str()) == 0;
    SDL_FreeSurface(surface);
    return ok;
}

} // namespace kiosk::ui
