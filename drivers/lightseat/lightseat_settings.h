#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>

#include "core/backoff.h"

namespace kiosk::lightseat {

// The seat's end stops, in millimetres of seat height.
struct SeatTravel {
    std::uint16_t min_mm = 0;
    std::uint16_t max_mm = 0;
    bool contains(std::uint16_t mm) const { return mm >= min_mm && mm <= max_mm; }
};

// The host driver's settings, from config/lightseat/controller.json.
struct ControllerSettings {
    std::uint16_t vendor_id = 0;
    std::uint16_t product_id = 0;
    std::chrono::milliseconds control_timeout{0};
    // An interrupt IN transfer ends after this long with nothing to say; it is
    // resubmitted, so this bounds how long a hung transfer can go unnoticed.
    std::chrono::milliseconds event_poll_timeout{0};
    int timeouts_before_fault = 0;
    // Between attempts to re-initialise a board that is missing, unplugged or faulted.
    BackoffSettings reconnect;
    SeatTravel seat;

    // "1209:4c53": the board's ids as lsusb prints them, for messages.
    std::string usb_ids() const;

    // Throws ConfigError naming the file and the field.
    static ControllerSettings load(const std::filesystem::path& file);
};

// The simulated board's physics, from config/lightseat/board.json.
struct BoardSettings {
    SeatTravel seat;
    double speed_mm_per_s = 0;
    std::uint16_t start_mm = 0;
    std::chrono::milliseconds tick{0};

    static BoardSettings load(const std::filesystem::path& file);
};

} // namespace kiosk::lightseat
