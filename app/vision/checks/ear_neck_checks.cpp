#include "vision/checks/ear_neck_checks.h"

#include "vision/check_ids.h"
#include "vision/checks/check_builder.h"

namespace kiosk::vision {

// Placeholder until this family is measured on the real photos: every check says
// unknown, never a silent pass.

CheckResult check_ears_visible(const CheckContext&)
{
    return unknown_check(check_id::ears_visible, "not measured yet");
}

CheckResult check_earrings(const CheckContext&)
{
    return unknown_check(check_id::earrings, "not measured yet");
}

CheckResult check_necklace(const CheckContext&)
{
    return unknown_check(check_id::necklace, "not measured yet");
}

} // namespace kiosk::vision
