#include "lightseat/board_model.h"

#include <algorithm>
#include <cmath>

namespace kiosk::lightseat {

namespace {

CommandAnswer stall(std::string reason)
{
    return CommandAnswer{false, std::move(reason)};
}

} // namespace

BoardModel::BoardModel(const BoardSettings& settings)
    : settings_(settings), seat_mm_(settings.start_mm), target_mm_(settings.start_mm)
{
}

CommandAnswer BoardModel::handle_command(std::uint8_t request, std::span<const std::uint8_t> data)
{
    const FrameParse parsed = parse_frame(data);
    if (!parsed.frame)
        return stall(parsed.reason);
    if (static_cast<std::uint8_t>(parsed.frame->type) != request)
        return stall("frame type " + std::to_string(static_cast<int>(parsed.frame->type)) +
                     " sent with request " + std::to_string(request));
    const Decoded<Command> command = decode_command(*parsed.frame);
    if (!command.value)
        return stall(command.reason);
    CommandAnswer answer = apply(*command.value);
    if (answer.accepted)
        last_command_sequence_ = parsed.frame->sequence;
    return answer;
}

CommandAnswer BoardModel::apply(const Command& command)
{
    if (const auto* lights = std::get_if<SetLights>(&command)) {
        lights_ = lights->levels;
        return {true, {}};
    }
    if (std::holds_alternative<ClearFaults>(command)) {
        if (faults_.any()) {
            faults_ = Faults{};
            queue_event(FaultsChanged{faults_});
        }
        return {true, {}};
    }
    if (faults_.any())
        return stall("seat command refused while faults are latched: " + describe(faults_));
    if (std::holds_alternative<HomeSeat>(command)) {
        motion_ = SeatMotion::Homing;
        target_mm_ = settings_.seat.min_mm;
        return {true, {}};
    }
    const auto target = std::get<MoveSeat>(command).target_mm;
    if (!homed_)
        return stall("seat not homed");
    if (!settings_.seat.contains(target))
        return stall("target " + std::to_string(target) + " mm outside the end stops");
    target_mm_ = target;
    if (std::lround(seat_mm_) == target) {
        // Already there: say so at once, so a host repeating a move after a
        // reconnect still hears that the seat has arrived.
        motion_ = SeatMotion::Idle;
        queue_event(SeatReached{target});
    } else {
        motion_ = SeatMotion::Moving;
    }
    return {true, {}};
}

std::vector<std::uint8_t> BoardModel::status_frame()
{
    return encode_frame(encode_status(status(), next_status_sequence_++));
}

DeviceStatus BoardModel::status() const
{
    DeviceStatus s;
    s.lights = lights_;
    s.seat_mm = static_cast<std::uint16_t>(std::lround(seat_mm_));
    s.target_mm = target_mm_;
    s.motion = motion_;
    s.occupied = occupied_;
    s.faults = faults_;
    s.last_command_sequence = last_command_sequence_;
    return s;
}

void BoardModel::advance(std::chrono::milliseconds elapsed)
{
    if (motion_ != SeatMotion::Moving && motion_ != SeatMotion::Homing)
        return;
    const double step = settings_.speed_mm_per_s * static_cast<double>(elapsed.count()) / 1000.0;
    const double target = target_mm_;
    if (std::abs(target - seat_mm_) <= step) {
        seat_mm_ = target;
        if (motion_ == SeatMotion::Homing) {
            homed_ = true;
            queue_event(SeatHomed{target_mm_});
        } else {
            queue_event(SeatReached{target_mm_});
        }
        motion_ = SeatMotion::Idle;
        return;
    }
    seat_mm_ += target > seat_mm_ ? step : -step;
}

std::optional<std::vector<std::uint8_t>> BoardModel::take_event()
{
    if (events_.empty())
        return std::nullopt;
    auto frame = std::move(events_.front());
    events_.pop_front();
    return frame;
}

void BoardModel::set_occupied(bool occupied)
{
    if (occupied == occupied_)
        return;
    occupied_ = occupied;
    queue_event(OccupancyChanged{occupied});
}

void BoardModel::stall_motor()
{
    homed_ = false;
    motion_ = SeatMotion::NotHomed;
    target_mm_ = static_cast<std::uint16_t>(std::lround(seat_mm_));
    faults_.motor_stall = true;
    queue_event(FaultsChanged{faults_});
}

void BoardModel::set_over_temperature(bool hot)
{
    if (hot == faults_.over_temperature)
        return;
    faults_.over_temperature = hot;
    if (hot && (motion_ == SeatMotion::Moving || motion_ == SeatMotion::Homing)) {
        motion_ = homed_ ? SeatMotion::Idle : SeatMotion::NotHomed;
        target_mm_ = static_cast<std::uint16_t>(std::lround(seat_mm_));
    }
    queue_event(FaultsChanged{faults_});
}

void BoardModel::lose_power()
{
    lights_ = LightLevels{};
    homed_ = false;
    motion_ = SeatMotion::NotHomed;
    target_mm_ = static_cast<std::uint16_t>(std::lround(seat_mm_));
    faults_.motor_stall = false;
    last_command_sequence_ = 0;
    next_event_sequence_ = 0;
    next_status_sequence_ = 0;
    events_.clear();
}

void BoardModel::queue_event(const DeviceEvent& event)
{
    events_.push_back(encode_frame(encode_event(event, next_event_sequence_++)));
}

} // namespace kiosk::lightseat
