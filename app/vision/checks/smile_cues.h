#pragma once

#include <array>

#include "spec/thresholds.h"
#include "vision/checks/face_frame.h"

namespace kiosk::vision {

// The landmark-shape smile cues of one face (mouth width over the eyes and
// over the jaw, corner lift, corners below the nose), the lift-like ones
// corrected for looking up or down (SmileShape::nose_drop), each scaled so a
// typical neutral face reads 0 and a typical smile 1 (the
// "expression_neutral" entries of the spec's limits). Signed: a value below 0
// is a face more relaxed than the typical one.
using SmileCues = std::array<double, 4>;

// Throws ConfigError when a cue's neutral and smiling values are equal.
SmileCues smile_cues(const FaceFrame& frame, const spec::Thresholds& limits);

// The still photo's smile score: the mean of the cues, each counted only on
// its smiling side, so a mouth that turns down at rest cannot cancel one
// smiling wide.
double smile_score(const SmileCues& cues);

// How far `now` has moved towards a smile from `relaxed`, the same person's
// cues at rest: the mean signed change, in the same units as smile_score.
double smile_rise(const SmileCues& now, const SmileCues& relaxed);

} // namespace kiosk::vision
