#pragma once

#include <functional>
#include <memory>
#include <optional>

#include <opencv2/core.hpp>

#include "calibration/calibration_profile.h"
#include "calibration/profile_store.h"
#include "camera/camera_source.h"
#include "lightseat/lightseat_controller.h"
#include "session/events.h"
#include "vision/backdrop_plate.h"

namespace kiosk::runtime {

// Makes the running kiosk live by the active calibration profile: the camera
// takes its controls, the board's host driver its measured seat stops, the
// vision engine its background plate, the session's seat and light servos
// its measures (BoothCalibrated) from the next visit on. A part the profile lacks goes
// back to the configured figure, so rolling back to a profile made before a
// procedure ever ran also undoes what that procedure set.
class CalibrationApplication {
public:
    using EventSink = std::function<void(session::Event)>;
    // Hands the plate (null: none) to whatever judges frames and stills.
    using PlateUser = std::function<void(std::shared_ptr<const vision::BackdropPlate>)>;

    // `configured`: config/session.json's servo figures. The camera's
    // controls are read now, before any profile changes them, as its
    // configured ones. `stream_size`: what the kiosk asks the camera for,
    // the frame size until a frame says otherwise. `controller` may be null.
    CalibrationApplication(camera::CameraSource& camera, cv::Size stream_size,
                           lightseat::LightSeatController* controller, session::BoothCalibrated configured,
                           PlateUser use_plate, EventSink post);

    // At start-up and after every save or rollback. A damaged profile is
    // logged; `lookup` then already holds the last good one (or none).
    void apply(const calibration::ProfileLookup& lookup);

    // The lamp levels citizens are lit with under `lookup`'s profile (else the
    // configured ones): where the lamp procedures start measuring.
    std::optional<lightseat::LightLevels> working_lights(const calibration::ProfileLookup& lookup) const;

private:
    camera::CameraSource& camera_;
    lightseat::LightSeatController* controller_;
    camera::CameraControls configured_controls_;
    cv::Size stream_size_;
    session::BoothCalibrated configured_;
    PlateUser use_plate_;
    EventSink post_;
};

// What the servos take from `profile` (none: every configured figure). The
// eye-line slope is in pixels of a frame `frame_height` pixels high.
session::BoothCalibrated booth_calibrated(const std::optional<calibration::CalibrationProfile>& profile,
                                          const session::BoothCalibrated& configured, int frame_height);

} // namespace kiosk::runtime
