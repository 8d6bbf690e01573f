#pragma once

#include <filesystem>

#include <SDL.h>

namespace kiosk::ui {

// Writes what the renderer has drawn so far (call before presenting) to a PNG:
// the whole window, at its real size.
// For test artefacts only: a screenshot shows whatever the citizen sees,
// names and photo included, so the kiosk never takes one unless asked.
// Returns false, with SDL's reason in SDL_GetError, when it cannot.
bool save_screenshot(SDL_Renderer* renderer, const std::filesystem::path& file);

} // namespace kiosk::ui
