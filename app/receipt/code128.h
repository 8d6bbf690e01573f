#pragma once

#include <string_view>
#include <vector>

namespace kiosk::receipt {

// Code 128 (ISO/IEC 15417) of printable ASCII text, using code set C for runs
// of four or more digits so the date and sequence of a receipt number take
// half the width: that is what lets the barcode fit 58 mm paper at two dots
// per module. Returns one entry per module, true for a bar, without the
// quiet zones. Throws InputError for characters outside ASCII 32-126.
std::vector<bool> code128_modules(std::string_view text);

} // namespace kiosk::receipt
