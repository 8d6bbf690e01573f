#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kiosk::ui {

// The few Unicode conversions the on-screen keyboard needs: the pinyin engine
// answers in UTF-16, the catalogs, SDL_ttf and the session speak UTF-8.

// Converts UTF-16 code units; an unpaired surrogate becomes U+FFFD so a
// damaged candidate still shows something instead of breaking the field.
std::string utf8_from_utf16(std::u16string_view units);

// `text` without its last code point (a hanzi is one code point but three
// bytes: backspace must remove all three). Empty stays empty.
std::string without_last_code_point(std::string_view text);

// The number of code points in valid UTF-8 text.
std::size_t code_point_count(std::string_view text);

} // namespace kiosk::ui
