#include "camera/camera_choice.h"

#include "core/json_fields.h"
#include "core/json_file.h"

namespace kiosk::camera {

std::string_view to_string(CameraBackend backend)
{
    switch (backend) {
    case CameraBackend::Libcamera: return "libcamera";
    case CameraBackend::Replay: return "replay";
    }
    return "unknown";
}

CameraChoice CameraChoice::load(const std::filesystem::path& file)
{
    const nlohmann::json doc = load_json_file(file);
    const JsonFields f(file.string(), doc);
    CameraChoice choice;
    const std::string backend = f.text("backend");
    if (backend == to_string(CameraBackend::Libcamera))
        choice.backend = CameraBackend::Libcamera;
    else if (backend == to_string(CameraBackend::Replay))
        choice.backend = CameraBackend::Replay;
    else
        f.fail("backend", "must be \"libcamera\" or \"replay\", not \"" + backend + "\"");
    if (const auto* footage = f.find("footage")) {
        if (!footage->is_string())
            f.fail("footage", "must be a path");
        const std::filesystem::path path = footage->get<std::string>();
        if (!path.empty())
            choice.footage = path.is_absolute() ? path : file.parent_path() / path;
    }
    if (choice.backend == CameraBackend::Replay && choice.footage.empty())
        f.fail("footage", "the replay camera needs footage to film");
    return choice;
}

} // namespace kiosk::camera
