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
    ImageFolderFootage(const std::filesystem::path& folder, double hold_seconds);

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
