#include "vision/checks/expression_checks.h"

#include "vision/check_ids.h"
#include "vision/checks/check_builder.h"

namespace kiosk::vision {

// Placeholder until this family is measured on the real photos: every check says
// unknown, never a silent pass.

CheckResult check_eyes_open(const CheckContext&)
{
    return unknown_check(check_id::eyes_open, "not measured yet");
}

CheckResult check_mouth_closed(const CheckContext&)
{
    return unknown_check(check_id::mouth_closed, "not measured yet");
}

CheckResult check_expression_neutral(const CheckContext&)
{
    return unknown_check(check_id::expression_neutral, "not measured yet");
}

} // namespace kiosk::vision
