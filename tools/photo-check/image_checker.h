#pragma once

#include <filesystem>
#include <optional>
#include <set>
#include <string>

#include "image_report.h"
#include "photo/photo_settings.h"
#include "vision/assessor.h"

namespace kiosk::photo_check {

// Reads, judges and (with an output folder) crops one image after another
// with one assessor, so the models are loaded once per process.
class ImageChecker {
public:
    ImageChecker(const vision::Assessor& assessor, const photo::PhotoSettings& settings,
                 std::optional<std::filesystem::path> out_dir);

    // Never throws for a bad image: the report carries the error.
    ImageReport check(const std::string& image);

private:
    WrittenPhoto write_document_photo(const std::string& image, const cv::Mat& bgr, const vision::Assessment& a);
    std::filesystem::path output_path(const std::string& image);

    const vision::Assessor& assessor_;
    const photo::PhotoSettings& settings_;
    std::optional<std::filesystem::path> out_dir_;
    std::set<std::filesystem::path> written_;   // so two images with one stem do not overwrite each other
};

} // namespace kiosk::photo_check
