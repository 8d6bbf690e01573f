#pragma once

#include <memory>

#include <opencv2/core.hpp>

#include "spec/document_spec.h"
#include "vision/assessment.h"
#include "vision/assessor.h"
#include "vision/face_tracker.h"
#include "vision/models.h"

namespace kiosk::vision {

// Judges camera frames one after another, cheaply enough for every frame:
// the face is tracked between frames (see FaceTracker) and the expensive
// check families (head accessories, ears and neck, scene) run only on frames
// whose cheap checks (framing, pose, expression) all pass; otherwise they
// report unknown, "deferred until framing, pose and expression pass".
// One LiveAssessor per camera stream; `assess` is not thread-safe, the
// published assessments are immutable and may be shared freely.
class LiveAssessor {
public:
    // `models` must outlive the assessor; the spec is copied. Throws
    // ConfigError when the spec lacks a limit the engine needs.
    LiveAssessor(const Models& models, const spec::DocumentSpec& spec, TrackerOptions options = {});

    // One frame (8-bit BGR, e.g. 1280x720). Throws InputError on an empty or
    // wrongly typed frame; the track is kept for the next good frame.
    std::shared_ptr<const Assessment> assess(const cv::Mat& bgr);

    // Forgets the tracked face (a new citizen, or the spec changed).
    void reset() { tracker_.reset(); }

    const spec::DocumentSpec& spec() const { return assessor_.spec(); }

private:
    Assessor assessor_;
    FaceTracker tracker_;
    cv::Mat gray_;   // reused between frames to avoid an allocation per frame
};

} // namespace kiosk::vision
