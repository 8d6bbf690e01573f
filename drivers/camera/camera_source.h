#pragma once

#include <chrono>
#include <string>

#include <opencv2/core.hpp>

#include "camera/camera_controls.h"
#include "camera/camera_state.h"
#include "camera/frame.h"
#include "camera/frame_mailbox.h"

namespace kiosk::camera {

// What the kiosk asks of a camera.
struct StreamRequest {
    cv::Size size{1280, 720};
    double fps = 30.0;
};

// Where frames come from, whatever the device. The camera runs on its own
// thread and posts into frames() (latest wins); consumers wait on the
// mailbox, never on the camera. Every backend behaves the same way: start()
// returns at once and reports progress through events, so a missing camera
// is a state the kiosk shows (out of service), not an exception at start-up.
class CameraSource {
public:
    virtual ~CameraSource() = default;

    // Names the device for logs and `kioskctl devices`.
    virtual std::string id() const = 0;

    // Begins streaming. The delivered size may differ when the device cannot
    // do exactly what was asked (libcamera adjusts); read it from the frames.
    // Throws std::invalid_argument for an empty size or a rate <= 0 and
    // std::logic_error when already started.
    virtual void start(const StreamRequest& request) = 0;
    // Stops delivering, joins the camera's threads and gives every device
    // buffer back. Safe to call when stopped.
    virtual void stop() = 0;

    virtual const FrameMailbox& frames() const = 0;

    // Takes effect on a later frame (real sensors apply controls with a delay
    // of a frame or two); each Frame reports the controls it was taken with.
    virtual void set_controls(const CameraControls& controls) = 0;
    virtual CameraControls controls() const = 0;

    // One picture at the device's full resolution with the current controls,
    // waiting up to `timeout`. Streaming continues (or resumes) afterwards.
    // Throws CameraError when not streaming or nothing arrives in time.
    virtual Frame capture_still(std::chrono::milliseconds timeout) = 0;

    virtual CameraState state() const = 0;
    // The reason for the current state ("no camera found", ...).
    virtual std::string state_message() const = 0;
    // Set before start(); the handler runs on the camera's thread.
    virtual void set_event_handler(CameraEventHandler handler) = 0;
};

} // namespace kiosk::camera
