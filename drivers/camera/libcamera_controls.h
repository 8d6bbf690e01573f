#pragma once

#include <libcamera/controls.h>

#include "camera/camera_controls.h"

namespace kiosk::camera {

// Writes the kiosk's controls into a libcamera request or start-up list,
// skipping those the camera does not offer (a UVC webcam may lack analogue
// gain or colour gains; the rest still apply).
void write_controls(libcamera::ControlList& list, const CameraControls& controls,
                    const libcamera::ControlInfoMap& supported);

// Asks for a fixed frame rate where the camera lets us set frame durations.
void write_frame_rate(libcamera::ControlList& list, double fps, const libcamera::ControlInfoMap& supported);

// The controls a frame was actually taken with, as the camera reports them in
// its metadata; what it does not report is taken from `requested`.
CameraControls read_controls(const libcamera::ControlList& metadata, const CameraControls& requested);

} // namespace kiosk::camera
