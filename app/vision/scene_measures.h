#pragma once

#include <optional>

#include <opencv2/core.hpp>

#include "spec/crop_plan.h"
#include "spec/document_spec.h"
#include "vision/backdrop_measures.h"
#include "vision/face.h"
#include "vision/face_skin.h"

namespace kiosk::vision {

// The measurements several scene checks share, each taken once per frame on
// first use: the backdrop inside the crop (background_uniform,
// background_shadow, colour_cast) and the face's skin (face_shadow,
// face_hotspot, exposure, colour_cast). On first use, so a live frame whose
// expensive checks are deferred pays nothing. One frame's checks run on one
// thread; the memo is not shared between threads.
class SceneMeasures {
public:
    // `subject_alpha`: the person as separated by subject_mask.h (frame size),
    // or empty; when given, the backdrop leaves out all of the person, not
    // just the landmark priors. `plate`: the empty booth, or nullptr (see
    // measure_backdrop). The arguments must outlive this object.
    SceneMeasures(const cv::Mat& bgr, const Face& face, const spec::DocumentSpec& spec, const spec::CropPlan& crop,
                  const cv::Mat& subject_alpha, const BackdropPlate* plate = nullptr);
    SceneMeasures(const SceneMeasures&) = delete;
    SceneMeasures& operator=(const SceneMeasures&) = delete;

    // Measured with the limits "background_uniform.busy_delta" and
    // "background_shadow.plate_shadow_share".
    const BackdropMeasures& backdrop() const;
    const FaceSkin& skin() const;

private:
    const cv::Mat& bgr_;
    const Face& face_;
    const spec::DocumentSpec& spec_;
    const spec::CropPlan& crop_;
    const cv::Mat& subject_alpha_;
    const BackdropPlate* plate_;
    mutable std::optional<BackdropMeasures> backdrop_;
    mutable std::optional<FaceSkin> skin_;
};

} // namespace kiosk::vision
