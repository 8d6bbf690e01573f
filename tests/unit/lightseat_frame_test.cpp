#include <cstdint>
#include <vector>

#include <gtest/gtest.h>

#include "lightseat/crc16.h"
#include "lightseat/frame.h"
#include "lightseat/messages.h"

namespace kiosk::lightseat {
namespace {

std::vector<std::uint8_t> valid_status_bytes()
{
    DeviceStatus status;
    status.lights = {100, 200, 1000};
    status.seat_mm = 455;
    status.target_mm = 500;
    status.motion = SeatMotion::Moving;
    status.occupied = true;
    status.faults.over_temperature = true;
    status.last_command_sequence = 42;
    return encode_frame(encode_status(status, 7));
}

// Rewrites the checksum so a test can break one field and nothing else.
void reseal(std::vector<std::uint8_t>& bytes)
{
    const std::size_t crc_at = bytes.size() - 2;
    const std::uint16_t crc = crc16_ccitt_false(std::span(bytes).first(crc_at));
    bytes[crc_at] = static_cast<std::uint8_t>(crc & 0xFF);
    bytes[crc_at + 1] = static_cast<std::uint8_t>(crc >> 8);
}

TEST(LightseatCrc, MatchesThePublishedCheckValue)
{
    const std::string check = "123456789";
    EXPECT_EQ(crc16_ccitt_false(std::span(reinterpret_cast<const std::uint8_t*>(check.data()), check.size())),
              0x29B1);
}

TEST(LightseatFrame, StatusRoundTripsThroughTheWire)
{
    const auto bytes = valid_status_bytes();
    ASSERT_EQ(bytes.size(), 5u + 14u + 2u);
    const FrameParse parsed = parse_frame(bytes);
    ASSERT_TRUE(parsed.frame) << parsed.reason;
    EXPECT_EQ(parsed.frame->sequence, 7);
    const auto status = decode_status(*parsed.frame);
    ASSERT_TRUE(status.value) << status.reason;
    EXPECT_EQ(status.value->lights, (LightLevels{100, 200, 1000}));
    EXPECT_EQ(status.value->seat_mm, 455);
    EXPECT_EQ(status.value->target_mm, 500);
    EXPECT_EQ(status.value->motion, SeatMotion::Moving);
    EXPECT_TRUE(status.value->occupied);
    EXPECT_FALSE(status.value->faults.motor_stall);
    EXPECT_TRUE(status.value->faults.over_temperature);
    EXPECT_EQ(status.value->last_command_sequence, 42);
}

TEST(LightseatFrame, SetLightsIsLittleEndianOnTheWire)
{
    const auto bytes = encode_frame(encode_command(SetLights{{0x0102, 0x0304, 1000}}, 9));
    const std::vector<std::uint8_t> head{0xA5, 1, 0x01, 9, 6, 0x02, 0x01, 0x04, 0x03, 0xE8, 0x03};
    EXPECT_TRUE(std::equal(head.begin(), head.end(), bytes.begin()));
    EXPECT_EQ(request_code(SetLights{}), 0x01);
    EXPECT_EQ(request_code(MoveSeat{}), 0x02);
    EXPECT_EQ(request_code(HomeSeat{}), 0x03);
    EXPECT_EQ(request_code(ClearFaults{}), 0x04);
}

TEST(LightseatFrame, EveryCommandAndEventRoundTrips)
{
    const std::vector<Command> commands{SetLights{{1, 2, 3}}, MoveSeat{512}, HomeSeat{}, ClearFaults{}};
    for (const auto& command : commands) {
        const auto parsed = parse_frame(encode_frame(encode_command(command, 1)));
        ASSERT_TRUE(parsed.frame) << parsed.reason;
        const auto decoded = decode_command(*parsed.frame);
        ASSERT_TRUE(decoded.value) << decoded.reason;
        EXPECT_EQ(decoded.value->index(), command.index());
    }
    const std::vector<DeviceEvent> events{SeatReached{600}, OccupancyChanged{true},
                                          FaultsChanged{{true, false}}, SeatHomed{380}};
    for (const auto& event : events) {
        const auto parsed = parse_frame(encode_frame(encode_event(event, 3)));
        ASSERT_TRUE(parsed.frame) << parsed.reason;
        const auto decoded = decode_event(*parsed.frame);
        ASSERT_TRUE(decoded.value) << decoded.reason;
        EXPECT_EQ(decoded.value->index(), event.index());
    }
    EXPECT_EQ(std::get<SeatReached>(*decode_event(*parse_frame(encode_frame(encode_event(SeatReached{600}, 0))).frame).value)
                  .position_mm,
              600);
}

struct MalformedCase {
    const char* name;
    FrameError error;
    std::vector<std::uint8_t> (*make)();
};

const MalformedCase malformed_cases[] = {
    {"empty", FrameError::Truncated, [] { return std::vector<std::uint8_t>{}; }},
    {"header_only", FrameError::Truncated, [] { return std::vector<std::uint8_t>{0xA5, 1, 0x10, 0, 14}; }},
    {"shorter_than_promised", FrameError::Truncated,
     [] {
         auto b = valid_status_bytes();
         b.resize(b.size() - 3);
         return b;
     }},
    {"bad_magic", FrameError::BadMagic,
     [] {
         auto b = valid_status_bytes();
         b[0] = 0x5A;
         return b;
     }},
    {"newer_version", FrameError::UnsupportedVersion,
     [] {
         auto b = valid_status_bytes();
         b[1] = 2;
         reseal(b);
         return b;
     }},
    {"payload_too_long", FrameError::PayloadTooLong,
     [] {
         std::vector<std::uint8_t> b{0xA5, 1, 0x10, 0, 49};
         b.resize(5 + 49 + 2, 0);
         return b;
     }},
    {"trailing_bytes", FrameError::TrailingBytes,
     [] {
         auto b = valid_status_bytes();
         b.push_back(0);
         return b;
     }},
    {"checksum_mismatch", FrameError::ChecksumMismatch,
     [] {
         auto b = valid_status_bytes();
         b[6] ^= 0x01;
         return b;
     }},
    {"unknown_type", FrameError::UnknownType,
     [] {
         auto b = valid_status_bytes();
         b[2] = 0x7F;
         reseal(b);
         return b;
     }},
};

class LightseatMalformedFrame : public testing::TestWithParam<MalformedCase> {};

TEST_P(LightseatMalformedFrame, IsRejectedWithItsReason)
{
    const auto parsed = parse_frame(GetParam().make());
    EXPECT_FALSE(parsed.frame);
    ASSERT_TRUE(parsed.error);
    EXPECT_EQ(*parsed.error, GetParam().error);
    EXPECT_NE(parsed.reason.find(to_string(GetParam().error)), std::string::npos) << parsed.reason;
}

INSTANTIATE_TEST_SUITE_P(EveryCaseInProtocolMd, LightseatMalformedFrame, testing::ValuesIn(malformed_cases),
                         [](const auto& info) { return std::string(info.param.name); });

Frame status_frame_with(std::size_t byte, std::uint8_t value)
{
    Frame frame = encode_status(DeviceStatus{}, 0);
    frame.payload[byte] = value;
    return frame;
}

TEST(LightseatPayload, WellFramedButImpossibleStatusIsRejected)
{
    EXPECT_NE(decode_status(status_frame_with(1, 0x04)).reason.find("value out of range"), std::string::npos)
        << "light 0x0400 = 1024 per mille";
    EXPECT_NE(decode_status(status_frame_with(10, 4)).reason.find("seat motion"), std::string::npos);
    EXPECT_NE(decode_status(status_frame_with(11, 0x02)).reason.find("flags"), std::string::npos);
    EXPECT_NE(decode_status(status_frame_with(12, 0x04)).reason.find("fault bits"), std::string::npos);
    Frame short_status = encode_status(DeviceStatus{}, 0);
    short_status.payload.pop_back();
    EXPECT_NE(decode_status(short_status).reason.find("bad payload size"), std::string::npos);
    EXPECT_NE(decode_status(encode_event(SeatReached{400}, 0)).reason.find("unexpected frame type"),
              std::string::npos);
}

TEST(LightseatPayload, WellFramedButImpossibleEventIsRejected)
{
    Frame occupancy = encode_event(OccupancyChanged{true}, 0);
    occupancy.payload[0] = 2;
    EXPECT_NE(decode_event(occupancy).reason.find("occupancy"), std::string::npos);
    Frame fault = encode_event(FaultsChanged{}, 0);
    fault.payload[0] = 0x80;
    EXPECT_NE(decode_event(fault).reason.find("fault bits"), std::string::npos);
    Frame reached = encode_event(SeatReached{400}, 0);
    reached.payload.push_back(0);
    EXPECT_NE(decode_event(reached).reason.find("bad payload size"), std::string::npos);
    EXPECT_NE(decode_event(encode_status(DeviceStatus{}, 0)).reason.find("unexpected frame type"),
              std::string::npos);
}

TEST(LightseatPayload, ImpossibleCommandIsRejected)
{
    Frame lights = encode_command(SetLights{{0, 0, 0}}, 0);
    lights.payload[4] = 0xE9;
    lights.payload[5] = 0x03; // 1001
    EXPECT_NE(decode_command(lights).reason.find("value out of range"), std::string::npos);
    Frame home = encode_command(HomeSeat{}, 0);
    home.payload.push_back(1);
    EXPECT_NE(decode_command(home).reason.find("bad payload size"), std::string::npos);
    EXPECT_NE(decode_command(encode_status(DeviceStatus{}, 0)).reason.find("unexpected frame type"),
              std::string::npos);
}

TEST(LightseatFrame, RefusesToEncodeAnOversizedPayload)
{
    Frame frame{FrameType::Status, 0, std::vector<std::uint8_t>(max_payload_size + 1)};
    EXPECT_THROW(encode_frame(frame), std::invalid_argument);
}

} // namespace
} // namespace kiosk::lightseat
