#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <opencv2/core.hpp>

#include "spec/crop_plan.h"
#include "vision/check_result.h"
#include "vision/face.h"

namespace kiosk::vision {

// The judgement of one frame against one document spec. Immutable once
// published: the live path hands it to the UI thread by shared_ptr<const>.
struct Assessment {
    std::string spec_id;
    cv::Size image_size;
    int faces_found = 0;
    std::optional<Face> face;             // the subject (largest face), when there is one
    std::optional<spec::CropPlan> crop;   // where the document's picture would be cut
    std::vector<CheckResult> checks;      // in check_id::all order
    // True when the subject could be separated from the background well enough
    // to make the background uniform; `background_note` says why not otherwise.
    // Measured on stills only: a live frame says "not measured on live frames".
    bool background_separable = false;
    std::string background_note;
    // The person's feathered mask (CV_8U, frame-sized, 255 = person) when
    // separable; empty otherwise. The photo stage composites with it.
    cv::Mat subject_alpha;

    const CheckResult* find(std::string_view id) const;
    // Pass when no check fails and none is unknown; Fail when any check fails;
    // Unknown otherwise.
    CheckStatus verdict() const;
    // The checks that fail, in report order.
    std::vector<const CheckResult*> failures() const;
};

} // namespace kiosk::vision
