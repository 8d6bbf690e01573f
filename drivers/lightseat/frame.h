#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::lightseat {

// The envelope of every control data stage and every event (PROTOCOL.md, "Frame").
inline constexpr std::uint8_t frame_magic = 0xA5;
inline constexpr std::uint8_t protocol_version = 1;
inline constexpr std::size_t frame_header_size = 5;
inline constexpr std::size_t frame_crc_size = 2;
inline constexpr std::size_t max_payload_size = 48;
inline constexpr std::size_t max_frame_size = frame_header_size + max_payload_size + frame_crc_size;

enum class FrameType : std::uint8_t {
    SetLights = 0x01,
    MoveSeat = 0x02,
    HomeSeat = 0x03,
    ClearFaults = 0x04,
    Status = 0x10,
    SeatReached = 0x20,
    Occupancy = 0x21,
    Fault = 0x22,
    Homed = 0x23,
};

bool is_known_frame_type(std::uint8_t type);

struct Frame {
    FrameType type = FrameType::Status;
    std::uint8_t sequence = 0;
    std::vector<std::uint8_t> payload;
};

// Each way a frame can be malformed, one per row of PROTOCOL.md's table.
enum class FrameError {
    Truncated,
    BadMagic,
    UnsupportedVersion,
    PayloadTooLong,
    TrailingBytes,
    ChecksumMismatch,
    UnknownType,
};

std::string_view to_string(FrameError error);

struct FrameParse {
    std::optional<Frame> frame;
    std::optional<FrameError> error;
    // Says what was wrong with which byte, for the faulted-state reason.
    std::string reason;
};

// Checks the envelope; never throws, whatever the bytes.
FrameParse parse_frame(std::span<const std::uint8_t> bytes);

// Throws std::invalid_argument when the payload is longer than the protocol allows.
std::vector<std::uint8_t> encode_frame(const Frame& frame);

} // namespace kiosk::lightseat
