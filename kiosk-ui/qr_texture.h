#pragma once

#include <optional>
#include <string>

#include <SDL.h>

#include "kiosk-ui/ui_settings.h"

namespace kiosk::ui {

// The receipt's QR code as a texture of one pixel per module (plus the quiet
// zone), scaled up without smoothing when drawn. Encoded once per text: the
// done screen shows it for many frames.
class QrTexture {
public:
    QrTexture(SDL_Renderer* renderer, int quiet_modules, Colour dark, Colour light);
    ~QrTexture();
    QrTexture(const QrTexture&) = delete;
    QrTexture& operator=(const QrTexture&) = delete;

    // The texture for `text`, or null when it cannot be encoded.
    SDL_Texture* show(const std::string& text);
    void clear();

private:
    SDL_Renderer* renderer_;
    int quiet_;
    Colour dark_, light_;
    std::optional<std::string> text_; // encoded (or found unencodable) last
    SDL_Texture* texture_ = nullptr;
};

} // namespace kiosk::ui
