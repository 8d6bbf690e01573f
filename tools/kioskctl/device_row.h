#pragma once

#include <optional>
#include <string>

namespace kiosk::ctl {

// One line of `kioskctl devices`: a device found (or looked for and missed).
struct DeviceRow {
    std::string kind;    // "camera" or "light/seat"
    std::string id;      // the backend's name for it; "-" when none was found
    std::string backend; // "libcamera", "replay", "usb"
    std::string state;   // "present", "ready", "none", "unavailable", ...
    std::string detail;  // what a technician needs next: the reason, the seat position
    bool configured = false; // the kiosk needs it to be in service
    bool present = false;    // found and usable
    std::optional<int> seat_mm;
};

} // namespace kiosk::ctl
