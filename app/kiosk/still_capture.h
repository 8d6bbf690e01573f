#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>

#include "camera/camera_source.h"
#include "photo/photo_settings.h"
#include "session/events.h"
#include "spec/document_spec.h"
#include "vision/backdrop_plate.h"
#include "vision/models.h"

namespace kiosk::runtime {

// The CaptureStill command: takes the camera's full-resolution still, judges
// it with the still assessor, cuts and encodes the document's file. Blocks
// for the capture and the judgement (a few hundred milliseconds), so it runs
// on the runtime's blocking worker, never on the session's thread.
class StillCapture {
public:
    StillCapture(camera::CameraSource& camera, const vision::Models& models, const photo::PhotoSettings& settings,
                 std::chrono::milliseconds timeout);

    // PhotoReady with the document's file, or PhotoRejected saying what the
    // citizen should change (the first failing check's advice). Never throws.
    session::Event capture(const spec::DocumentSpec& spec) const;

    // Told of every still's assessment (the health metrics count the checks
    // that failed), on the thread that captures. Set before the first capture.
    using JudgementObserver = std::function<void(const vision::Assessment&)>;
    void observe(JudgementObserver observer) { observer_ = std::move(observer); }

    // Judge stills against this empty-booth plate (the active calibration
    // profile's), or none, from the next capture on. Any thread.
    void use_plate(std::shared_ptr<const vision::BackdropPlate> plate) { plate_.store(std::move(plate)); }

private:
    JudgementObserver observer_;
    camera::CameraSource& camera_;
    const vision::Models& models_;
    const photo::PhotoSettings& settings_;
    std::chrono::milliseconds timeout_;
    std::atomic<std::shared_ptr<const vision::BackdropPlate>> plate_;
};

} // namespace kiosk::runtime
