#pragma once

#include <opencv2/core.hpp>

#include "spec/crop_plan.h"
#include "spec/document_spec.h"

namespace kiosk::session {

// Where the document's crop window lies in a live frame, which tells both the
// face guide and the seat where the head should be: the window is best in the
// middle of the frame, with room to spare on every side.

// The crop window's centre in source (frame) pixels.
cv::Point2d crop_window_centre(const spec::CropPlan& plan, const spec::OutputFormat& output);

// How far the crop window's centre sits below the middle of the frame, as a
// fraction of the frame height (negative: above the middle).
double crop_window_offset(const spec::CropPlan& plan, const spec::OutputFormat& output, cv::Size frame);

// `box` (frame pixels) normalised to 0..1 and mirrored left to right, as the
// citizen sees it on the preview.
cv::Rect2f mirrored_normalised(const cv::Rect2d& box, cv::Size frame);

// Where the face should be on the mirrored preview: the face's box moved by
// as much as the crop window is away from the middle of the frame.
cv::Rect2f guide_target(const cv::Rect& face_box, const spec::CropPlan& plan, const spec::OutputFormat& output,
                        cv::Size frame);

} // namespace kiosk::session
