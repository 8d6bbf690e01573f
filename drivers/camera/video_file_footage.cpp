#include "camera/video_file_footage.h"

#include <cmath>

#include "core/error.h"

namespace kiosk::camera {

// FFmpeg explicitly: it reads every common file format, and letting OpenCV
// try each backend in turn fills the log with GStreamer noise on a bad file.
VideoFileFootage::VideoFileFootage(const std::filesystem::path& file) : file_(file)
{
    if (!capture_.open(file.string(), cv::CAP_FFMPEG))
        throw InputError("replay video " + file.string() + " cannot be opened as a video");
    if (const double fps = capture_.get(cv::CAP_PROP_FPS); fps > 0 && std::isfinite(fps))
        fps_ = fps;
    frame_count_ = static_cast<long long>(capture_.get(cv::CAP_PROP_FRAME_COUNT));
    if (!advance())
        throw InputError("replay video " + file.string() + " has no frame that can be decoded");
}

void VideoFileFootage::rewind()
{
    // Reopening is the one rewind every backend supports; seeking to frame 0
    // is not reliable for all containers.
    capture_.release();
    if (!capture_.open(file_.string(), cv::CAP_FFMPEG))
        throw InputError("replay video " + file_.string() + " cannot be reopened");
    current_index_ = -1;
}

bool VideoFileFootage::advance()
{
    cv::Mat next;
    if (!capture_.read(next) || next.empty())
        return false;
    if (next.channels() != 3)
        throw InputError("replay video " + file_.string() + " does not decode to colour frames");
    current_ = next;
    ++current_index_;
    return true;
}

cv::Mat VideoFileFootage::picture_at(double seconds)
{
    long long wanted = static_cast<long long>(std::floor(std::max(0.0, seconds) * fps_));
    if (frame_count_ > 0)
        wanted %= frame_count_;
    if (wanted < current_index_)
        rewind();
    while (current_index_ < wanted) {
        if (!advance()) {
            // The container promised more frames than it holds (or did not
            // say): loop from the start.
            rewind();
            if (!advance())
                throw InputError("replay video " + file_.string() + " stopped decoding");
            break;
        }
    }
    return current_;
}

} // namespace kiosk::camera
