#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>

#include "core/password_hash.h"

namespace kiosk::calibration {

// The "access" section of config/calibration/calibration.json: how PINs are
// hashed and how wrong tries lock calibration.
struct TechnicianPinConfig {
    std::size_t min_pin_digits = 6;
    std::size_t max_pin_digits = 12;
    std::size_t max_technician_id_chars = 32;
    KdfCost kdf;
    // This many wrong PINs in a row lock entry; each further lock lasts
    // `lock_growth` times the one before, never longer than `max_lock`.
    int wrong_tries_before_lock = 5;
    std::chrono::seconds first_lock{60};
    double lock_growth = 2.0;
    std::chrono::seconds max_lock{3600};
};

// Reads the "access" section; throws ConfigError naming the field.
TechnicianPinConfig load_technician_pin_config(const std::filesystem::path& calibration_json);

} // namespace kiosk::calibration
