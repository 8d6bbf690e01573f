#include "lightseat/messages.h"

namespace kiosk::lightseat {

namespace {

constexpr std::uint8_t occupied_flag = 0x01;
constexpr std::uint8_t stall_bit = 0x01;
constexpr std::uint8_t over_temperature_bit = 0x02;
constexpr std::size_t status_payload_size = 14;

void put_u16(std::vector<std::uint8_t>& out, std::uint16_t value)
{
    out.push_back(static_cast<std::uint8_t>(value & 0xFF));
    out.push_back(static_cast<std::uint8_t>(value >> 8));
}

std::uint16_t get_u16(const std::vector<std::uint8_t>& in, std::size_t at)
{
    return static_cast<std::uint16_t>(in[at] | (in[at + 1] << 8));
}

std::uint8_t fault_bits(const Faults& faults)
{
    return static_cast<std::uint8_t>((faults.motor_stall ? stall_bit : 0) |
                                     (faults.over_temperature ? over_temperature_bit : 0));
}

std::optional<Faults> faults_from_bits(std::uint8_t bits)
{
    if (bits & ~(stall_bit | over_temperature_bit))
        return std::nullopt;
    return Faults{(bits & stall_bit) != 0, (bits & over_temperature_bit) != 0};
}

void put_levels(std::vector<std::uint8_t>& out, const LightLevels& levels)
{
    put_u16(out, levels.key_left);
    put_u16(out, levels.key_right);
    put_u16(out, levels.background);
}

std::optional<LightLevels> get_levels(const std::vector<std::uint8_t>& in, std::size_t at)
{
    LightLevels levels{get_u16(in, at), get_u16(in, at + 2), get_u16(in, at + 4)};
    if (levels.key_left > max_light_level || levels.key_right > max_light_level ||
        levels.background > max_light_level)
        return std::nullopt;
    return levels;
}

template <typename T>
Decoded<T> rejected(const std::string& reason)
{
    return Decoded<T>{std::nullopt, reason};
}

std::string size_reason(const Frame& frame, std::size_t expected)
{
    return "bad payload size: type " + std::to_string(static_cast<int>(frame.type)) + " carries " +
           std::to_string(frame.payload.size()) + " bytes, expected " + std::to_string(expected);
}

std::string type_reason(const Frame& frame, const char* place)
{
    return "unexpected frame type: " + std::to_string(static_cast<int>(frame.type)) + " as " + place;
}

} // namespace

std::string describe(const Faults& faults)
{
    if (!faults.any())
        return "none";
    if (faults.motor_stall && faults.over_temperature)
        return "motor stall, over-temperature";
    return faults.motor_stall ? "motor stall" : "over-temperature";
}

std::uint8_t request_code(const Command& command)
{
    return static_cast<std::uint8_t>(std::visit(
        [](const auto& c) {
            using T = std::decay_t<decltype(c)>;
            if constexpr (std::is_same_v<T, SetLights>) return FrameType::SetLights;
            else if constexpr (std::is_same_v<T, MoveSeat>) return FrameType::MoveSeat;
            else if constexpr (std::is_same_v<T, HomeSeat>) return FrameType::HomeSeat;
            else return FrameType::ClearFaults;
        },
        command));
}

Frame encode_command(const Command& command, std::uint8_t sequence)
{
    Frame frame{static_cast<FrameType>(request_code(command)), sequence, {}};
    if (const auto* lights = std::get_if<SetLights>(&command))
        put_levels(frame.payload, lights->levels);
    else if (const auto* move = std::get_if<MoveSeat>(&command))
        put_u16(frame.payload, move->target_mm);
    return frame;
}

Frame encode_status(const DeviceStatus& status, std::uint8_t sequence)
{
    Frame frame{FrameType::Status, sequence, {}};
    put_levels(frame.payload, status.lights);
    put_u16(frame.payload, status.seat_mm);
    put_u16(frame.payload, status.target_mm);
    frame.payload.push_back(static_cast<std::uint8_t>(status.motion));
    frame.payload.push_back(status.occupied ? occupied_flag : 0);
    frame.payload.push_back(fault_bits(status.faults));
    frame.payload.push_back(status.last_command_sequence);
    return frame;
}

Frame encode_event(const DeviceEvent& event, std::uint8_t sequence)
{
    Frame frame{FrameType::SeatReached, sequence, {}};
    std::visit(
        [&frame](const auto& e) {
            using T = std::decay_t<decltype(e)>;
            if constexpr (std::is_same_v<T, SeatReached>) {
                frame.type = FrameType::SeatReached;
                put_u16(frame.payload, e.position_mm);
            } else if constexpr (std::is_same_v<T, OccupancyChanged>) {
                frame.type = FrameType::Occupancy;
                frame.payload.push_back(e.occupied ? 1 : 0);
            } else if constexpr (std::is_same_v<T, FaultsChanged>) {
                frame.type = FrameType::Fault;
                frame.payload.push_back(fault_bits(e.faults));
            } else {
                frame.type = FrameType::Homed;
                put_u16(frame.payload, e.position_mm);
            }
        },
        event);
    return frame;
}

Decoded<Command> decode_command(const Frame& frame)
{
    switch (frame.type) {
    case FrameType::SetLights: {
        if (frame.payload.size() != 6)
            return rejected<Command>(size_reason(frame, 6));
        const auto levels = get_levels(frame.payload, 0);
        if (!levels)
            return rejected<Command>("value out of range: light level above 1000");
        return {SetLights{*levels}, {}};
    }
    case FrameType::MoveSeat:
        if (frame.payload.size() != 2)
            return rejected<Command>(size_reason(frame, 2));
        return {MoveSeat{get_u16(frame.payload, 0)}, {}};
    case FrameType::HomeSeat:
    case FrameType::ClearFaults:
        if (!frame.payload.empty())
            return rejected<Command>(size_reason(frame, 0));
        if (frame.type == FrameType::HomeSeat)
            return {HomeSeat{}, {}};
        return {ClearFaults{}, {}};
    default:
        return rejected<Command>(type_reason(frame, "a command"));
    }
}

Decoded<DeviceStatus> decode_status(const Frame& frame)
{
    if (frame.type != FrameType::Status)
        return rejected<DeviceStatus>(type_reason(frame, "a status answer"));
    if (frame.payload.size() != status_payload_size)
        return rejected<DeviceStatus>(size_reason(frame, status_payload_size));
    const auto& p = frame.payload;
    DeviceStatus status;
    const auto levels = get_levels(p, 0);
    if (!levels)
        return rejected<DeviceStatus>("value out of range: light level above 1000");
    status.lights = *levels;
    status.seat_mm = get_u16(p, 6);
    status.target_mm = get_u16(p, 8);
    if (p[10] > static_cast<std::uint8_t>(SeatMotion::NotHomed))
        return rejected<DeviceStatus>("value out of range: seat motion " + std::to_string(p[10]));
    status.motion = static_cast<SeatMotion>(p[10]);
    if (p[11] & ~occupied_flag)
        return rejected<DeviceStatus>("value out of range: flags " + std::to_string(p[11]));
    status.occupied = (p[11] & occupied_flag) != 0;
    const auto faults = faults_from_bits(p[12]);
    if (!faults)
        return rejected<DeviceStatus>("value out of range: fault bits " + std::to_string(p[12]));
    status.faults = *faults;
    status.last_command_sequence = p[13];
    return {status, {}};
}

Decoded<DeviceEvent> decode_event(const Frame& frame)
{
    const auto& p = frame.payload;
    switch (frame.type) {
    case FrameType::SeatReached:
    case FrameType::Homed: {
        if (p.size() != 2)
            return rejected<DeviceEvent>(size_reason(frame, 2));
        const std::uint16_t position = get_u16(p, 0);
        if (frame.type == FrameType::SeatReached)
            return {SeatReached{position}, {}};
        return {SeatHomed{position}, {}};
    }
    case FrameType::Occupancy:
        if (p.size() != 1)
            return rejected<DeviceEvent>(size_reason(frame, 1));
        if (p[0] > 1)
            return rejected<DeviceEvent>("value out of range: occupancy " + std::to_string(p[0]));
        return {OccupancyChanged{p[0] == 1}, {}};
    case FrameType::Fault: {
        if (p.size() != 1)
            return rejected<DeviceEvent>(size_reason(frame, 1));
        const auto faults = faults_from_bits(p[0]);
        if (!faults)
            return rejected<DeviceEvent>("value out of range: fault bits " + std::to_string(p[0]));
        return {FaultsChanged{*faults}, {}};
    }
    default:
        return rejected<DeviceEvent>(type_reason(frame, "an event"));
    }
}

} // namespace kiosk::lightseat
