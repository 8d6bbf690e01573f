#pragma once

#include <optional>
#include <stop_token>

#include "calibration/booth_calibration_settings.h"
#include "calibration/booth_procedure.h"
#include "camera/camera_controls.h"
#include "camera/camera_source.h"

namespace kiosk::calibration {

struct ExposureRun {
    ProcedureReport report;
    std::optional<camera::CameraControls> controls;   // manual controls that passed
};

// Switches the camera to manual exposure and white balance and steps
// exposure time, gain (only once the time is at its longest, since gain adds
// noise) and the red and blue gains until the metered region (the empty
// backdrop, or a grey card held where the face will be) reads neutral at its
// target level. Each step measures only frames that report the controls it
// set, so the sensor's control delay is waited out, not guessed. Bounded by
// max_steps; a camera that cannot reach the level within its limits fails
// with advice instead of trying on, and a run that does not pass gives the
// camera back the controls it found. The camera must be streaming. Blocks
// the calling thread.
ExposureRun set_exposure(camera::CameraSource& camera, const ExposureSettings& settings,
                         const ProgressHandler& progress = {}, std::stop_token cancel = {});

} // namespace kiosk::calibration
