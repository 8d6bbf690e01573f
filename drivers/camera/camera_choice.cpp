#include "camera/camera_choice.h"

#include "core/error.h"
#include "core/json_file.h"
#include "core/paths.h"

namespace kiosk::camera {

namespace {

constexpr CameraBackend kBackends[] = {CameraBackend::Libcamera, CameraBackend::Replay};

bool backend_named(const std::string& name, CameraBackend& backend)
{
    for (const auto candidate : kBackends)
        if (name == to_string(candidate)) {
            backend = candidate;
            return true;
        }
    return false;
}

} // namespace

std::string_view to_string(CameraBackend backend)
{
    switch (backend) {
    case CameraBackend::Libcamera: return "libcamera";
    case CameraBackend::Replay: return "replay";
    }
    return "unknown";
}

CameraChoice CameraChoice::read(const JsonFields& camera, const std::filesystem::path& config)
{
    CameraChoice choice;
    const std::string backend = camera.text("backend");
    if (!backend_named(backend, choice.backend))
        camera.fail("backend", "must be \"libcamera\" or \"replay\", not \"" + backend + "\"");
    choice.settings = config / camera.text("settings");
    if (!std::filesystem::is_regular_file(choice.settings))
        camera.fail("settings", "names " + choice.settings.string() + ", which does not exist");
    if (const auto* footage = camera.find("footage")) {
        if (!footage->is_string())
            camera.fail("footage", "must be a path in the photo set, or an absolute one");
        choice.footage = footage->get<std::string>();
    }
    if (choice.backend == CameraBackend::Replay && choice.footage.empty())
        camera.fail("footage", "the replay camera needs footage to film");
    choice.footage_origin = camera.where() + ".footage";
    return choice;
}

CameraChoice CameraChoice::load(const std::filesystem::path& config, const std::string& profile)
{
    const auto file = kiosk_profile_file(config, profile);
    const auto doc = load_json_file(file);
    return read(JsonFields(file.string(), doc).child("camera"), config);
}

std::filesystem::path CameraChoice::standard_settings(CameraBackend backend, const std::filesystem::path& config)
{
    return config / "camera" / (std::string(to_string(backend)) + ".json");
}

void CameraChoice::override_with(const std::string& backend_name, const std::filesystem::path& typed_footage,
                                 const std::filesystem::path& config)
{
    if (!backend_name.empty()) {
        CameraBackend forced{};
        if (!backend_named(backend_name, forced))
            throw InputError("--camera must be libcamera or replay, not \"" + backend_name + "\"");
        if (forced != backend)
            settings = standard_settings(forced, config);
        backend = forced;
    }
    if (!typed_footage.empty()) {
        footage = std::filesystem::absolute(typed_footage);
        footage_origin = "--footage";
    }
    if (backend == CameraBackend::Replay && footage.empty())
        throw InputError("the replay camera needs footage to film: " + footage_origin +
                         " names none; give --footage PATH");
}

std::filesystem::path CameraChoice::settings_for(CameraBackend other, const std::filesystem::path& config) const
{
    return other == backend ? settings : standard_settings(other, config);
}

std::filesystem::path CameraChoice::footage_path(const std::filesystem::path& faces) const
{
    if (footage.empty())
        throw InputError("the replay camera has no footage: " + footage_origin + " names none");
    const auto path = footage.is_absolute() ? footage : faces / footage;
    if (!std::filesystem::exists(path))
        throw InputError("the replay camera's footage " + path.string() + " (" + footage_origin +
                         ") does not exist" +
                         (footage.is_absolute() ? "" : ": set KIOSK_FACES (or the kiosk's --faces) to the shared photo set"));
    return path;
}

} // namespace kiosk::camera
