#pragma once

#include <string>

#include <opencv2/core.hpp>

#include "photo/photo_settings.h"
#include "spec/crop_plan.h"
#include "spec/document_spec.h"

namespace kiosk::photo {

// The document's picture, before encoding.
struct DocumentPhoto {
    cv::Mat picture;   // 8-bit BGR, the spec's output size
    // True when the background was replaced with the spec's first colour;
    // otherwise the captured background is kept and `background_note` says why.
    bool background_replaced = false;
    std::string background_note;
};

// Cuts the document's picture out of a capture: the CropPlan's affine map
// (scale, small straightening, placement) with area averaging before a large
// reduction and bicubic resampling after it. Where `subject_mask` (8-bit,
// source size, 255 = subject, may be soft; empty when the subject could not
// be separated) is given, everything outside the subject becomes the spec's
// first background colour, blended across a feathered edge. Nothing else is
// changed: never mirrored, no retouching, no colour correction.
DocumentPhoto render_document_photo(cv::InputArray bgr, const spec::CropPlan& plan, const spec::DocumentSpec& spec,
                                    cv::InputArray subject_mask, const RenderSettings& settings);

} // namespace kiosk::photo
