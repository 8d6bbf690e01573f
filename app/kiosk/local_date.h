#pragma once

#include <chrono>
#include <string>

namespace kiosk::runtime {

// Today in the kiosk's time zone: receipt numbers and slips carry the local date.
std::chrono::year_month_day local_today();

// A moment as the kiosk's clock on the wall shows it: "2026-11-25 21:30".
std::string local_minute(std::chrono::system_clock::time_point when);

} // namespace kiosk::runtime
