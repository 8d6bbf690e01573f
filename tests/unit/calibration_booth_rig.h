#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "calibration/calibration_report.h"
#include "camera/replay_source.h"
#include "core/paths.h"
#include "lightseat/messages.h"
#include "support/test_folder.h"
#include "unit/calibration_figure.h"

namespace kiosk::calibration::test {

// The booth as the replay camera's booth model sees it, read off the board's
// own state: its lamps and its seat, not what the host asked for.
inline camera::BoothState booth_state_of(const lightseat::DeviceStatus& status)
{
    return {static_cast<double>(status.lights.key_left), static_cast<double>(status.lights.key_right),
            static_cast<double>(status.lights.background), static_cast<double>(status.seat_mm)};
}

// An empty booth: an even backdrop, or one lit with a gradient from left to right.
inline cv::Mat empty_booth(int left_level, int right_level, cv::Size size = {960, 540})
{
    cv::Mat picture(size, CV_8UC3);
    for (int x = 0; x < size.width; ++x)
        picture.col(x).setTo(cv::Scalar::all(left_level + (right_level - left_level) * x / (size.width - 1.0)));
    return picture;
}

// A mid-grey card held where the face will be, in an even booth.
inline cv::Mat grey_card_booth(cv::Size size = {960, 540})
{
    cv::Mat picture = empty_booth(200, 200, size);
    cv::rectangle(picture, cv::Rect(size.width * 2 / 5, size.height / 4, size.width / 5, size.height / 2),
                  cv::Scalar::all(128), cv::FILLED);
    return picture;
}

// The replay camera filming one picture in a booth whose state `booth` reports.
class BoothCamera {
public:
    BoothCamera(const kiosk::test::TestFolder& folder, const cv::Mat& picture, camera::BoothStateSource booth,
                const std::function<void(camera::ReplaySettings&)>& adjust = {})
    {
        const auto footage = folder.path() / "footage";
        std::filesystem::create_directories(footage);
        cv::imwrite((footage / "booth.png").string(), picture);
        auto settings = camera::ReplaySettings::load(config_dir() / "camera" / "replay.json");
        settings.motion = camera::MotionScript();
        if (adjust)
            adjust(settings);
        source_ = std::make_unique<camera::ReplaySource>(footage, settings);
        source_->connect_booth(std::move(booth));
        source_->start({{640, 360}, 30});
    }

    camera::ReplaySource& source() { return *source_; }

private:
    std::unique_ptr<camera::ReplaySource> source_;
};

// The figures of one progress step on one line, for the test's output.
inline std::string progress_line(const ProcedureProgress& p)
{
    std::string line = p.procedure + " step " + std::to_string(p.step) + ":";
    for (const auto& f : p.figures) {
        char value[32];
        std::snprintf(value, sizeof value, "%.3f", f.value);
        line += " " + f.name + "=" + value;
    }
    return line;
}

} // namespace kiosk::calibration::test
