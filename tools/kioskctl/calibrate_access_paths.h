#pragma once

#include <filesystem>
#include <string>

#include <CLI/CLI.hpp>

namespace kiosk::ctl {

// Where `kioskctl calibrate` finds the kiosk's calibration state and
// settings; every calibrate subcommand takes the same two options so it can
// work on the kiosk's own state or a copy.
struct CalibrationPaths {
    std::string state_dir;     // default: state_dir in config/kiosk/kiosk.json
    std::string settings;      // default: config/calibration/calibration.json

    std::filesystem::path state() const;
    std::filesystem::path settings_file() const;
};

void add_calibration_path_options(CLI::App& command, CalibrationPaths& paths);

} // namespace kiosk::ctl
