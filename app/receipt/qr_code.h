#pragma once

#include <string_view>
#include <vector>

namespace kiosk::receipt {

// A QR code as a square of modules, true for dark, without the quiet zone.
struct QrModules {
    int size = 0;
    std::vector<bool> dark;   // row-major, size * size

    bool at(int x, int y) const { return dark[static_cast<std::size_t>(y * size + x)]; }
};

// Encodes `text` with libqrencode at error-correction level M (a scuffed
// thermal slip still reads). Upper-case letters and digits use the
// alphanumeric mode, so a receipt number fits the smallest symbol (21 x 21).
// Throws InputError when the text cannot be encoded.
QrModules qr_modules(std::string_view text);

} // namespace kiosk::receipt
