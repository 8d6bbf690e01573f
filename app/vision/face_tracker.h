#pragma once

#include <optional>

#include <opencv2/core.hpp>

#include "vision/face.h"
#include "vision/models.h"

namespace kiosk::vision {

// How the live path follows a face between camera frames.
struct TrackerOptions {
    // Frames between full detections while a face is tracked: a fresh
    // detection corrects drift and counts newcomers (face_count).
    int redetect_every = 15;
    // A tracked face whose landmark box moves or changes size by more than
    // this share of its size since the previous frame is treated as lost:
    // the landmarks no longer sit on a face that moved that fast.
    double max_box_change = 0.3;
    // A re-fitted face whose appearance (a small normalised grey patch of its
    // landmark box) correlates less than this with the previous frame's is
    // treated as lost: the landmark fit always returns a face-shaped answer,
    // even on an empty chair, so the pixels have to agree too.
    double min_appearance_similarity = 0.6;
};

// Follows one subject through a frame sequence. The HOG detector (on a copy
// reduced to 640 px, as for stills) runs only when there is no track, when
// the track looks lost, or every `redetect_every` frames; in between the 68
// landmarks are re-fitted in a box derived from the previous frame's
// landmarks, which costs about a millisecond instead of tens.
// Not thread-safe: one tracker per camera stream.
class FaceTracker {
public:
    explicit FaceTracker(const Models& models, TrackerOptions options = {});

    struct Update {
        int faces_found = 0;          // from the latest detection
        std::optional<Face> subject;  // the tracked face, fully measured on this frame
        bool detected = false;        // this frame ran the detector
        // The subject is the one tracked on the previous frame (tracked, or
        // re-detected where it was); false for a new or lost face.
        bool same_subject = false;
    };
    // `gray`: the frame in 8-bit grey.
    Update update(const cv::Mat& gray);

    // Forgets the track, e.g. when a new citizen sits down.
    void reset();

private:
    Update detect(const cv::Mat& gray);

    const Models& models_;
    TrackerOptions options_;
    std::optional<Face> last_;
    int faces_found_ = 0;
    int frames_since_detect_ = 0;
    // The detector's box relative to the landmarks' bounding box at the last
    // detection: (x, y) offset and (w, h) scale in units of the landmark box.
    // The landmark predictor was trained on detector boxes, so a box rebuilt
    // this way keeps its fit as good as on a detection frame.
    cv::Vec4d box_from_landmarks_;
    cv::Mat appearance_;   // the last accepted face's normalised patch
};

} // namespace kiosk::vision
