#pragma once

#include "vision/checks/face_frame.h"

namespace kiosk::vision {

// Shape measures of the eyes and mouth, all in the face frame (units of the
// eye distance), so they hold at any distance from the camera.

// Eye aspect ratio of the eye contour starting at `first` (36: subject's
// right eye, 42: left): mean lid-to-lid height over corner-to-corner width.
// About 0.3 for an open eye, under 0.1 for a closed one.
double eye_aspect_ratio(const FaceFrame& frame, int first);

// Mean distance between the inner edges of the upper and lower lip at the
// three inner-lip landmark pairs (61-67, 62-66, 63-65).
double lip_gap(const FaceFrame& frame);

// What a smile does to the landmark shape: the mouth widens, its corners rise
// above the line between the lips and towards the nose.
struct SmileShape {
    double mouth_width_to_eyes = 0;   // corner to corner (48-54)
    double mouth_width_to_jaw = 0;    // the same over the jaw width at landmarks 2-14
    double corner_lift = 0;           // inner-lip centre line below the corners (positive: corners up)
    double corner_below_nose = 0;     // corners below the nose wings (31, 35)
    // How far the nose tip (30) sits below the jaw points at ear level (2, 14).
    // Looking down moves the front of the face down in the picture against
    // the sides, for the nose tip and the lip centre alike, so this measures
    // the pitch that would otherwise read as a smile.
    double nose_drop = 0;
};

SmileShape smile_shape(const FaceFrame& frame);

} // namespace kiosk::vision
