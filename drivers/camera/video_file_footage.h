#pragma once

#include <filesystem>

#include <opencv2/videoio.hpp>

#include "camera/replay_footage.h"

namespace kiosk::camera {

// A recorded video played at its own frame rate, looping at the end,
// whatever rate the replay camera runs at (frames are repeated or skipped).
class VideoFileFootage : public ReplayFootage {
public:
    explicit VideoFileFootage(const std::filesystem::path& file);

    cv::Mat picture_at(double seconds) override;

private:
    void rewind();
    // Reads the next frame; false at the end of the file.
    bool advance();

    std::filesystem::path file_;
    cv::VideoCapture capture_;
    double fps_ = 25;
    long long frame_count_ = 0;    // 0 when the container does not say
    long long current_index_ = -1;
    cv::Mat current_;
};

} // namespace kiosk::camera
