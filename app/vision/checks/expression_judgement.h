#pragma once

#include <opencv2/core.hpp>

#include "spec/thresholds.h"
#include "vision/check_result.h"
#include "vision/face.h"

namespace kiosk::vision {

// The judgements behind check_eyes_open, check_mouth_closed and
// check_expression_neutral (expression_checks.h), on just the frame, the face
// and the spec's limits: they need no models, so callers and tests that have
// no CheckContext can use them without loading the landmark predictor.
// Limits are read from the "eyes_open", "mouth_closed" and
// "expression_neutral" entries of `limits`.
CheckResult judge_eyes_open(const Face& face, cv::Size frame, const spec::Thresholds& limits);
CheckResult judge_mouth_closed(cv::InputArray bgr, const Face& face, const spec::Thresholds& limits);
CheckResult judge_expression_neutral(const Face& face, cv::Size frame, const spec::Thresholds& limits);

} // namespace kiosk::vision
