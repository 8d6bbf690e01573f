#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

// Decodes UTF-8 into code points; returns false on a malformed sequence
// (bad lead or continuation byte, truncation, overlong form, surrogate or
// out-of-range value), so text from outside is refused rather than guessed at.
bool decode_utf8(std::string_view text, std::vector<char32_t>& out);

// Encodes code points [from, to) of `cps` as UTF-8.
std::string encode_utf8(const std::vector<char32_t>& cps, std::size_t from, std::size_t to);

} // namespace kiosk
