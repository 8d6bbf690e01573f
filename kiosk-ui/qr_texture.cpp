#include "kiosk-ui/qr_texture.h"

#include <spdlog/spdlog.h>

#include "core/error.h"
#include "receipt/qr_code.h"

namespace kiosk::ui {

QrTexture::QrTexture(SDL_Renderer* renderer, int quiet_modules, Colour dark, Colour light)
    : renderer_(renderer), quiet_(quiet_modules), dark_(dark), light_(light)
{
}

QrTexture::~QrTexture()
{
    clear();
}

void QrTexture::clear()
{
    if (texture_)
        SDL_DestroyTexture(texture_);
    texture_ = nullptr;
    text_.reset();
}

SDL_Texture* QrTexture::show(const std::string& text)
{
    if (text_ == text)
        return texture_;
    clear();
    receipt::QrModules modules;
    try {
        modules = receipt::qr_modules(text);
    } catch (const InputError& e) {
        spdlog::warn("receipt QR code not shown: {}", e.what());
        text_ = text;
        return nullptr;
    }
    const int side = modules.size + 2 * quiet_;
    SDL_Surface* surface = SDL_CreateRGBSurfaceWithFormat(0, side, side, 32, SDL_PIXELFORMAT_RGBA32);
    if (!surface)
        return nullptr;
    const Uint32 dark = SDL_MapRGBA(surface->format, dark_.r, dark_.g, dark_.b, 255);
    const Uint32 light = SDL_MapRGBA(surface->format, light_.r, light_.g, light_.b, 255);
    SDL_FillRect(surface, nullptr, light);
    for (int y = 0; y < modules.size; ++y)
        for (int x = 0; x < modules.size; ++x)
            if (modules.at(x, y)) {
                const SDL_Rect module{x + quiet_, y + quiet_, 1, 1};
                SDL_FillRect(surface, &module, dark);
            }
    texture_ = SDL_CreateTextureFromSurface(renderer_, surface);
    SDL_FreeSurface(surface);
    if (texture_)
        SDL_SetTextureScaleMode(texture_, SDL_ScaleModeNearest);
    text_ = text;
    return texture_;
}

} // namespace kiosk::ui
