#include "lightseat/frame.h"

#include <stdexcept>

#include "lightseat/crc16.h"

namespace kiosk::lightseat {

bool is_known_frame_type(std::uint8_t type)
{
    switch (static_cast<FrameType>(type)) {
    case FrameType::SetLights:
    case FrameType::MoveSeat:
    case FrameType::HomeSeat:
    case FrameType::ClearFaults:
    case FrameType::Status:
    case FrameType::SeatReached:
    case FrameType::Occupancy:
    case FrameType::Fault:
    case FrameType::Homed:
        return true;
    }
    return false;
}

std::string_view to_string(FrameError error)
{
    switch (error) {
    case FrameError::Truncated: return "truncated frame";
    case FrameError::BadMagic: return "bad magic";
    case FrameError::UnsupportedVersion: return "unsupported protocol version";
    case FrameError::PayloadTooLong: return "payload too long";
    case FrameError::TrailingBytes: return "trailing bytes";
    case FrameError::ChecksumMismatch: return "checksum mismatch";
    case FrameError::UnknownType: return "unexpected frame type";
    }
    return "unknown frame error";
}

namespace {

FrameParse failed(FrameError error, const std::string& detail)
{
    return FrameParse{std::nullopt, error, std::string(to_string(error)) + ": " + detail};
}

} // namespace

FrameParse parse_frame(std::span<const std::uint8_t> bytes)
{
    if (bytes.size() < frame_header_size + frame_crc_size)
        return failed(FrameError::Truncated, std::to_string(bytes.size()) + " bytes");
    if (bytes[0] != frame_magic)
        return failed(FrameError::BadMagic, "first byte " + std::to_string(bytes[0]));
    if (bytes[1] != protocol_version)
        return failed(FrameError::UnsupportedVersion, "version " + std::to_string(bytes[1]));
    const std::size_t payload_size = bytes[4];
    if (payload_size > max_payload_size)
        return failed(FrameError::PayloadTooLong, std::to_string(payload_size) + " bytes");
    const std::size_t expected = frame_header_size + payload_size + frame_crc_size;
    if (bytes.size() < expected)
        return failed(FrameError::Truncated,
                      std::to_string(bytes.size()) + " bytes where the header promises " + std::to_string(expected));
    if (bytes.size() > expected)
        return failed(FrameError::TrailingBytes, std::to_string(bytes.size() - expected) + " after the checksum");
    const std::size_t crc_at = frame_header_size + payload_size;
    const auto sent_crc = static_cast<std::uint16_t>(bytes[crc_at] | (bytes[crc_at + 1] << 8));
    const std::uint16_t computed_crc = crc16_ccitt_false(bytes.first(crc_at));
    if (sent_crc != computed_crc)
        return failed(FrameError::ChecksumMismatch,
                      "sent " + std::to_string(sent_crc) + ", computed " + std::to_string(computed_crc));
    // Checked after the CRC: a corrupted type byte is reported as corruption.
    if (!is_known_frame_type(bytes[2]))
        return failed(FrameError::UnknownType, "type " + std::to_string(bytes[2]));

    Frame frame;
    frame.type = static_cast<FrameType>(bytes[2]);
    frame.sequence = bytes[3];
    frame.payload.assign(bytes.begin() + frame_header_size, bytes.begin() + static_cast<std::ptrdiff_t>(crc_at));
    return FrameParse{std::move(frame), std::nullopt, {}};
}

std::vector<std::uint8_t> encode_frame(const Frame& frame)
{
    if (frame.payload.size() > max_payload_size)
        throw std::invalid_argument("lightseat frame payload of " + std::to_string(frame.payload.size()) +
                                    " bytes exceeds " + std::to_string(max_payload_size));
    std::vector<std::uint8_t> bytes;
    bytes.reserve(frame_header_size + frame.payload.size() + frame_crc_size);
    for (std::uint8_t header_byte : {frame_magic, protocol_version, static_cast<std::uint8_t>(frame.type),
                                     frame.sequence, static_cast<std::uint8_t>(frame.payload.size())})
        bytes.push_back(header_byte);
    bytes.insert(bytes.end(), frame.payload.begin(), frame.payload.end());
    const std::uint16_t crc = crc16_ccitt_false(bytes);
    bytes.push_back(static_cast<std::uint8_t>(crc & 0xFF));
    bytes.push_back(static_cast<std::uint8_t>(crc >> 8));
    return bytes;
}

} // namespace kiosk::lightseat
