#pragma once

#include <filesystem>
#include <optional>
#include <vector>

#include <opencv2/core.hpp>

#include "support/faces.h"
#include "vision/face_locator.h"
#include "vision/models.h"

namespace kiosk::test {

// One labelled photo of the shared set, decoded and with its faces located.
struct LabelledPhoto {
    FaceLabel label;
    std::filesystem::path file;
    cv::Mat bgr;
    cv::Mat gray;
    vision::LocatedFaces located;
    std::optional<PupilTruth> pupils;   // frl-london only
};

// The models, loaded once per test process.
const vision::Models& shared_models();

// Every photo in labels.csv, decoded and located once per test process
// (about 10 s). Call only after KIOSK_REQUIRE_FACES.
const std::vector<LabelledPhoto>& labelled_photos();

} // namespace kiosk::test
