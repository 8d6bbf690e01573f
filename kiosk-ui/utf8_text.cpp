#include "kiosk-ui/utf8_text.h"

#include <vector>

#include "core/utf8.h"

namespace kiosk::ui {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

bool is_continuation(char byte)
{
    return (static_cast<unsigned char>(byte) & 0xC0) == 0x80;
}

} // namespace

std::string utf8_from_utf16(std::u16string_view units)
{
    std::vector<char32_t> cps;
    cps.reserve(units.size());
    for (std::size_t i = 0; i < units.size(); ++i) {
        const char16_t unit = units[i];
        if (unit >= 0xD800 && unit <= 0xDBFF && i + 1 < units.size() && units[i + 1] >= 0xDC00 &&
            units[i + 1] <= 0xDFFF) {
            cps.push_back(0x10000 + ((static_cast<char32_t>(unit) - 0xD800) << 10) +
                          (static_cast<char32_t>(units[i + 1]) - 0xDC00));
            ++i;
        } else if (unit >= 0xD800 && unit <= 0xDFFF) {
            cps.push_back(kReplacement);
        } else {
            cps.push_back(unit);
        }
    }
    return encode_utf8(cps, 0, cps.size());
}

std::string without_last_code_point(std::string_view text)
{
    if (text.empty())
        return {};
    std::size_t end = text.size() - 1;
    while (end > 0 && is_continuation(text[end]))
        --end;
    return std::string(text.substr(0, end));
}

std::size_t code_point_count(std::string_view text)
{
    std::size_t count = 0;
    for (const char byte : text)
        if (!is_continuation(byte))
            ++count;
    return count;
}

} // namespace kiosk::ui
