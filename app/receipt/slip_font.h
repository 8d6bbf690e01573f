#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <cairo.h>

#include "receipt/cairo_handles.h"

namespace kiosk::receipt {

// The one font a slip is set in, loaded from a configured file rather than
// by family name: fontconfig would otherwise fall back silently to a font
// without Chinese glyphs and print empty boxes.
class SlipFont {
public:
    // Throws ConfigError when the file is missing or is not a font.
    explicit SlipFont(const std::filesystem::path& file);

    cairo_font_face_t* face() const { return face_.get(); }

    // Throws InputError when `text` is not valid UTF-8, holds control
    // characters, or holds a character the font has no glyph for; `field`
    // names the field in the message.
    void check_printable(std::string_view text, const std::string& field) const;

    // Splits `text` into lines no wider than `width` at `size` (both in the
    // units of `cr`). Breaks at spaces, and between any two Chinese
    // characters, keeping closing punctuation with the character before it.
    std::vector<std::string> wrap(cairo_t* cr, std::string_view text, double size, double width) const;

private:
    CairoFontFace face_;
    CairoScaledFont probe_;   // an instance used for glyph look-ups
};

} // namespace kiosk::receipt
