#include "vision/checks/head_accessory_checks.h"

#include "vision/check_ids.h"
#include "vision/checks/check_builder.h"

namespace kiosk::vision {

// Placeholder until this family is measured on the real photos: every check says
// unknown, never a silent pass.

CheckResult check_glasses(const CheckContext&)
{
    return unknown_check(check_id::glasses, "not measured yet");
}

CheckResult check_lens_glare(const CheckContext&)
{
    return unknown_check(check_id::lens_glare, "not measured yet");
}

CheckResult check_head_covering(const CheckContext&)
{
    return unknown_check(check_id::head_covering, "not measured yet");
}

CheckResult check_hair_accessory(const CheckContext&)
{
    return unknown_check(check_id::hair_accessory, "not measured yet");
}

CheckResult check_hair_over_eyebrows(const CheckContext&)
{
    return unknown_check(check_id::hair_over_eyebrows, "not measured yet");
}

} // namespace kiosk::vision
