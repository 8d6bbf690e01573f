#pragma once

#include <memory>
#include <vector>

#include <opencv2/core.hpp>

#include "spec/document_spec.h"
#include "vision/assessment.h"
#include "vision/assessor.h"
#include "vision/expression_baseline.h"
#include "vision/face_tracker.h"
#include "vision/models.h"

namespace kiosk::vision {

struct LiveOptions {
    TrackerOptions tracker;
    // While the cheap checks pass, the expensive ones run on one frame in
    // this many and their results are carried to the frames in between: the
    // scene and what the subject wears do not change within a third of a
    // second, and running them on every frame would cost ten times the
    // frame budget.
    int expensive_every = 10;
};

// Judges camera frames one after another, cheaply enough for every frame:
// the face is tracked between frames (see FaceTracker); the cheap checks
// (framing, pose, expression) run on every frame, the expensive families
// (head accessories, ears and neck, scene) only while the cheap ones all
// pass, refreshed every `expensive_every` frames and carried in between.
// Otherwise they report unknown, "deferred until framing, pose and
// expression pass". A new or lost face, or a cheap failure, drops the
// carried results. expression_neutral also compares each frame with the
// subject's own relaxed face (ExpressionBaseline), learnt afresh for every
// new subject.
// One LiveAssessor per camera stream; `assess` is not thread-safe, the
// published assessments are immutable and may be shared freely.
class LiveAssessor {
public:
    // `models` must outlive the assessor; the spec is copied. Throws
    // ConfigError when the spec lacks a limit the engine needs.
    LiveAssessor(const Models& models, const spec::DocumentSpec& spec, LiveOptions options = {});

    // One frame (8-bit BGR, e.g. 1280x720). Throws InputError on an empty or
    // wrongly typed frame; the track is kept for the next good frame.
    std::shared_ptr<const Assessment> assess(const cv::Mat& bgr);

    // Forgets the tracked face and carried results (a new citizen).
    void reset();

    // The empty booth's plate to judge frames against, or nullptr for none
    // (see Assessor::use_plate). Thread-safe, unlike assess: the next frame
    // judged uses it; the expensive checks carried until their next refresh
    // were judged with the plate before.
    void use_plate(std::shared_ptr<const BackdropPlate> plate) { assessor_.use_plate(std::move(plate)); }

    const spec::DocumentSpec& spec() const { return assessor_.spec(); }

private:
    Assessor assessor_;
    LiveOptions options_;
    FaceTracker tracker_;
    ExpressionBaseline baseline_;
    cv::Mat gray_;                        // reused between frames to avoid an allocation per frame
    std::vector<CheckResult> carried_;    // the expensive checks' latest results, report order
    int frames_since_expensive_ = 0;
};

} // namespace kiosk::vision
