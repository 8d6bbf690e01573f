#pragma once

#include <memory>
#include <string>
#include <vector>

namespace libcamera {
class CameraManager;
}

namespace kiosk::camera {

// libcamera allows one CameraManager per process (a second one aborts), so
// every user shares one: started on first use, stopped when the last user
// lets go. Throws CameraError when libcamera cannot start.
std::shared_ptr<libcamera::CameraManager> shared_camera_manager();

// A camera libcamera can see, for `kioskctl devices` and the logs.
struct CameraInfo {
    std::string id;      // stable across replugs into the same port
    std::string model;   // the sensor or webcam name, when the camera says
};

// The cameras present now; empty on a machine without one.
std::vector<CameraInfo> list_cameras();

} // namespace kiosk::camera
