#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "core/text_catalog.h"
#include "session/view_model.h"

namespace kiosk::ui {

// Puts the values of `args` into their {name} placeholders; a placeholder
// without a value stays as written, so the gap is visible and traceable.
std::string fill_placeholders(std::string_view pattern, const std::map<std::string, std::string>& args);

// The words on screen: both shipped catalogs loaded once at start, so the
// language button switches without touching the disk.
class ScreenText {
public:
    // Throws ConfigError when a catalog under `<config_dir>/text` is missing or broken.
    explicit ScreenText(const std::filesystem::path& config_dir);

    std::string text(std::string_view locale, const session::Text& text) const;
    std::string text(std::string_view locale, std::string_view key) const;
    // Whether `locale`'s own catalog has `key` (a name it may lack, such as a new figure's).
    bool has(std::string_view locale, std::string_view key) const;

private:
    const TextCatalog& catalog(std::string_view locale) const;

    TextCatalog zh_;
    TextCatalog en_;
};

} // namespace kiosk::ui
