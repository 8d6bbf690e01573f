#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include <SDL.h>
#include <SDL_ttf.h>

#include "kiosk-ui/ui_settings.h"

namespace kiosk::ui {

struct TextTexture {
    SDL_Texture* texture = nullptr;
    int width = 0, height = 0;
};

// Rendered text, kept as textures so a frame only draws: rendering a line with
// FreeType costs milliseconds, far too much to repeat 60 times a second.
// Entries not drawn for `keep_frames` frames are dropped, which also lets a
// citizen's typed name leave video memory soon after the screen changes.
class TextCache {
public:
    // Opens the font at every size in `sizes` now, so no screen waits for it
    // later. Throws ConfigError when the font cannot be opened.
    TextCache(SDL_Renderer* renderer, const std::filesystem::path& font_file, const std::vector<int>& sizes,
              int keep_frames);
    ~TextCache();
    TextCache(const TextCache&) = delete;
    TextCache& operator=(const TextCache&) = delete;

    // The texture of `text` at `px` in `colour`, wrapped at `wrap_width`
    // pixels (0: only at line breaks). Null for empty text.
    const TextTexture* get(const std::string& text, int px, Colour colour, int wrap_width);

    // Ends a frame: drops the textures not used lately.
    void end_frame();
    // Drops every texture (the visit is over).
    void clear();

private:
    TTF_Font* font(int px);

    using CacheKey = std::tuple<std::string, int, std::uint32_t, int>;
    struct Entry {
        TextTexture drawn;
        std::uint64_t last_used = 0;
    };

    SDL_Renderer* renderer_;
    std::filesystem::path font_file_;
    int keep_frames_;
    std::map<int, TTF_Font*> fonts_;
    std::map<CacheKey, Entry> entries_;
    std::uint64_t frame_ = 0;
};

} // namespace kiosk::ui
