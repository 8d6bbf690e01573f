#pragma once

#include <atomic>
#include <thread>

#include "camera/camera_source.h"
#include "lightseat/lightseat_controller.h"

namespace kiosk::booth {

// Makes a replay camera film the booth as the light/seat board has it: its
// lamps relight the footage and its seat lifts the subject. A poller keeps the
// board's latest seat and lamp levels at hand, since the camera's thread must
// not wait for a status read. Does nothing for any other camera: a real one
// sees the real booth. Until the board first answers, the footage is filmed
// as it is. Keep it alive as long as the camera streams.
class BoothMirror {
public:
    BoothMirror(camera::CameraSource& camera, lightseat::LightSeatController& controller);
    BoothMirror(const BoothMirror&) = delete;
    BoothMirror& operator=(const BoothMirror&) = delete;

private:
    void poll();

    lightseat::LightSeatController& controller_;
    std::atomic<int> seat_mm_{0}, key_left_{0}, key_right_{0}, background_{0};
    std::atomic<bool> answered_{false};
    int target_mm_ = -1;   // the poller's own: the last seat target seen
    std::jthread poller_;
};

} // namespace kiosk::booth
