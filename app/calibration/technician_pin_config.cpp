#include "calibration/technician_pin_config.h"

#include "core/json_fields.h"
#include "core/json_file.h"

namespace kiosk::calibration {

TechnicianPinConfig load_technician_pin_config(const std::filesystem::path& calibration_json)
{
    const auto json = load_json_file(calibration_json);
    const JsonFields access = JsonFields(calibration_json.string(), json).child("access");
    TechnicianPinConfig config;
    config.min_pin_digits = static_cast<std::size_t>(access.whole_number("min_pin_digits", 4, 32));
    config.max_pin_digits = static_cast<std::size_t>(access.whole_number("max_pin_digits", 4, 32));
    if (config.max_pin_digits < config.min_pin_digits)
        access.fail("max_pin_digits", "is below min_pin_digits");
    config.max_technician_id_chars = static_cast<std::size_t>(access.whole_number("max_technician_id_chars", 1, 64));

    config.kdf = read_kdf_cost(access);

    config.wrong_tries_before_lock = access.whole_number("wrong_tries_before_lock", 1, 100);
    config.first_lock = std::chrono::seconds(access.positive_int("first_lock_s"));
    config.lock_growth = access.number("lock_growth");
    if (config.lock_growth < 1.0)
        access.fail("lock_growth", "must be 1 or more");
    config.max_lock = std::chrono::seconds(access.positive_int("max_lock_s"));
    if (config.max_lock < config.first_lock)
        access.fail("max_lock_s", "is below first_lock_s");
    return config;
}

} // namespace kiosk::calibration
