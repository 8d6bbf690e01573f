#pragma once

#include <filesystem>
#include <stop_token>

#include <opencv2/core.hpp>

#include "calibration/booth_calibration_settings.h"
#include "calibration/booth_procedure.h"
#include "camera/camera_source.h"
#include "lightseat/lightseat_controller.h"
#include "spec/document_spec.h"
#include "vision/models.h"

namespace kiosk::calibration {

struct BackgroundPlateRun {
    ProcedureReport report;
    cv::Mat plate;    // the median of the empty booth; empty when the run could not take it
};

// Films the empty booth: refuses while the seat reports someone sitting or a
// face is in view (a plate with a person in it would teach the engine that
// the person is backdrop), medians the frames into a plate and judges how
// even it is (spread, gradients, vignetting) and whether its colour is one of
// the spec's background colours (a*b* only: brightness is exposure's job).
// The camera must be streaming and the controller started. Blocks the
// calling thread; `cancel` ends it with an Error report.
BackgroundPlateRun capture_background_plate(const camera::CameraSource& camera,
                                            lightseat::LightSeatController& controller,
                                            const vision::Models& models, const spec::DocumentSpec& spec,
                                            const BackgroundPlateSettings& settings,
                                            const ProgressHandler& progress = {}, std::stop_token cancel = {});

// Writes the plate as a PNG into `folder` (atomically: a half-written plate
// is never read) and returns its path, for a draft profile's
// background_plate: ProfileStore::save copies it into the profile it stores.
std::filesystem::path store_background_plate(const cv::Mat& plate, const std::filesystem::path& folder);

} // namespace kiosk::calibration
