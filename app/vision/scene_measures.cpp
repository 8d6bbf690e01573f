#include "vision/scene_measures.h"

#include "vision/crop_window.h"

namespace kiosk::vision {

SceneMeasures::SceneMeasures(const cv::Mat& bgr, const Face& face, const spec::DocumentSpec& spec,
                             const spec::CropPlan& crop, const cv::Mat& subject_alpha, const BackdropPlate* plate)
    : bgr_(bgr), face_(face), spec_(spec), crop_(crop), subject_alpha_(subject_alpha), plate_(plate)
{
}

const BackdropMeasures& SceneMeasures::backdrop() const
{
    if (!backdrop_)
        backdrop_ = measure_backdrop(bgr_, face_, crop_window(crop_, spec_.output, face_),
                                     spec_.checks.number("background_uniform", "busy_delta"), subject_alpha_, plate_,
                                     spec_.checks.number("background_shadow", "plate_shadow_share"));
    return *backdrop_;
}

const FaceSkin& SceneMeasures::skin() const
{
    if (!skin_)
        skin_ = face_skin(bgr_, face_);
    return *skin_;
}

} // namespace kiosk::vision
