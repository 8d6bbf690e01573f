#include "vision/checks/geometry_checks.h"

#include "vision/check_ids.h"
#include "vision/checks/check_builder.h"

namespace kiosk::vision {

// Placeholder until this family is measured on the real photos: every check says
// unknown, never a silent pass.

CheckResult check_face_count(int, const spec::Thresholds&)
{
    return unknown_check(check_id::face_count, "not measured yet");
}

CheckResult check_face_size(const CheckContext&)
{
    return unknown_check(check_id::face_size, "not measured yet");
}

CheckResult check_face_centered(const CheckContext&)
{
    return unknown_check(check_id::face_centered, "not measured yet");
}

CheckResult check_yaw(const CheckContext&)
{
    return unknown_check(check_id::yaw, "not measured yet");
}

CheckResult check_pitch(const CheckContext&)
{
    return unknown_check(check_id::pitch, "not measured yet");
}

CheckResult check_roll(const CheckContext&)
{
    return unknown_check(check_id::roll, "not measured yet");
}

} // namespace kiosk::vision
