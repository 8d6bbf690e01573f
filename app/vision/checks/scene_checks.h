#pragma once

#include "vision/check_context.h"
#include "vision/check_result.h"

namespace kiosk::vision {

// Lighting on the face.
CheckResult check_face_shadow(const CheckContext& ctx);
CheckResult check_face_hotspot(const CheckContext& ctx);
// The background that ends up inside the spec's crop.
CheckResult check_background_uniform(const CheckContext& ctx);
CheckResult check_background_shadow(const CheckContext& ctx);
// Whole-picture quality.
CheckResult check_exposure(const CheckContext& ctx);
CheckResult check_sharpness(const CheckContext& ctx);
CheckResult check_colour_cast(const CheckContext& ctx);

} // namespace kiosk::vision
