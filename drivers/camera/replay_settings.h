#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/backoff.h"
#include "camera/booth_model.h"
#include "camera/camera_source.h"
#include "camera/motion_script.h"
#include "camera/sensor_model.h"

namespace kiosk::camera {

// Everything that makes the replay camera behave like a device: its default
// stream, its still resolution, how it answers controls, how the subject
// moves and how it reconnects. Read from config/camera/replay.json.
struct ReplaySettings {
    StreamRequest stream;              // what the kiosk and kioskctl start it with
    cv::Size still_size{2560, 1440};   // the "sensor's" full resolution
    double image_hold_seconds = 8;     // per image of a folder
    MotionScript motion;
    SensorModel sensor;
    BackoffSettings reconnect;
    // The studio's lights and seat acting on the footage; absent, the footage
    // is filmed as it is whatever the booth does.
    std::optional<BoothModel> booth;

    // `where` names the file in errors; `base` is the folder the "motion"
    // path is relative to. Throws ConfigError.
    static ReplaySettings from_json(const nlohmann::json& j, const std::string& where,
                                    const std::filesystem::path& base);
    static ReplaySettings load(const std::filesystem::path& file);
};

} // namespace kiosk::camera
