#pragma once

#include "spec/crop_plan.h"
#include "vision/crown_finder.h"
#include "vision/face.h"

namespace kiosk::vision {

// What spec::plan_crop needs about a located face: pupils, chin (landmark 8),
// face width between the jaw ends at the ears (landmarks 0 and 16) and the crown.
spec::HeadMeasurements head_measurements(const Face& face, const Crown& crown);

} // namespace kiosk::vision
