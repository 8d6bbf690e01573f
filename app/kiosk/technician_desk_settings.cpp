#include "kiosk/technician_desk_settings.h"

#include "core/json_fields.h"
#include "core/json_file.h"

namespace kiosk::runtime {

TechnicianDeskSettings load_technician_desk_settings(const std::filesystem::path& calibration_json)
{
    const auto json = load_json_file(calibration_json);
    const JsonFields screen = JsonFields(calibration_json.string(), json).child("screen");
    TechnicianDeskSettings s;
    s.progress_interval = screen.millis("progress_interval_ms");
    const auto& eye_line = screen.require("seat_eye_line");
    if (!eye_line.is_boolean())
        screen.fail("seat_eye_line", "must be true or false");
    s.seat_eye_line = eye_line.get<bool>();
    return s;
}

} // namespace kiosk::runtime
