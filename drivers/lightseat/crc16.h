#pragma once

#include <cstdint>
#include <span>

namespace kiosk::lightseat {

// CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final xor),
// the checksum every frame ends with (PROTOCOL.md).
std::uint16_t crc16_ccitt_false(std::span<const std::uint8_t> bytes);

} // namespace kiosk::lightseat
