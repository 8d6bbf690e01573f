#pragma once

#include "vision/check_context.h"
#include "vision/check_result.h"

namespace kiosk::vision {

CheckResult check_eyes_open(const CheckContext& ctx);
CheckResult check_mouth_closed(const CheckContext& ctx);
CheckResult check_expression_neutral(const CheckContext& ctx);

} // namespace kiosk::vision
