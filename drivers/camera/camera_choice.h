#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/json_fields.h"

namespace kiosk::camera {

enum class CameraBackend { Libcamera, Replay };

std::string_view to_string(CameraBackend backend);

// Which camera a kiosk films with: the "camera" section of its profile,
// config/kiosk/<profile>.json. The kiosk program and kioskctl both read it
// here, so a technician's kioskctl tests the camera the kiosk films with.
struct CameraChoice {
    CameraBackend backend = CameraBackend::Libcamera;
    // The backend's settings file, resolved against the config folder.
    std::filesystem::path settings;
    // What the replay camera films (one portrait, a folder of them or a
    // video), relative to the photo set unless absolute; empty when none is set.
    std::filesystem::path footage;
    // Where the footage was named ("<profile file>.camera.footage" or
    // "--footage"), for the error when it is not there.
    std::string footage_origin;

    // Reads a profile's "camera" section. Throws ConfigError naming the file
    // and field for an unknown backend, a settings file that does not exist
    // or a replay camera without footage.
    static CameraChoice read(const JsonFields& camera, const std::filesystem::path& config);

    // The camera of config/kiosk/<profile>.json. Throws InputError for a
    // profile that does not exist, ConfigError as read().
    static CameraChoice load(const std::filesystem::path& config, const std::string& profile);

    // A backend's standard settings: config/camera/<backend>.json.
    static std::filesystem::path standard_settings(CameraBackend backend, const std::filesystem::path& config);

    // kioskctl's --camera and --footage, each empty to keep the profile's. A
    // backend other than the profile's films with its standard settings;
    // footage is a path as typed. Throws InputError for an unknown backend,
    // or a replay camera left without footage.
    void override_with(const std::string& backend_name, const std::filesystem::path& typed_footage,
                       const std::filesystem::path& config);

    // The settings `other` would use beside this choice: this choice's own
    // when it is that backend, else the backend's standard settings.
    std::filesystem::path settings_for(CameraBackend other, const std::filesystem::path& config) const;

    // The footage to film, a relative one found in the photo set `faces`.
    // Throws InputError naming footage_origin when there is none or it does
    // not exist.
    std::filesystem::path footage_path(const std::filesystem::path& faces) const;
};

} // namespace kiosk::camera
