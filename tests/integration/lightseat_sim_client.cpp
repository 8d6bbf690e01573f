// Run by lightseat_sim_test.cpp as lightseat-sim's child: drives the board
// through the real driver from a separate process (the way the kiosk would)
// and prints one line per result for the test to check.
#include <chrono>
#include <condition_variable>
#include <iostream>
#include <mutex>

#include "core/paths.h"
#include "lightseat/usb_lightseat_controller.h"

using namespace kiosk::lightseat;
using namespace std::chrono_literals;

int main()
{
    const auto settings = ControllerSettings::load(kiosk::config_dir() / "lightseat" / "controller.json");
    std::mutex mutex;
    std::condition_variable changed;
    bool ready = false, homed = false, reached = false, occupied = false;
    UsbLightSeatController controller(settings);
    controller.set_event_handler([&](const ControllerEvent& event) {
        std::lock_guard lock(mutex);
        if (const auto* state = std::get_if<StateChanged>(&event))
            ready = state->state == ControllerState::Ready;
        homed = homed || std::holds_alternative<SeatHomed>(event);
        reached = reached || std::holds_alternative<SeatReached>(event);
        occupied = occupied || std::holds_alternative<OccupancyChanged>(event);
        changed.notify_all();
    });
    controller.start();
    const auto wait_for = [&](bool& flag, std::chrono::seconds limit) {
        std::unique_lock lock(mutex);
        return changed.wait_for(lock, limit, [&] { return flag; });
    };
    std::cout << "ready " << wait_for(ready, 3s) << std::endl;
    std::cout << "lights " << to_string(controller.set_lights({300, 300, 900}).get()) << std::endl;
    std::cout << "home " << to_string(controller.home_seat().get()) << std::endl;
    std::cout << "homed " << wait_for(homed, 5s) << std::endl;
    std::cout << "move " << to_string(controller.move_seat(settings.seat.min_mm + 30).get()) << std::endl;
    std::cout << "reached " << wait_for(reached, 5s) << std::endl;
    std::cout << "occupied " << wait_for(occupied, 5s) << std::endl;
    controller.stop();
    return 0;
}
