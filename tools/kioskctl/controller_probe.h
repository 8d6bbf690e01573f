#pragma once

#include <vector>

#include "device_row.h"
#include "lightseat/lightseat_settings.h"

namespace kiosk::ctl {

// The light/seat boards on USB with the configured vendor and product id;
// the one the kiosk would drive is opened with the real driver and its
// status read. One "none" row when there is none.
std::vector<DeviceRow> probe_controllers(const lightseat::ControllerSettings& settings);

} // namespace kiosk::ctl
