#pragma once

#include "vision/check_context.h"
#include "vision/check_result.h"

namespace kiosk::vision {

// Value: glasses worn (true/false); status: whether the spec accepts them as worn.
CheckResult check_glasses(const CheckContext& ctx);
CheckResult check_lens_glare(const CheckContext& ctx);
CheckResult check_head_covering(const CheckContext& ctx);
// Clips, headbands, hair ornaments.
CheckResult check_hair_accessory(const CheckContext& ctx);
CheckResult check_hair_over_eyebrows(const CheckContext& ctx);

} // namespace kiosk::vision
