#include "camera_options.h"

namespace kiosk::ctl {

camera::CameraChoice CameraOptions::choice(const std::filesystem::path& config) const
{
    auto chosen = camera::CameraChoice::load(config, profile);
    chosen.override_with(camera, footage, config);
    return chosen;
}

void add_camera_options(CLI::App& command, CameraOptions& options)
{
    command.add_option("--profile", options.profile,
                       "The kiosk profile config/kiosk/NAME.json whose camera to use, as kiosk --profile "
                       "(default: kiosk; the demo's: demo)");
    command
        .add_option("--camera", options.camera,
                    "The camera backend instead of the profile's; one other than the profile's uses its "
                    "standard settings, config/camera/<backend>.json")
        ->check(CLI::IsMember({"libcamera", "replay"}));
    command.add_option("--footage", options.footage,
                       "What the replay camera films instead of the profile's footage (a path as typed)");
}

} // namespace kiosk::ctl
