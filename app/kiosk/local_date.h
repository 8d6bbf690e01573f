#pragma once

#include <chrono>

namespace kiosk::runtime {

// Today in the kiosk's time zone: receipt numbers and slips carry the local date.
std::chrono::year_month_day local_today();

} // namespace kiosk::runtime
