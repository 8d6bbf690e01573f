#include "camera/chosen_camera.h"

#include "camera/libcamera_settings.h"
#include "camera/libcamera_source.h"
#include "camera/replay_settings.h"
#include "camera/replay_source.h"

namespace kiosk::camera {

ChosenCamera open_chosen_camera(const CameraChoice& choice, const std::filesystem::path& faces)
{
    if (choice.backend == CameraBackend::Replay) {
        auto settings = ReplaySettings::load(choice.settings);
        const StreamRequest stream = settings.stream;
        return {std::make_unique<ReplaySource>(choice.footage_path(faces), std::move(settings)), stream};
    }
    return {std::make_unique<LibcameraSource>(LibcameraSettings::load(choice.settings)), StreamRequest{}};
}

} // namespace kiosk::camera
