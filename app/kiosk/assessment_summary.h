#pragma once

#include <nlohmann/json.hpp>

#include "vision/assessment.h"

namespace kiosk::runtime {

// What the reviewer gets to see of the kiosk's own judgement of the still:
//   {"spec", "verdict": "pass|fail|unknown", "faces", "pose": {"yaw", "pitch", "roll"},
//    "background_replaced", "checks": [{"id", "status", "value", "limit": {"min", "max"}, "detail"}]}
// Measurements and check results only: no landmarks or picture, nothing that
// identifies the person beyond the photo the submission already carries.
nlohmann::json summarise_assessment(const vision::Assessment& assessment, bool background_replaced);

} // namespace kiosk::runtime
