#pragma once

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "calibration/calibration_profile.h"

namespace kiosk::calibration {

// A profile as the profile store writes it (profile.json in its folder). The
// background plate is stored by file name only, relative to that folder.
nlohmann::json profile_to_json(const CalibrationProfile& profile);

// The inverse, with the plate's name resolved inside `folder`. Throws
// ConfigError naming `where` and the field for anything missing, mistyped or
// out of range: a damaged profile is refused, never half-used.
CalibrationProfile profile_from_json(const nlohmann::json& json, const std::filesystem::path& folder,
                                     const std::string& where);

const char* outcome_name(Outcome outcome);

} // namespace kiosk::calibration
