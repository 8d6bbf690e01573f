#pragma once

#include <optional>
#include <stop_token>

#include "calibration/booth_calibration_settings.h"
#include "calibration/booth_procedure.h"
#include "camera/camera_source.h"
#include "lightseat/lightseat_controller.h"
#include "vision/models.h"

namespace kiosk::calibration {

struct LightBalanceRun {
    ProcedureReport report;
    std::optional<lightseat::LightLevels> levels;   // the levels that passed
};

// Drives the two key lamps through the controller until the two halves of
// the target (a grey card where the face will be, or the technician's
// cheeks found by the face landmarks) measure equal, then the background
// lamp until the backdrop beside the target reads its level. Each step moves
// light from the brighter side's lamp to the darker side's by the square
// root of their measured ratio (bounded by max_step_ratio and the levels'
// range) and measures frames filmed after the lamps changed. A lamp that does
// not answer (its side got no brighter when it was turned up) or a balance
// out of the lamps' range fails with advice naming the lamp, never loops;
// a run that does not pass puts the lamps back at the levels it found.
// The camera's exposure is held where it is (switched to manual) so that
// only the lamps change the picture. `models` is needed for the face target
// only. Blocks the calling thread.
LightBalanceRun balance_lights(camera::CameraSource& camera, lightseat::LightSeatController& controller,
                               const vision::Models* models, const LightBalanceSettings& settings,
                               const ProgressHandler& progress = {}, std::stop_token cancel = {});

} // namespace kiosk::calibration
