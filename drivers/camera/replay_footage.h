#pragma once

#include <filesystem>
#include <memory>

#include <opencv2/core.hpp>

namespace kiosk::camera {

// The pictures a replay camera films: what stands in front of the lens.
class ReplayFootage {
public:
    virtual ~ReplayFootage() = default;

    // The picture in front of the camera `seconds` after streaming began,
    // 8-bit BGR. Throws InputError when nothing can be read any more.
    virtual cv::Mat picture_at(double seconds) = 0;

    // A folder of images (.jpg, .jpeg, .png, .bmp, in name order, each shown
    // for `image_hold_seconds`), one such image (shown for ever, as a folder
    // of one) or a video file (played at its own rate). All loop. Throws
    // InputError naming the path when it does not exist, holds no image, or
    // nothing in it can be decoded.
    static std::unique_ptr<ReplayFootage> open(const std::filesystem::path& path, double image_hold_seconds);
};

} // namespace kiosk::camera
