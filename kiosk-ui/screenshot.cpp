#include "kiosk-ui/screenshot.h"

#include <system_error>

#include <SDL_image.h>

namespace kiosk::ui {

bool save_screenshot(SDL_Renderer* renderer, const std::filesystem::path& file)
{
    // Read the whole window at its real size: with the layout scaled to the
    // window, only the full output has a size known to the pixel. The
    // logical size is set back before anything else is drawn.
    int logical_w = 0, logical_h = 0;
    SDL_RenderGetLogicalSize(renderer, &logical_w, &logical_h);
    int w = 0, h = 0;
    if (SDL_GetRendererOutputSize(renderer, &w, &h) != 0)
        return false;
    SDL_Surface* surface = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGBA32);
    if (!surface)
        return false;
    SDL_RenderSetLogicalSize(renderer, 0, 0);
    bool ok = SDL_RenderReadPixels(renderer, nullptr, SDL_PIXELFORMAT_RGBA32, surface->pixels, surface->pitch) == 0;
    SDL_RenderSetLogicalSize(renderer, logical_w, logical_h);
    // Written under another name and renamed, so a reader never sees half a file.
    const auto partial = std::filesystem::path(file).concat(".part");
    if (ok)
        ok = IMG_SavePNG(surface, partial.c_str()) == 0;
    SDL_FreeSurface(surface);
    std::error_code error;
    if (ok)
        std::filesystem::rename(partial, file, error);
    if (!ok || error) {
        std::filesystem::remove(partial, error);
        return false;
    }
    return true;
}

} // namespace kiosk::ui
