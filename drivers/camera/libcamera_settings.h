#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/backoff.h"

namespace kiosk::camera {

// How the kiosk drives a real camera; config/camera/libcamera.json.
struct LibcameraSettings {
    std::string camera_id;                 // empty: the first camera libcamera lists
    unsigned int buffer_count = 4;
    std::vector<std::uint32_t> preferred_formats;   // fourccs, best first
    bool still_stream = true;              // ask for a still stream beside the viewfinder
    // A camera that delivers nothing for this long is treated as gone and reopened.
    std::chrono::milliseconds frame_timeout{2000};
    BackoffSettings reconnect;

    static LibcameraSettings from_json(const nlohmann::json& j, const std::string& where);
    static LibcameraSettings load(const std::filesystem::path& file);
};

} // namespace kiosk::camera
