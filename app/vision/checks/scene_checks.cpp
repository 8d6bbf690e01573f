#include "vision/checks/scene_checks.h"

#include "vision/check_ids.h"
#include "vision/checks/check_builder.h"

namespace kiosk::vision {

// Placeholder until this family is measured on the real photos: every check says
// unknown, never a silent pass.

CheckResult check_face_shadow(const CheckContext&)
{
    return unknown_check(check_id::face_shadow, "not measured yet");
}

CheckResult check_face_hotspot(const CheckContext&)
{
    return unknown_check(check_id::face_hotspot, "not measured yet");
}

CheckResult check_background_uniform(const CheckContext&)
{
    return unknown_check(check_id::background_uniform, "not measured yet");
}

CheckResult check_background_shadow(const CheckContext&)
{
    return unknown_check(check_id::background_shadow, "not measured yet");
}

CheckResult check_exposure(const CheckContext&)
{
    return unknown_check(check_id::exposure, "not measured yet");
}

CheckResult check_sharpness(const CheckContext&)
{
    return unknown_check(check_id::sharpness, "not measured yet");
}

CheckResult check_colour_cast(const CheckContext&)
{
    return unknown_check(check_id::colour_cast, "not measured yet");
}

} // namespace kiosk::vision
