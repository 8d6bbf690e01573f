#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

#include "camera/camera_choice.h"

namespace kiosk::runtime {

// config/kiosk/<profile>.json: which device backends the kiosk program
// wires together and how often its loops run. kiosk.json is the appliance,
// demo.json the demo; see their "_about".
struct RuntimeConfig {
    camera::CameraChoice camera;

    std::string controller_backend;             // "usb" or "simulated"
    std::filesystem::path controller_settings;
    std::filesystem::path board_settings;       // simulated only

    std::string printer;                        // config/printer/<name>.json; empty: receipt/kiosk.json's
    std::optional<std::filesystem::path> printer_folder;   // file printer: under the state dir

    std::filesystem::path upload_config;
    std::optional<std::filesystem::path> upload_spool;     // under the state dir, replacing upload.json's
    bool generated_upload_secrets = false;      // one-run keys instead of the secrets file
    bool send_applicant = true;                 // the typed details go with the photo

    std::filesystem::path health_config;        // config/health/<name>.json: the endpoint and readiness limits
    bool generated_health_token = false;        // a fresh token in the state folder instead of the token file

    std::optional<std::filesystem::path> state_dir;

    std::chrono::milliseconds tick{200};
    std::chrono::milliseconds still_timeout{5000};
    std::chrono::milliseconds upload_poll{250};
    std::chrono::milliseconds vision_wait{200};

    // Throws ConfigError naming the file and field, InputError for a profile
    // that does not exist.
    static RuntimeConfig load(const std::filesystem::path& config_dir, const std::string& profile);
};

} // namespace kiosk::runtime
