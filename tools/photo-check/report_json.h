#pragma once

#include <nlohmann/json.hpp>

#include "image_report.h"

namespace kiosk::photo_check {

// One image's report as the JSON object --jsonl prints:
// {"image", "spec", "verdict", "error", "faces", "face": {"box", "eyes": {"right", "left"}, "pose"},
//  "checks": [{"id", "status", "value", "limit": {"min", "max"}, "advice", "detail"}], "output", "photo"}.
// Absent things are null, never left out, so every line has the same keys,
// in this order.
nlohmann::ordered_json to_json(const ImageReport& report);

} // namespace kiosk::photo_check
