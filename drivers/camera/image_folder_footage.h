#pragma once

#include <filesystem>
#include <vector>

#include "camera/replay_footage.h"

namespace kiosk::camera {

// Still images shown one after another, each for a set time. Only the image
// on show is decoded and kept, so a folder of hundreds of portraits costs the
// memory of one.
class ImageFolderFootage : public ReplayFootage {
public:
    // `path`: a folder of images, or one image, shown as a folder of one.
    ImageFolderFootage(const std::filesystem::path& path, double hold_seconds);

    static bool is_image_name(const std::filesystem::path& file);

    cv::Mat picture_at(double seconds) override;

private:
    // Decodes the image at `index` or the next readable one after it.
    void show(std::size_t index);

    std::vector<std::filesystem::path> files_;
    std::vector<bool> unreadable_;   // remembered so a bad file is reported once
    double hold_seconds_;
    std::size_t shown_index_ = 0;
    cv::Mat shown_;
};

} // namespace kiosk::camera
