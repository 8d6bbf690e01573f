#pragma once

#include "spec/thresholds.h"
#include "vision/check_context.h"
#include "vision/check_result.h"

namespace kiosk::vision {

// How many faces are in the frame: exactly one is wanted.
CheckResult check_face_count(int faces_found, const spec::Thresholds& limits);
// Enough pixels for the spec's output, whole head and shoulders in the frame.
CheckResult check_face_size(const CheckContext& ctx);
// The spec's crop, with its margins, fits inside the frame.
CheckResult check_face_centered(const CheckContext& ctx);
CheckResult check_yaw(const CheckContext& ctx);
CheckResult check_pitch(const CheckContext& ctx);
CheckResult check_roll(const CheckContext& ctx);

} // namespace kiosk::vision
