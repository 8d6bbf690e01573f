#pragma once

#include <chrono>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "fleet_status.h"

namespace kiosk::ctl {

// The operators' table: kiosk, hall, ready, reason, printer, camera,
// controller, outbox, last session, version; one line per kiosk, columns
// aligned for a terminal (Chinese hall names count two columns a character).
// `now` dates "last session" ("4 min ago").
std::string fleet_table(const std::vector<KioskStatus>& statuses, std::chrono::system_clock::time_point now);

// One JSON document for scripts: {"kiosks": [...], "summary": {...}, "outcome": ...},
// unknown values as null, times as Unix seconds.
nlohmann::json fleet_json(const std::vector<KioskStatus>& statuses);

} // namespace kiosk::ctl
