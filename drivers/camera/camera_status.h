#pragma once

#include <mutex>
#include <string>

#include "camera/camera_state.h"

namespace kiosk::camera {

// The state a backend is in and the handler that hears about changes. Both
// backends share it so every source reports the same way: one event per
// change, logged once with its reason.
class CameraStatus {
public:
    explicit CameraStatus(std::string source_name);

    void set_handler(CameraEventHandler handler);

    // Records the new state and tells the handler. Repeating the state with
    // the same message is not news and is not reported again (a retry loop
    // would otherwise flood the log and the UI).
    void report(CameraState state, const std::string& message);

    CameraState state() const;
    std::string message() const;

private:
    const std::string source_name_;
    mutable std::mutex mutex_;
    std::mutex handler_mutex_;   // serialises calls so the handler sees events in order
    CameraEventHandler handler_;
    CameraEvent current_;
};

} // namespace kiosk::camera
