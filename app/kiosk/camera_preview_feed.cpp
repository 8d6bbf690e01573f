#include "kiosk/camera_preview_feed.h"

namespace kiosk::runtime {

session::PreviewFrame CameraPreviewFeed::latest() const
{
    const auto frame = frames_.latest();
    if (!frame)
        return {std::make_shared<const cv::Mat>(), {}, 0};
    // Aliasing: the picture lives as long as its frame.
    return {std::shared_ptr<const cv::Mat>(frame, &frame->image), frame->timestamp, frame->sequence};
}

} // namespace kiosk::runtime
