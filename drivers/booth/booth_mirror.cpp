#include "booth/booth_mirror.h"

#include <chrono>

#include <spdlog/spdlog.h>

#include "camera/replay_source.h"

namespace kiosk::booth {

using namespace std::chrono_literals;

BoothMirror::BoothMirror(camera::CameraSource& camera, lightseat::LightSeatController& controller)
    : controller_(controller)
{
    auto* replay = dynamic_cast<camera::ReplaySource*>(&camera);
    if (!replay)
        return;
    poll();
    replay->connect_booth([this]() -> std::optional<camera::BoothState> {
        if (!answered_)
            return std::nullopt;
        return camera::BoothState{double(key_left_), double(key_right_), double(background_), double(seat_mm_)};
    });
    poller_ = std::jthread([this](std::stop_token stop) {
        while (!stop.stop_requested()) {
            poll();
            std::this_thread::sleep_for(20ms);
        }
    });
}

void BoothMirror::poll()
{
    if (const auto s = controller_.read_status().get()) {
        // Each move the seat makes on the film, to show how many moves the
        // kiosk's seat servo needs to settle on the picture it is shown.
        if (s->target_mm != target_mm_)
            spdlog::debug("booth: the filmed seat heads from {} mm to {} mm", s->seat_mm, s->target_mm);
        target_mm_ = s->target_mm;
        seat_mm_ = s->seat_mm;
        key_left_ = s->lights.key_left;
        key_right_ = s->lights.key_right;
        background_ = s->lights.background;
        answered_ = true;
    }
}

} // namespace kiosk::booth
