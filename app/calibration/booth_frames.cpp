#include "calibration/booth_frames.h"

#include <algorithm>
#include <stdexcept>

#include <opencv2/imgproc.hpp>

namespace kiosk::calibration {
namespace {

// Waits are cut into slices this long, so a cancel is noticed promptly.
constexpr std::chrono::milliseconds wait_slice{50};

} // namespace

FrameTaker::FrameTaker(const camera::CameraSource& camera, std::chrono::milliseconds timeout, std::stop_token cancel)
    : camera_(camera), timeout_(timeout), cancel_(std::move(cancel))
{
}

void FrameTaker::changed(int settle)
{
    // Sequence numbers count sensor frames, dropped ones too, so settling is
    // counted on them rather than on frames seen.
    const auto latest = camera_.frames().latest();
    stale_until_ = (latest ? latest->sequence : 0) + static_cast<std::uint64_t>(settle);
}

std::vector<cv::Mat> FrameTaker::take(int count, const std::optional<camera::CameraControls>& controls)
{
    std::vector<cv::Mat> frames;
    auto deadline = std::chrono::steady_clock::now() + timeout_;
    while (static_cast<int>(frames.size()) < count) {
        if (cancelled() || std::chrono::steady_clock::now() > deadline)
            return {};
        const auto frame = last_seen_ ? camera_.frames().wait_newer(*last_seen_, wait_slice)
                                      : camera_.frames().wait_any(wait_slice);
        if (!frame)
            continue;
        last_seen_ = frame->sequence;
        if (stale_until_ && frame->sequence <= *stale_until_)
            continue;
        if (controls && frame->controls != *controls)
            continue;
        frames.push_back(frame->image);
        deadline = std::chrono::steady_clock::now() + timeout_;
    }
    return frames;
}

cv::Mat median_frame(const std::vector<cv::Mat>& frames)
{
    if (frames.empty())
        throw std::invalid_argument("median_frame: no frames");
    const cv::Mat& first = frames.front();
    for (const cv::Mat& f : frames)
        if (f.size() != first.size() || f.type() != CV_8UC3)
            throw std::invalid_argument("median_frame: frames differ in size or type");
    cv::Mat median(first.size(), CV_8UC3);
    std::vector<const uchar*> rows(frames.size());
    std::vector<uchar> values(frames.size());
    const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
    const int width = first.cols * 3;
    for (int y = 0; y < first.rows; ++y) {
        for (std::size_t i = 0; i < frames.size(); ++i)
            rows[i] = frames[i].ptr<uchar>(y);
        uchar* out = median.ptr<uchar>(y);
        for (int x = 0; x < width; ++x) {
            for (std::size_t i = 0; i < frames.size(); ++i)
                values[i] = rows[i][x];
            std::nth_element(values.begin(), middle, values.end());
            out[x] = *middle;
        }
    }
    return median;
}

cv::Mat mean_frame(const std::vector<cv::Mat>& frames)
{
    if (frames.empty())
        throw std::invalid_argument("mean_frame: no frames");
    cv::Mat sum = cv::Mat::zeros(frames.front().size(), CV_32FC3);
    for (const cv::Mat& f : frames)
        cv::accumulate(f, sum);
    cv::Mat mean;
    sum.convertTo(mean, CV_8UC3, 1.0 / static_cast<double>(frames.size()));
    return mean;
}

} // namespace kiosk::calibration
