#pragma once

#include <opencv2/core.hpp>

#include "spec/crop_plan.h"
#include "spec/document_spec.h"
#include "vision/face.h"
#include "vision/scene_measures.h"

namespace kiosk::vision {

class Models;

// Everything a subject or scene check may look at. Built once per frame by
// the assessor; checks only read it.
struct CheckContext {
    const cv::Mat& bgr;                  // the frame, 8-bit BGR
    const cv::Mat& gray;                 // same frame, 8-bit grey
    const Face& face;                    // the subject
    const spec::DocumentSpec& spec;
    const spec::CropPlan& crop;          // where the document's picture would be cut
    const Models& models;                // cascades and predictors loaded once per process
    // The person as separated from the backdrop, when the assessor did so
    // (stills whose backdrop separates); empty otherwise.
    cv::Mat subject_alpha = {};
    // The empty booth the assessor was given (vision/backdrop_plate.h), or none.
    const BackdropPlate* plate = nullptr;
    // Measurements shared by the scene checks, taken once on first use.
    SceneMeasures scene{bgr, face, spec, crop, subject_alpha, plate};
};

} // namespace kiosk::vision
