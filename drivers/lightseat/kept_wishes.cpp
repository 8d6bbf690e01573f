#include "lightseat/kept_wishes.h"

namespace kiosk::lightseat {

void KeptWishes::remember(const Command& command)
{
    if (const auto* lights = std::get_if<SetLights>(&command))
        lights_ = lights->levels;
    else if (const auto* move = std::get_if<MoveSeat>(&command))
        seat_mm_ = move->target_mm;
}

void KeptWishes::on_event(const DeviceEvent& event)
{
    if (const auto* reached = std::get_if<SeatReached>(&event); reached && seat_mm_ == reached->position_mm)
        seat_mm_.reset();
}

std::vector<Command> KeptWishes::to_restore(const DeviceStatus& status) const
{
    std::vector<Command> commands;
    if (lights_ && !(status.lights == *lights_))
        commands.push_back(SetLights{*lights_});
    // Sent even when the status shows the seat there already: the board then
    // answers SEAT_REACHED at once, which is the event the caller waits for.
    if (seat_mm_)
        commands.push_back(MoveSeat{*seat_mm_});
    return commands;
}

} // namespace kiosk::lightseat
