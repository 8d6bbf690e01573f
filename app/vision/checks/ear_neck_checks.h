#pragma once

#include "vision/check_context.h"
#include "vision/check_result.h"

namespace kiosk::vision {

CheckResult check_ears_visible(const CheckContext& ctx);
CheckResult check_earrings(const CheckContext& ctx);
CheckResult check_necklace(const CheckContext& ctx);

} // namespace kiosk::vision
