#pragma once

namespace kiosk {

// The value of one hexadecimal digit of either case, or -1 when `c` is not
// one: for the parsers of "#rrggbb" colours and %XX escapes.
constexpr int hex_digit_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace kiosk
