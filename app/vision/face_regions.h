#pragma once

#include <vector>

#include <opencv2/core.hpp>

#include "vision/face.h"

namespace kiosk::vision {

using Polygon = std::vector<cv::Point2f>;

// Areas of the face and of the person around it, built from the 68 landmarks
// in the frame's pixel coordinates. The lighting checks compare skin areas;
// the background checks and the subject mask need to know where the person
// (with hair and shoulders) probably is.
struct FaceRegions {
    // Skin between the lower eyelid, the nose, the mouth corner and the jaw,
    // pulled in from the jaw line so a landmark a few pixels off does not
    // reach the background. "image_left" is the subject's right cheek.
    Polygon cheek_image_left;
    Polygon cheek_image_right;
    // Above the brows, about a third of the brow-to-chin height: the usual
    // place for a hot spot, and often partly covered by a fringe.
    Polygon forehead;
    // Bridge and tip of the nose.
    Polygon nose;
    // The head with a typical amount of hair: an ellipse from the chin to an
    // estimated crown, wider than the cheeks.
    Polygon head;
    // Neck and shoulders, from the chin down to well below the frame.
    Polygon torso;
    // Landmark face outline: jaw and brows.
    Polygon face_outline;
    double face_width = 0;      // jaw landmark 0 to 16
};

FaceRegions face_regions(const Face& face);

// The face cut out of a frame (jaw, brows and forehead with a margin) and
// reduced so the eyes are about `eye_distance` pixels apart: face measures
// then cost the same and mean the same whatever the frame's resolution.
// A face already smaller is left as it is.
struct FacePatch {
    cv::Mat image;
    cv::Point2f origin;   // frame coordinates of the patch's top-left pixel
    double scale = 1;     // patch pixels per frame pixel
};

FacePatch face_patch(const cv::Mat& image, const Face& face, double eye_distance);

// Fills `poly` (frame coordinates) into the CV_8U `mask` with `value`, where
// the mask covers the frame from `origin` at `scale` mask pixels per frame pixel.
void fill_region(cv::Mat& mask, const Polygon& poly, cv::Point2f origin, double scale, uchar value = 255);

// `mask` (CV_8U) grown by `radius` pixels in every direction. Through a
// distance transform, so a radius of fifty pixels costs what one does.
cv::Mat grown(const cv::Mat& mask, double radius);

} // namespace kiosk::vision
