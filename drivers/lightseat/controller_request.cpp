#include "lightseat/controller_request.h"

namespace kiosk::lightseat {

void ControllerRequest::fail()
{
    if (command)
        done.set_value(CommandOutcome::NotConnected);
    else
        status.set_value(std::nullopt);
}

bool out_of_range(const Command& command, const SeatTravel& seat)
{
    if (const auto* lights = std::get_if<SetLights>(&command)) {
        const LightLevels& l = lights->levels;
        return l.key_left > max_light_level || l.key_right > max_light_level || l.background > max_light_level;
    }
    if (const auto* move = std::get_if<MoveSeat>(&command))
        return !seat.contains(move->target_mm);
    return false;
}

std::future<CommandOutcome> answered(CommandOutcome outcome)
{
    std::promise<CommandOutcome> promise;
    promise.set_value(outcome);
    return promise.get_future();
}

} // namespace kiosk::lightseat
