#include "kiosk-ui/text_cache.h"

#include "core/error.h"

namespace kiosk::ui {

TextCache::TextCache(SDL_Renderer* renderer, const std::filesystem::path& font_file, const std::vector<int>& sizes,
                     int keep_frames)
    : renderer_(renderer), font_file_(font_file), keep_frames_(keep_frames)
{
    for (const int px : sizes)
        font(px);
}

TextCache::~TextCache()
{
    clear();
    for (auto& [px, f] : fonts_)
        TTF_CloseFont(f);
}

TTF_Font* TextCache::font(int px)
{
    if (auto it = fonts_.find(px); it != fonts_.end())
        return it->second;
    TTF_Font* f = TTF_OpenFont(font_file_.c_str(), px);
    if (!f)
        throw ConfigError("font " + font_file_.string() + " cannot be opened: " + TTF_GetError() +
                          " (Debian package fonts-wqy-microhei; path in config/ui/ui.json font_file)");
    fonts_.emplace(px, f);
    return f;
}

const TextTexture* TextCache::get(const std::string& text, int px, Colour colour, int wrap_width)
{
    if (text.empty())
        return nullptr;
    const std::uint32_t rgba = (std::uint32_t{colour.r} << 24) | (std::uint32_t{colour.g} << 16) |
                               (std::uint32_t{colour.b} << 8) | colour.a;
    const CacheKey key{text, px, rgba, wrap_width};
    if (auto it = entries_.find(key); it != entries_.end()) {
        it->second.last_used = frame_;
        return &it->second.drawn;
    }
    const SDL_Color c{colour.r, colour.g, colour.b, colour.a};
    SDL_Surface* surface = TTF_RenderUTF8_Blended_Wrapped(font(px), text.c_str(), c,
                                                          static_cast<std::uint32_t>(std::max(0, wrap_width)));
    if (!surface)
        return nullptr;
    Entry entry;
    entry.drawn.texture = SDL_CreateTextureFromSurface(renderer_, surface);
    entry.drawn.width = surface->w;
    entry.drawn.height = surface->h;
    entry.last_used = frame_;
    SDL_FreeSurface(surface);
    if (!entry.drawn.texture)
        return nullptr;
    if (colour.a != 255)
        SDL_SetTextureAlphaMod(entry.drawn.texture, colour.a);
    return &entries_.emplace(key, entry).first->second.drawn;
}

void TextCache::end_frame()
{
    ++frame_;
    for (auto it = entries_.begin(); it != entries_.end();) {
        if (frame_ - it->second.last_used > static_cast<std::uint64_t>(keep_frames_)) {
            SDL_DestroyTexture(it->second.drawn.texture);
            it = entries_.erase(it);
        } else {
            ++it;
        }
    }
}

void TextCache::clear()
{
    for (auto& [key, entry] : entries_)
        SDL_DestroyTexture(entry.drawn.texture);
    entries_.clear();
}

} // namespace kiosk::ui
